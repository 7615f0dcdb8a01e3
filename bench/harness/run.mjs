#!/usr/bin/env node
// Harness benchmarks against the BUILT CLI (run `npm run build` first):
//   node bench/harness/run.mjs [--runs N] [--only overhead]
// Prints a table and writes bench/harness/results.json. Each figure is a median
// over N runs, measured next to the alternative it replaces (the seed's shell
// recipe: `timeout 300 claude -p … > file`), in the same process, same machine.
//
//   overhead  `nightshift run` of a `command` agent running `true`
//             vs `timeout 300 true`; floor: `nightshift --version`, `node -e ''`;
//             with --base (bench/run.mjs), the same run by the base checkout's build
//   kill      time limit crossed → last process of the run gone (group and a
//             setsid'd escapee), obeying and ignoring SIGTERM; vs `timeout -k`
//   flood     peak RSS of the harness while the agent writes 1 GB against a
//             100 KB output limit, and how long the run lasts past the crossing;
//             vs the recipe's redirect, which writes the whole gigabyte
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseBin, rooms, timed } from '../support.mjs';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(REPO, 'bin/nightshift.js');
const DIST = join(REPO, 'dist');
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 11;
const GRACE_MS = 1000;

if (!existsSync(join(DIST, 'cli/main.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
// kill latency needs the harness in this process (its progress callback marks the crossing)
const { runAgent } = (await rooms()).harness;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (value) => Math.round(value * 10) / 10;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function makeHome(agents) {
  const root = await mkdtemp(join(tmpdir(), 'ns-bench-'));
  for (const dir of ['agents', 'logs', 'run', 'outputs']) await mkdir(join(root, dir), { recursive: true });
  await writeFile(join(root, 'nightshift.yaml'), `timezone: UTC\nharness:\n  kill_grace: ${GRACE_MS}ms\n`);
  for (const [name, front] of Object.entries(agents)) {
    await writeFile(
      join(root, 'agents', `${name}.md`),
      `---\nname: ${name}\ndescription: bench agent\n${front}---\nBench agent.\n`,
    );
  }
  return root;
}

/** Pids of running processes carrying NIGHTSHIFT_RUN_ID=<runId> (or any id with the prefix), zombies excluded. */
function runPids(needle) {
  const found = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      if (readFileSync(`/proc/${name}/environ`, 'latin1').includes(needle)) found.push(Number(name));
    } catch {
      // gone
    }
  }
  return found;
}

// ------------------------------------------------------------------ overhead
async function overhead() {
  const noop = { noop: 'runner:\n  kind: command\n  command: ["true"]\n' };
  const home = await makeHome(noop);
  const commands = {
    nightshift: [process.execPath, BIN, 'run', 'noop', '--home', home],
    recipe: ['timeout', '300', 'true'],
    version: [process.execPath, BIN, '--version'],
    bare: [process.execPath, '-e', ''],
  };
  // the base build gets a home of its own: one home would have each build find the other's parse caches stale
  const base = baseBin();
  const baseHome = base ? await makeHome(noop) : null;
  if (base) {
    commands.base = [process.execPath, base, 'run', 'noop', '--home', baseHome];
    commands.base_version = [process.execPath, base, '--version'];
  }
  for (const argv of Object.values(commands)) timed(argv, { allowFailure: true }); // warm the page cache and the parse caches
  const samples = Object.fromEntries(Object.keys(commands).map((key) => [key, []]));
  // interleaved, so a minute when the host runs slow slows every command alike
  for (let i = 0; i < RUNS; i++)
    for (const [key, argv] of Object.entries(commands)) samples[key].push(timed(argv, { allowFailure: true }));
  // where the time goes inside one run: the same run in-process, modules already loaded
  const inProcess = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await runAgent({ agent: 'noop', home });
    inProcess.push(performance.now() - started);
  }
  await rm(home, { recursive: true, force: true });
  if (baseHome) await rm(baseHome, { recursive: true, force: true });
  const m = Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, median(values.map((v) => v.ms))]));
  const cpu = Object.fromEntries(
    Object.entries(samples).map(([key, values]) => [key, median(values.map((v) => v.cpuMs))]),
  );
  return {
    runs: RUNS,
    nightshift_run_ms: m.nightshift,
    timeout_true_ms: m.recipe,
    added_ms: round(m.nightshift - m.recipe),
    target_added_ms: 150,
    over_bare_node_ms: round(m.nightshift - m.bare),
    limit_over_bare_node_ms: 100,
    floor_version_ms: m.version,
    floor_bare_node_ms: m.bare,
    in_process_run_ms: round(median(inProcess)),
    cpu_ms: { nightshift_run: cpu.nightshift, version: cpu.version, bare_node: cpu.bare },
    base: base
      ? {
          bin: base,
          run_ms: m.base,
          over_bare_node_ms: round(m.base - m.bare),
          version_ms: m.base_version,
          cpu_ms: { run: cpu.base, version: cpu.base_version },
        }
      : null,
  };
}

// ------------------------------------------------------------------ kill latency
async function killLatency(ignoreTerm) {
  const trap = ignoreTerm ? 'trap "" TERM; ' : '';
  // the leader, a child in its group, and an escapee in its own session
  const script = `${trap}setsid sh -c '${trap}sleep 60' </dev/null >/dev/null 2>&1 & sleep 60 & wait`;
  const home = await makeHome({
    sleeper: `runner:\n  kind: command\n  command: ["sh", "-c", ${JSON.stringify(script)}]\nlimits:\n  time: 400ms\n`,
  });
  const latencies = [];
  const recorded = [];
  for (let i = 0; i < RUNS; i++) {
    let crossedAt = 0;
    let goneAt = 0;
    let runId = '';
    const poll = setInterval(() => {
      if (!crossedAt || goneAt || !runId) return;
      if (runPids(`NIGHTSHIFT_RUN_ID=${runId}\0`).length === 0) goneAt = performance.now();
    }, 2);
    const record = await runAgent({
      agent: 'sleeper',
      home,
      onProgress: (snapshot) => {
        if (!crossedAt && snapshot.elapsedMs >= snapshot.limits.time) {
          crossedAt = performance.now();
          runId = readRunId(home, 'sleeper');
        }
      },
    });
    const doneAt = performance.now();
    clearInterval(poll);
    if (!goneAt) goneAt = runPids(`NIGHTSHIFT_RUN_ID=${record.run_id}\0`).length === 0 ? doneAt : Number.NaN;
    latencies.push(goneAt - crossedAt);
    recorded.push(doneAt - crossedAt);
  }
  // the recipe: `timeout -k` ends its child, not what the child started in another session
  const before = runPids('NIGHTSHIFT_BENCH_RECIPE=1').length;
  const started = performance.now();
  spawnSync('timeout', ['-k', `${GRACE_MS / 1000}s`, '0.4s', 'sh', '-c', script], {
    stdio: 'ignore',
    env: { ...process.env, NIGHTSHIFT_BENCH_RECIPE: '1' },
  });
  const recipeMs = performance.now() - started - 400;
  const recipeSurvivors = runPids('NIGHTSHIFT_BENCH_RECIPE=1').length - before;
  for (const pid of runPids('NIGHTSHIFT_BENCH_RECIPE=1')) process.kill(pid, 'SIGKILL');
  await rm(home, { recursive: true, force: true });
  return {
    runs: RUNS,
    obeys_sigterm: !ignoreTerm,
    grace_ms: GRACE_MS,
    crossing_to_all_gone_ms: round(median(latencies)),
    crossing_to_record_ms: round(median(recorded)),
    target_ms: ignoreTerm ? GRACE_MS + 200 : 100,
    recipe_timeout_k_ms: round(recipeMs),
    recipe_survivors: recipeSurvivors,
  };
}

function readRunId(home, agent) {
  try {
    return JSON.parse(readFileSync(join(home, 'run', `${agent}.lock`), 'utf8')).run_id;
  } catch {
    return '';
  }
}

// ------------------------------------------------------------------ flood
const GIGABYTE = 1024 ** 3;
const FLOOD = `head -c ${GIGABYTE} /dev/zero | tr '\\0' x`;

async function flood() {
  const home = await makeHome({
    flood: `runner:\n  kind: command\n  command: ["sh", "-c", ${JSON.stringify(FLOOD)}]\nlimits:\n  time: 60s\n  output_bytes: 100KB\n`,
  });
  const peaks = [];
  const durations = [];
  const walls = [];
  const n = Math.max(3, Math.ceil(RUNS / 2));
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'run', 'flood', '--home', home, '--json'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // exited
      }
    }, 5);
    await new Promise((resolve) => child.once('close', resolve));
    clearInterval(poll);
    walls.push(performance.now() - started);
    const record = JSON.parse(stdout);
    if (record.status !== 'OUTPUT_LIMIT') throw new Error(`flood ended ${record.status}: ${record.reason}`);
    peaks.push(peakKb / 1024);
    durations.push(record.duration_ms);
  }
  // the recipe's redirect: nothing stops it, the whole gigabyte lands in the output file
  const out = join(home, 'recipe.md');
  const started = performance.now();
  spawnSync('sh', ['-c', `timeout 300 sh -c "${FLOOD.replace(/"/g, '\\"')}" > ${out}`], { stdio: 'ignore' });
  const recipeMs = performance.now() - started;
  const recipeBytes = (await stat(out)).size;
  await rm(home, { recursive: true, force: true });
  return {
    runs: n,
    agent_writes_bytes: GIGABYTE,
    output_limit_bytes: 100 * 1024,
    harness_peak_rss_mb: round(median(peaks)),
    target_peak_rss_mb: 120,
    run_duration_ms: round(median(durations)),
    cli_wall_ms: round(median(walls)),
    target_ms_after_crossing: 1000,
    recipe_output_bytes: recipeBytes,
    recipe_wall_ms: round(recipeMs),
  };
}

// ------------------------------------------------------------------ main
const results = {
  at: new Date().toISOString(),
  host: hostname(),
  node: process.version,
  cores: (await import('node:os')).cpus().length,
  // other work on the machine inflates every figure alike; the comparisons in each row are what to read
  load_average_at_start: (await import('node:os')).loadavg().map((l) => round(l)),
  overhead: await overhead(),
};
// --only overhead: start-up alone (the kill and flood benches take minutes)
if (!process.argv.includes('--only')) {
  results.kill_obeys = await killLatency(false);
  results.kill_ignores = await killLatency(true);
  results.flood = await flood();
}
await writeFile(join(REPO, 'bench/harness/results.json'), `${JSON.stringify(results, null, 2)}\n`);

const o = results.overhead;
const ko = results.kill_obeys;
const ki = results.kill_ignores;
const f = results.flood ?? {};
const rows = [
  [
    'overhead: nightshift run (command `true`)',
    `${o.nightshift_run_ms} ms`,
    `timeout 300 true: ${o.timeout_true_ms} ms`,
    `added ${o.added_ms} ms (target ≤ ${o.target_added_ms})`,
  ],
  [
    '  floor: nightshift --version / node -e ""',
    `${o.floor_version_ms} / ${o.floor_bare_node_ms} ms`,
    '',
    `in-process run: ${o.in_process_run_ms} ms`,
  ],
  [
    '  over `node -e ""`',
    `${o.over_bare_node_ms} ms`,
    o.base ? `base: ${o.base.over_bare_node_ms} ms` : '',
    `limit ≤ ${o.limit_over_bare_node_ms} ms`,
  ],
  [
    '  CPU: run / --version / node -e ""',
    `${o.cpu_ms.nightshift_run} / ${o.cpu_ms.version} / ${o.cpu_ms.bare_node} ms`,
    o.base ? `base: ${o.base.cpu_ms.run} / ${o.base.cpu_ms.version} ms` : '',
    o.base ? `run CPU ×${(o.cpu_ms.nightshift_run / o.base.cpu_ms.run).toFixed(2)} the base's` : '',
  ],
  ...(o.base
    ? [
        [
          '  base build: run (command `true`)',
          `${o.base.run_ms} ms`,
          `--version: ${o.base.version_ms} ms`,
          `run ×${(o.nightshift_run_ms / o.base.run_ms).toFixed(2)} the base's wall`,
        ],
      ]
    : []),
  ...(results.flood
    ? [
        [
          'kill, obeys SIGTERM: crossing → all gone',
          `${ko.crossing_to_all_gone_ms} ms`,
          `timeout -k: survivors ${ko.recipe_survivors}`,
          `target ≤ ${ko.target_ms}; recorded after ${ko.crossing_to_record_ms} ms`,
        ],
        [
          'kill, ignores SIGTERM: crossing → all gone',
          `${ki.crossing_to_all_gone_ms} ms`,
          `timeout -k: survivors ${ki.recipe_survivors}`,
          `target ≤ ${ki.target_ms}; recorded after ${ki.crossing_to_record_ms} ms`,
        ],
        [
          'flood 1 GB vs 100 KB: harness peak RSS',
          `${f.harness_peak_rss_mb} MB`,
          `redirect wrote ${(f.recipe_output_bytes / 1024 ** 2).toFixed(0)} MB in ${f.recipe_wall_ms} ms`,
          `target ≤ ${f.target_peak_rss_mb} MB`,
        ],
        [
          'flood: run duration (crossing is within it)',
          `${f.run_duration_ms} ms`,
          '',
          `target ≤ ${f.target_ms_after_crossing} ms after crossing`,
        ],
      ]
    : []),
];
const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length)));
console.log(
  `nightshift harness bench — median of ${RUNS}${f.runs ? ` (flood ${f.runs})` : ''}, ` +
    `node ${process.version}, ${results.cores} cores, load ${results.load_average_at_start.join(' ')}`,
);
for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  '));
console.log('\nwritten to bench/harness/results.json');
