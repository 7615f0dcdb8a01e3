// `nightshift status --json` on a home with 50 agents and 1,000,000 runs:
// cold (no index), after the log grew, and warm, against jq doing the same
// query (last record per agent) and `tail -n 1` (the floor). Medians, and
// peak RSS from GNU time. Usage: node bench/status/run.mjs [home-dir]
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigHome, median, timed } from '../support.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const home = await bigHome(process.argv[2]);
const runs = join(home, 'logs', 'runs.jsonl');
const index = join(home, 'logs', '.index');
const bin = join(root, 'bin', 'nightshift.js');
const status = ['node', bin, 'status', '--json', '--home', home];

const originalSize = statSync(runs).size;
const tailLines = execFileSync('tail', ['-n', '1000', runs]).toString();
const results = { home, records: Number(execFileSync('wc', ['-l', runs]).toString().split(' ')[0]), bytes: originalSize, load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') };

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
  for (let i = 0; i < 5; i++) warm.push(timed(status));
  const jq = [];
  for (let i = 0; i < 3; i++) jq.push(timed(['jq', '-c', '-n', 'reduce inputs as $r ({}; .[$r.agent] = $r) | map_values(.status)', runs]));
  const tail = [];
  for (let i = 0; i < 5; i++) tail.push(timed(['tail', '-n', '1', runs]));
  Object.assign(results, {
    cold_no_index: summary(cold),
    first_after_growth: summary(grown),
    warm: summary(warm),
    jq_last_per_agent: summary(jq),
    tail_n1: summary(tail),
  });
} finally {
  truncateSync(runs, originalSize);
  rmSync(index, { recursive: true, force: true });
}

function summary(samples) {
  return { median_ms: median(samples.map((s) => s.ms)), peak_rss_mb: Math.max(...samples.map((s) => s.rssMb)), n: samples.length };
}

writeFileSync(join(root, 'bench', 'status', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
const row = (name, r, target) => `| ${name} | ${r.median_ms} ms | ${r.peak_rss_mb} MB | ${target} |`;
console.log(`status --json on ${results.records} runs (${Math.round(results.bytes / 1e6)} MB), load ${results.load}`);
console.log('| measure | median | peak RSS | target |\n|---|---|---|---|');
console.log(row('nightshift status --json, warm (index up to date)', results.warm, '≤ 300 ms, ≤ 150 MB'));
console.log(row('nightshift status --json, first run after +1000 runs', results.first_after_growth, '≤ 3 s'));
console.log(row('nightshift status --json, cold (no index: full scan)', results.cold_no_index, '≤ 3 s'));
console.log(row('jq, last record per agent (full scan)', results.jq_last_per_agent, 'alternative'));
console.log(row('tail -n 1 (the floor)', results.tail_n1, 'floor'));
