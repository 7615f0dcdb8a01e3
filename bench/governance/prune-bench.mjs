/**
 * prune over 10,000 outputs: time and peak memory, median of 3 fresh homes.
 *
 *   npm run build && node bench/governance/prune-bench.mjs [outputs=10000] [repeats=3]
 *
 * Each home has 10 agents with 1,000 outputs each (about 1 KB, one a day going
 * back ~2.7 years, each with its run record): 8 agents `retention: daily`
 * (archive after 90 days), 2 with `{ keep: 30d, then: delete }`. Writes
 * bench/governance/prune-results.json and prints a table.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rooms } from '../support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
await rooms(); // bench/.work/rooms.mjs, which prune-probe.mjs runs
const total = Number(process.argv[2] ?? 10_000);
const repeats = Number(process.argv[3] ?? 3);
const AGENTS = 10;
const DAY = 86_400_000;
const now = Date.now();

function makeHome() {
  const root = mkdtempSync(join(tmpdir(), 'ns-prune-bench-'));
  for (const dir of ['agents', 'outputs', 'logs', 'run']) mkdirSync(join(root, dir));
  writeFileSync(join(root, 'nightshift.yaml'), 'timezone: UTC\n');
  const lines = [];
  const perAgent = Math.ceil(total / AGENTS);
  for (let a = 0; a < AGENTS; a++) {
    const name = `agent-${a}`;
    const retention = a < 8 ? 'daily' : '{ keep: 30d, then: delete }';
    writeFileSync(
      join(root, 'agents', `${name}.md`),
      `---\nname: ${name}\ndescription: bench agent\nrunner: { kind: extractive }\nretention: ${retention}\n---\nSummarize.\n`,
    );
    mkdirSync(join(root, 'outputs', name));
    for (let i = 0; i < perAgent && a * perAgent + i < total; i++) {
      const ended = new Date(now - i * DAY - 3_600_000);
      const file = `outputs/${name}/${ended.toISOString().slice(0, 10)}.md`;
      const items = Array.from(
        { length: 8 },
        (_, k) => `- ${randomUUID()} item ${k} of the day, with some words to make it real\n`,
      );
      const body = `Day summary (${ended.toISOString().slice(0, 10)}):\n${items.join('')}STATUS: OK\nEND_OF_RUN\n`;
      writeFileSync(join(root, file), body);
      lines.push(
        JSON.stringify({
          v: 1,
          run_id: randomUUID(),
          agent: name,
          trigger: 'cron',
          started_at: new Date(ended.getTime() - 1000).toISOString(),
          ended_at: ended.toISOString(),
          duration_ms: 1000,
          status: 'OK',
          reason: null,
          limit_hit: null,
          input_file: null,
          input_size_bytes: null,
          output_file: file,
          output_size_bytes: body.length,
          tool_calls: [],
          llm_calls: 0,
          tokens: { input: 0, output: 0 },
          cost_usd: 0,
          runner: 'extractive',
          model: null,
          exit_code: 0,
          prompt_sha256: null,
          definition_sha256: null,
          host: 'bench',
          version: '0.1.0',
        }),
      );
    }
  }
  writeFileSync(join(root, 'logs', 'runs.jsonl'), `${lines.join('\n')}\n`);
  return root;
}

function probe(root, dry) {
  const out = execFileSync(process.execPath, [join(here, 'prune-probe.mjs'), root, ...(dry ? ['--dry-run'] : [])], {
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const dry = [];
const real = [];
for (let r = 0; r < repeats; r++) {
  const root = makeHome();
  try {
    dry.push(probe(root, true));
    real.push(probe(root, false));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
const result = {
  date: new Date().toISOString(),
  node: process.version,
  outputs: total,
  repeats,
  dry_run: {
    ms: median(dry.map((s) => s.ms)),
    peak_rss_mb: median(dry.map((s) => s.peakRssMb)),
    planned: dry[0].planned,
  },
  prune: {
    ms: median(real.map((s) => s.ms)),
    peak_rss_mb: median(real.map((s) => s.peakRssMb)),
    archived: real[0].archived,
    deleted: real[0].deleted,
    failed: real[0].failed,
    kept: real[0].kept,
  },
  samples: { dry, real },
};
writeFileSync(join(here, 'prune-results.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`prune of ${total} outputs, median of ${repeats} fresh homes (node ${process.version})`);
console.log(
  `  --dry-run  ${result.dry_run.ms} ms, peak RSS ${result.dry_run.peak_rss_mb} MB (${result.dry_run.planned} planned)`,
);
console.log(
  `  prune      ${result.prune.ms} ms, peak RSS ${result.prune.peak_rss_mb} MB (${result.prune.archived} ` +
    `archived + verified + deleted, ${result.prune.deleted} deleted by policy, ${result.prune.kept} kept)`,
);
