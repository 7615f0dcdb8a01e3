// `nightshift status --json` on a home with 50 agents and 1,000,000 runs:
// cold (no index), after the log grew, and warm, against jq doing the same
// query (last record per agent) and `tail -n 1` (the floor); with a base
// checkout (NIGHTSHIFT_BENCH_BASE, see bench/run.mjs) its build's warm status
// beside this one's, interleaved. Medians, CPU, and peak RSS from GNU time.
// Usage: node bench/status/run.mjs [home-dir] [--runs N]
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseBin, bigHome, summary, timed, twinHome } from '../support.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt === -1 ? 11 : Number(args.splice(runsAt, 2)[1]);
const home = await bigHome(args[0]);
const runs = join(home, 'logs', 'runs.jsonl');
const index = join(home, 'logs', '.index');
const bin = join(root, 'bin', 'nightshift.js');
const status = ['node', bin, 'status', '--json', '--home', home];
// the base build reads the same journal through a home of its own, so each keeps its own index and parse caches
const base = baseBin();
const baseHome = base ? twinHome(home, join(root, 'bench', '.work', 'big-home-base')) : null;
const baseStatus = base ? ['node', base, 'status', '--json', '--home', baseHome] : null;

const originalSize = statSync(runs).size;
const tailLines = execFileSync('tail', ['-n', '1000', runs]).toString();
const results = {
  home,
  records: Number(execFileSync('wc', ['-l', runs]).toString().split(' ')[0]),
  bytes: originalSize,
  load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
};

try {
  rmSync(index, { recursive: true, force: true });
  const cold = [];
  for (let i = 0; i < 5; i++) {
    rmSync(index, { recursive: true, force: true });
    cold.push(timed(status));
  }
  const grown = [];
  for (let i = 0; i < 5; i++) {
    appendFileSync(runs, tailLines);
    grown.push(timed(status));
  }
  const warm = [];
  const baseWarm = [];
  if (baseStatus) timed(baseStatus); // its index, built once
  for (let i = 0; i < RUNS; i++) {
    warm.push(timed(status));
    if (baseStatus) baseWarm.push(timed(baseStatus));
  }
  const jq = [];
  for (let i = 0; i < 3; i++)
    jq.push(timed(['jq', '-c', '-n', 'reduce inputs as $r ({}; .[$r.agent] = $r) | map_values(.status)', runs]));
  const tail = [];
  for (let i = 0; i < 5; i++) tail.push(timed(['tail', '-n', '1', runs]));
  Object.assign(results, {
    cold_no_index: summary(cold),
    first_after_growth: summary(grown),
    warm: summary(warm),
    base_warm: baseStatus ? { ...summary(baseWarm), bin: base } : null,
    jq_last_per_agent: summary(jq),
    tail_n1: summary(tail),
    load_at_end: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  });
} finally {
  truncateSync(runs, originalSize);
  rmSync(index, { recursive: true, force: true });
  if (baseHome) rmSync(baseHome, { recursive: true, force: true });
}

writeFileSync(join(root, 'bench', 'status', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
const row = (name, r, target) =>
  `| ${name} | ${r.median_ms} ms | ${r.median_cpu_ms} ms | ${r.peak_rss_mb} MB | ${target} |`;
console.log(
  `status --json on ${results.records} runs (${Math.round(results.bytes / 1e6)} MB), load ${results.load} at the start, ${results.load_at_end} at the end`,
);
console.log('| measure | median | CPU | peak RSS | target |\n|---|---|---|---|---|');
console.log(
  row(`nightshift status --json, warm (index up to date), n=${results.warm.n}`, results.warm, '≤ 300 ms, ≤ 150 MB'),
);
if (results.base_warm)
  console.log(
    row(
      `base build, the same, interleaved (CPU ×${(results.warm.median_cpu_ms / results.base_warm.median_cpu_ms).toFixed(2)} for this build)`,
      results.base_warm,
      'CPU ≤ 1.3× (issue 13)',
    ),
  );
console.log(row('nightshift status --json, first run after +1000 runs', results.first_after_growth, '≤ 3 s'));
console.log(row('nightshift status --json, cold (no index: full scan)', results.cold_no_index, '≤ 3 s'));
console.log(row('jq, last record per agent (full scan)', results.jq_last_per_agent, 'alternative'));
console.log(row('tail -n 1 (the floor)', results.tail_n1, 'floor'));
