// `review --json` and `costs --json` beside `status --json`, on homes whose
// history ends now (bench/support.mjs currentHome: the week and the month are
// full; withOutputs: 30 days of hourly outputs per agent on disk, none of them
// the paths the journal records, so a build that draws from records misses
// every one, its worst case), issue 15:
//   - on the 1M-run home: status, review, costs, interleaved, fresh processes;
//   - on the 10M-run home: status and costs, interleaved;
//   - the console's `R` (loadReview on a fleet already loaded, in-process,
//     bench/governance/probe.mjs "own"), median of fresh processes;
//   - with a base checkout (`npm run bench -- --base DIR`), the same commands
//     of that build on twin homes (same journals, own indexes), interleaved.
// Medians; CPU and peak RSS from GNU time. Writes bench/review/results.json.
// Usage: node bench/review/run.mjs [--runs N] [--big-runs M] [--repeats K]
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseBin, currentHome, median, rooms, summary, timed, twinHome, withOutputs } from '../support.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const RUNS = option('--runs', 1_000_000);
const BIG_RUNS = option('--big-runs', 10_000_000);
const REPEATS = option('--repeats', 7);
const bin = join(root, 'bin', 'nightshift.js');
const base = baseBin();
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const COMMANDS = {
  // the floor under every command: start Node and load the CLI (its shell, commander and the shared rooms)
  version: ['--version'],
  status: ['status', '--json'],
  review: ['review', '--json', '--seed', '1'],
  costs: ['costs', '--json'],
};

/** Each command on `home` (and on a twin for the base build), interleaved, REPEATS times. */
function measure(home, names) {
  const twin = base ? twinHome(home, `${home}-base`) : null;
  const builds = [['this', bin, home], ...(base ? [['base', base, twin]] : [])];
  // the journal index, built once per home (status's cold figures are bench/status's)
  for (const [, b, h] of builds) timed(['node', b, 'status', '--json', '--home', h]);
  const samples = {};
  try {
    for (let i = 0; i < REPEATS; i++)
      for (const name of names)
        for (const [build, b, h] of builds)
          (samples[`${build} ${name}`] ??= []).push(timed(['node', b, ...COMMANDS[name], '--home', h]));
  } finally {
    if (twin) rmSync(twin, { recursive: true, force: true });
  }
  return Object.fromEntries(Object.entries(samples).map(([key, list]) => [key, summary(list)]));
}

const results = { load_at_start: load(), repeats: REPEATS };
const home = withOutputs(await currentHome(RUNS));
const weekRuns = execFileSync('node', [bin, 'review', '--json', '--seed', '1', '--home', home], {
  maxBuffer: 1 << 28,
}).toString();
const review = JSON.parse(weekRuns);
results.small = {
  home,
  runs: RUNS,
  week_runs: review.totals.runs,
  week_outputs_on_disk: review.agents.reduce((sum, a) => sum + a.week.outputs, 0),
  ...measure(home, ['version', 'status', 'review', 'costs']),
  node_alone: summary(Array.from({ length: REPEATS }, () => timed(['node', '-e', '']))),
};
// the console's R: loadReview given the fleet the console already holds
await rooms();
const probes = [];
for (let i = 0; i < 3; i++)
  probes.push(
    JSON.parse(
      execFileSync('node', [join(root, 'bench', 'governance', 'probe.mjs'), 'review', home, new Date().toISOString()], {
        maxBuffer: 1 << 26,
      }).toString(),
    ),
  );
results.console_r = {
  own_ms: median(probes.map((p) => Math.round(p.ownMs))),
  warm_ms: median(probes.map((p) => Math.round(p.warmMs))),
  fleet_warm_ms: median(probes.map((p) => Math.round(p.fleetWarmMs))),
  n: probes.length,
};
const big = await currentHome(BIG_RUNS);
results.big = { home: big, runs: BIG_RUNS, ...measure(big, ['status', 'costs']) };
results.load_at_end = load();
writeFileSync(join(root, 'bench', 'review', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const row = (name, r, target) =>
  r ? `| ${name} | ${r.median_ms} ms | ${r.median_cpu_ms} ms | ${r.peak_rss_mb} MB | ${target} |` : '';
console.log(
  `homes ending now; load ${results.load_at_start} at the start, ${results.load_at_end} at the end; ${REPEATS} fresh processes each, interleaved`,
);
console.log('| measure | median | CPU | peak RSS | target |\n|---|---|---|---|---|');
const s = results.small;
const label = `${(RUNS / 1e6).toFixed(0)}M runs, week ${s.week_runs} runs, ${s.week_outputs_on_disk} outputs on disk`;
for (const build of ['this', 'base']) {
  if (build === 'base' && !base) continue;
  const who = build === 'base' ? 'base build: ' : '';
  if (build === 'this') console.log(row(`\`node -e ''\` (${process.version})`, s.node_alone, 'floor'));
  console.log(row(`${who}nightshift --version`, s[`${build} version`], 'floor'));
  console.log(row(`${who}status --json, ${label}`, s[`${build} status`], 'reference'));
  console.log(row(`${who}review --json, ${label}`, s[`${build} review`], build === 'this' ? '≤ 250 ms' : 'before'));
  console.log(row(`${who}costs --json, ${label}`, s[`${build} costs`], ''));
  console.log(
    row(`${who}status --json, ${(BIG_RUNS / 1e6).toFixed(0)}M runs`, results.big[`${build} status`], 'reference'),
  );
  console.log(
    row(
      `${who}costs --json, ${(BIG_RUNS / 1e6).toFixed(0)}M runs`,
      results.big[`${build} costs`],
      build === 'this' ? '≤ 250 ms, ≤ 100 MiB' : 'before',
    ),
  );
}
const c = results.console_r;
console.log(
  `console R (loadReview + render on a fleet already loaded, in-process, best of 3 per process, ` +
    `median of ${c.n} processes): ${c.own_ms} ms; loadFleet alone ${c.fleet_warm_ms} ms`,
);
