/**
 * The benchmark home of the governance commands: the journal engineer's
 * generator (bench/journal/make-big-home.ts: 50 agents, 1,000,000 runs) ending
 * just before NOW, plus what costs, registry and review also read — operator
 * state, review marks, and the output files of the last 8 days' runs, so the
 * review draws real files.
 *
 *   node bench/governance/make-home.mjs <dir> [runs=1000000]
 */
import { execFileSync } from 'node:child_process';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NOW = '2026-11-23T07:30:00.000Z';
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Node 20 runs no TypeScript: the journal bench's build transpiles the generator and what it imports. */
async function generator() {
  execFileSync(process.execPath, [join(REPO, 'bench', 'journal', 'build.mjs')], { stdio: 'inherit' });
  return import(pathToFileURL(join(REPO, 'bench', 'journal', '.build', 'bench', 'journal', 'make-big-home.js')).href);
}

/** The last `bytes` of a file from its first whole line (780 MB do not fit in one string). */
function tail(file, bytes) {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.min(size, bytes));
    readSync(fd, buffer, 0, buffer.length, size - buffer.length);
    const text = buffer.toString('utf8');
    return buffer.length < size ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    closeSync(fd);
  }
}

export async function makeHome(dir, runs = 1_000_000) {
  const { makeBigHome, makeProfiles, mulberry32 } = await generator();
  const now = Date.parse(NOW);
  makeBigHome(dir, { runs, seed: 42, endMs: now - 30 * 60_000 });
  writeFileSync(join(dir, 'nightshift.yaml'), 'timezone: UTC\n', { mode: 0o600 });
  const names = makeProfiles(mulberry32(42)).map((p) => p.name);
  const agents = {};
  for (const name of names.slice(0, 3))
    agents[name] = {
      state: 'paused',
      reason: 'bench',
      since: '2026-11-20T08:00:00.000Z',
      by: 'bench',
      paused_until: null,
    };
  for (const name of names.slice(3, 5))
    agents[name] = {
      state: 'disabled',
      reason: 'bench',
      since: '2026-11-20T08:00:00.000Z',
      by: 'bench',
      paused_until: null,
    };
  writeFileSync(
    join(dir, 'state.json'),
    `${JSON.stringify({ v: 1, global: { stopped: false, since: null, by: null, reason: null }, agents }, null, 2)}\n`,
    { mode: 0o600 },
  );
  const marks = names.map((agent, i) =>
    JSON.stringify({
      v: 1,
      at: new Date(now - (i % 14) * 86_400_000).toISOString(),
      by: 'bench',
      agent,
      note: i % 5 === 0 ? 'cost per run creeping up' : null,
      concern: i % 5 === 0,
      output_file: null,
    }),
  );
  writeFileSync(join(dir, 'logs', 'reviews.jsonl'), `${marks.join('\n')}\n`, { mode: 0o600 });
  // outputs of the last 8 days: read the journal's tail, the runs are in (nearly) end order
  const journal = tail(join(dir, 'logs', 'runs.jsonl'), 64 * 1024 * 1024);
  const from = now - 8 * 86_400_000;
  let files = 0;
  for (let end = journal.length - 1, start; end > 0; end = start) {
    // (journal ends with a newline; each step takes the line before `end`)
    start = journal.lastIndexOf('\n', end - 1);
    const run = JSON.parse(journal.slice(start + 1, end));
    if (Date.parse(run.ended_at) < from) break;
    if (!run.output_file) continue;
    const path = join(dir, run.output_file);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(
      path,
      `Summary of ${run.agent}, ${run.started_at}:\n- first point\n- second point\n- third point\nSTATUS: OK\nEND_OF_RUN\n`,
      { mode: 0o600 },
    );
    files++;
  }
  return { dir, runs, outputs: files };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, runs = '1000000'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node bench/governance/make-home.mjs <dir> [runs=1000000]');
    process.exit(2);
  }
  const started = Date.now();
  const made = await makeHome(resolve(dir), Number(runs));
  console.log(
    `${made.runs} runs, ${made.outputs} output files in ${made.dir} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}
