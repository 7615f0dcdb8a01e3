#!/usr/bin/env node
/**
 * Governance benchmarks on a 50-agent, 1,000,000-run home, against the BUILT
 * code (run `npm run build` first):
 *
 *   node bench/governance/run.mjs [home=/tmp/ns-gov-bench] [--repeats 5]
 *
 * Makes the home if it is missing (bench/governance/make-home.mjs), builds the
 * trail's index once (a cold `status`), then for `costs`, `registry` and
 * `review` takes the median of N fresh processes of:
 *   cli      wall time of `node bin/nightshift.js <command> --home … --now …`
 *   first    inside the fresh process, modules imported: open the home, load,
 *            compute, render — the command's own work, first time
 *   warm     the same again in that process, best of 3 (JIT warm): what the console
 *            pays when its Costs or Review view refreshes
 *   fleet    the shared query layer alone (loadFleet: agent files, state,
 *            trail, alerts), warm, best of 3: the part every fleet view pays
 *   own      what governance adds to a fleet already loaded (best of 3):
 *            open the home, the command's own reads and scans, compute, render
 *   import   loading the built modules
 * and writes bench/governance/results.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rooms } from '../support.mjs';
import { makeHome, NOW } from './make-home.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const REPO = join(here, '..', '..');
const BIN = join(REPO, 'bin', 'nightshift.js');
const args = process.argv.slice(2);
const repeatsAt = args.indexOf('--repeats');
const REPEATS = repeatsAt === -1 ? 5 : Number(args[repeatsAt + 1]);
const home = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--repeats') ?? '/tmp/ns-gov-bench';

if (!existsSync(join(REPO, 'dist', 'cli', 'main.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
await rooms(); // bench/.work/rooms.mjs, which probe.mjs times in-process
if (!existsSync(join(home, 'logs', 'runs.jsonl'))) {
  console.log(`making ${home} …`);
  console.log(await makeHome(home));
}
const cold = performance.now();
spawnSync(process.execPath, [BIN, 'status', '--home', home], { stdio: 'ignore' });
console.log(`index built (cold status): ${Math.round(performance.now() - cold)} ms`);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return Math.round(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
};

const COMMANDS = { costs: ['costs'], registry: ['registry'], review: ['review', '--seed', '1'] };
const results = {};
for (const [name, argv] of Object.entries(COMMANDS)) {
  const cli = [];
  const probes = [];
  const loads = [];
  // the CLI's samples back to back, then the probes: a probe loads the rooms as ES modules, a different
  // working set, and interleaved it made every CLI sample a cold one (100–170 ms more here)
  for (let i = 0; i < REPEATS; i++) {
    loads.push(loadavg()[0]);
    const start = performance.now();
    const ran = spawnSync(process.execPath, [BIN, ...argv, '--home', home, '--now', NOW], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    cli.push(performance.now() - start);
    if (ran.status !== 0 && ran.status !== 1) throw new Error(`${name} exited ${ran.status}: ${ran.stderr}`);
  }
  for (let i = 0; i < REPEATS; i++)
    probes.push(
      JSON.parse(execFileSync(process.execPath, [join(here, 'probe.mjs'), name, home, NOW], { encoding: 'utf8' })),
    );
  results[name] = {
    cli_ms: median(cli),
    first_ms: median(probes.map((p) => p.firstMs)),
    warm_ms: median(probes.map((p) => p.warmMs)),
    fleet_ms: median(probes.map((p) => p.fleetWarmMs)),
    own_ms: median(probes.map((p) => p.ownMs)),
    import_ms: median(probes.map((p) => p.importMs)),
    rss_mb: median(probes.map((p) => p.rssMb)),
    samples: {
      cli_ms: cli.map(Math.round),
      first_ms: probes.map((p) => Math.round(p.firstMs)),
      warm_ms: probes.map((p) => Math.round(p.warmMs)),
    },
    load_avg: Math.round(median(loads.map((l) => l * 100))) / 100,
  };
  const r = results[name];
  console.log(
    `${name.padEnd(9)} cli ${r.cli_ms} ms · first ${r.first_ms} ms · warm ${r.warm_ms} ms · ` +
      `loadFleet ${r.fleet_ms} ms · own ${r.own_ms} ms · import ${r.import_ms} ms · load ${r.load_avg}`,
  );
}
const out = {
  date: new Date().toISOString(),
  home,
  runs: 1_000_000,
  agents: 50,
  now: NOW,
  repeats: REPEATS,
  cores: (await import('node:os')).cpus().length,
  node: process.version,
  results,
};
writeFileSync(join(here, 'results.json'), `${JSON.stringify(out, null, 2)}\n`);
writeFileSync(join(here, 'results.md'), markdown(out));
console.log(`wrote ${join('bench', 'governance', 'results.json')} and results.md`);

function markdown(run) {
  const rows = Object.entries(run.results).map(
    ([name, r]) =>
      `| \`${name}\` | ${r.cli_ms} | ${r.first_ms} | ${r.warm_ms} | ${r.fleet_ms} | ${r.own_ms} | ${r.import_ms} | ${r.rss_mb} | ${r.load_avg} |`,
  );
  return `# Governance benchmarks: costs, registry, review

Made by \`node bench/governance/run.mjs\` (${run.date}): ${run.agents} agents, ${run.runs.toLocaleString('en')} runs
(bench/journal/make-big-home.ts, seed 42, ending ${run.now}), the trail's index up to date ("warm"),
Node ${run.node}, ${run.cores} cores shared with other work (load average at the time in the last column).
Every figure is the median of ${run.repeats} fresh processes, in milliseconds.

| command | cli | first | warm | loadFleet | own | import | RSS MB | load |
|---|--:|--:|--:|--:|--:|--:|--:|--:|
${rows.join('\n')}

- **cli**: wall time of \`node bin/nightshift.js <command> --home … --now …\`, process start to exit.
- **first**: in a fresh process with the modules imported, the command's work (open the home, load, compute, render).
- **warm**: the same again in that process, best of 3 — what the console pays when its Costs or Review view refreshes.
- **loadFleet**: the shared query layer alone (agent files, state, trail, alerts), warm, best of 3.
- **own**: what governance adds to a fleet already loaded, best of 3 (review: one pass over the week's ~24,000 runs and 50 output files).
- **import**: loading the built modules.
`;
}
