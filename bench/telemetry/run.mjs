#!/usr/bin/env node
// What OTLP export adds to a run's exit (issue 16: at most 20 ms with the
// receiver up, at most 100 ms with it down), against the BUILT CLI:
//   node bench/telemetry/run.mjs [--runs N]
// Three ways of the same `nightshift run` of a command agent, interleaved so a
// slow minute slows all alike: no export configured (the baseline), export to a
// receiver on 127.0.0.1 that takes the record, and export to a port where
// nothing listens (the record goes to the spool, which is emptied before each
// run so every sample is one record not sent). Each figure is a median: of the
// time from the run's end (its record's ended_at) to the process's exit, where
// the record is written, the hooks run and the export happens, and of the
// whole process; deltas are against the baseline in the same run.
// Writes bench/telemetry/results.json.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../support.mjs';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(REPO, 'bin/nightshift.js');
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 21;
if (!existsSync(join(REPO, 'dist/cli/main.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}

const home = await mkdtemp(join(tmpdir(), 'ns-bench-otlp-'));
for (const dir of ['agents', 'logs', 'run', 'outputs']) await mkdir(join(home, dir), { recursive: true });
await writeFile(join(home, 'nightshift.yaml'), 'timezone: UTC\n');
// `noop` ends at once (the worst case: nothing overlaps the run); `worker` works 0.5 s, as an agent does for
// seconds, so what the export loads while the agent runs is loaded by its exit
const agent = (name, command) =>
  writeFile(
    join(home, 'agents', `${name}.md`),
    `---\nname: ${name}\ndescription: bench agent\nrunner:\n  kind: command\n  command: ${JSON.stringify(command)}\n---\nBench agent.\n`,
  );
await agent('noop', ['printf', 'done\nSTATUS: OK\nEND_OF_RUN\n']);
await agent('worker', ['sh', '-c', 'sleep 0.5; printf "done\nSTATUS: OK\nEND_OF_RUN\n"']);

const receiver = spawn(process.execPath, [fileURLToPath(new URL('./receiver.mjs', import.meta.url))], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise((resolve) => receiver.stdout.once('data', (chunk) => resolve(Number(String(chunk)))));
const closed = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});

// none of this machine's OTEL_* settings: each way names its own
const clean = Object.fromEntries(
  Object.keys(process.env)
    .filter((k) => k.startsWith('OTEL_'))
    .map((k) => [k, '']),
);
const ways = {
  off: {},
  up: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` },
  down: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${closed}` },
};
const spool = join(home, 'spool', 'otlp');
/**
 * One run (`--json`, so its record comes back): its whole wall time, its CPU
 * (GNU time, to 10 ms), and the time from the run's end (the record's
 * ended_at) to the process's exit: the record is written, the hooks run, the
 * export happens in there; the start-up's noise is not in it.
 */
function once(agentName, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let stdout = '';
    let stderr = '';
    const child = spawn(
      '/usr/bin/time',
      ['-f', 'CPU %U %S', process.execPath, BIN, 'run', agentName, '--home', home, '--json'],
      { env: { ...process.env, ...clean, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      const exitAt = Date.now();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) return reject(new Error(`${agentName} exited ${code}: ${stderr}`));
      const [, user, system] = /CPU ([\d.]+) ([\d.]+)/.exec(stderr);
      const endedAt = Date.parse(JSON.parse(stdout).ended_at);
      resolve({ ms, cpuMs: (Number(user) + Number(system)) * 1000, tailMs: exitAt - endedAt });
    });
  });
}

async function measure(agentName) {
  for (const env of Object.values(ways)) await once(agentName, env); // warm the page cache and the parse caches
  const samples = Object.fromEntries(Object.keys(ways).map((way) => [way, []]));
  let spooled = 0;
  // interleaved, so a minute when the host runs slow slows every way alike
  for (let i = 0; i < RUNS; i++)
    for (const [way, env] of Object.entries(ways)) {
      await rm(spool, { recursive: true, force: true });
      samples[way].push(await once(agentName, env));
      if (way === 'down') spooled += (await readdir(spool).catch(() => [])).length;
    }
  const med = (way, key) => Math.round(median(samples[way].map((s) => s[key])) * 10) / 10;
  const ways_ = Object.keys(ways);
  const wall = Object.fromEntries(ways_.map((way) => [way, med(way, 'ms')]));
  const tail = Object.fromEntries(ways_.map((way) => [way, med(way, 'tailMs')]));
  const cpu = Object.fromEntries(ways_.map((way) => [way, med(way, 'cpuMs')]));
  const round = (value) => Math.round(value * 10) / 10;
  const compare = (way) => ({
    exit_added_ms: round(tail[way] - tail.off),
    run_added_ms: round(wall[way] - wall.off),
    run_ratio: Math.round((wall[way] / wall.off) * 100) / 100,
    cpu_added_ms: round(cpu[way] - cpu.off),
  });
  return {
    median_run_ms: wall,
    median_exit_ms: tail,
    median_cpu_ms: cpu,
    up: compare('up'),
    down: { ...compare('down'), runs_spooled: `${spooled} of ${RUNS}` },
  };
}

const results = {
  runs: RUNS,
  load_average_before: loadavg().map((l) => Math.round(l * 10) / 10),
  targets_added_ms: { up: 20, down: 100 },
  agent_of_half_a_second: await measure('worker'),
  agent_that_ends_at_once: await measure('noop'),
};
results.load_average_after = loadavg().map((l) => Math.round(l * 10) / 10);
receiver.kill();
await rm(home, { recursive: true, force: true });
await writeFile(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log(`OTLP export at a run's exit, median of ${RUNS} (load ${results.load_average_before.join(' ')})`);
for (const kind of ['agent_of_half_a_second', 'agent_that_ends_at_once']) {
  const r = results[kind];
  console.log(`${kind.replaceAll('_', ' ')}: the run's end (ended_at) → exit, and the whole run`);
  console.log(`  no export       ${r.median_exit_ms.off} ms   run ${r.median_run_ms.off} ms`);
  console.log(
    `  receiver up     ${r.median_exit_ms.up} ms   run ${r.median_run_ms.up} ms: exit +${r.up.exit_added_ms} ms ` +
      `(target ≤ +20 ms), run ${r.up.run_ratio}x, cpu +${r.up.cpu_added_ms} ms`,
  );
  console.log(
    `  receiver down   ${r.median_exit_ms.down} ms   run ${r.median_run_ms.down} ms: exit +${r.down.exit_added_ms} ms ` +
      `(target ≤ +100 ms), run ${r.down.run_ratio}x, cpu +${r.down.cpu_added_ms} ms; spooled ${r.down.runs_spooled}`,
  );
}
