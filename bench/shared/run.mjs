/**
 * A home shared by three hosts against the same home in single journals
 * (issue 16, "Performance"): 100 agents, one year of runs at the demo
 * fleet's rates, history ending now (make-homes.mjs). Times `status`,
 * `costs` and the console's first frame (tmux, as bench/console does) on
 * each, interleaved, warm (each home's index built by a discarded first
 * call). Reports medians and the shared/single ratio; the target is ≤ 1.5×.
 *
 *   npm run build && node bench/shared/run.mjs [--runs 11] [--frames 7]
 *
 * The homes live in bench/.work/shared-homes (git-ignored), made again when
 * older than a day so their month and week stay current.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summary, timed, median } from '../support.mjs';
import { AGENTS, makeHomes } from './make-homes.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const RUNS = option('runs', 11);
const FRAMES = option('frames', 7);
const bin = join(root, 'bin', 'nightshift.js');
const dir = join(root, 'bench', '.work', 'shared-homes');
const marker = join(dir, '.bench-made-at');

const madeAt = existsSync(marker) ? Date.parse(readFileSync(marker, 'utf8')) : NaN;
let made = existsSync(marker) ? JSON.parse(readFileSync(join(dir, '.bench-home.json'), 'utf8')) : null;
if (!(Date.now() - madeAt < 86_400_000) || made === null) {
  rmSync(dir, { recursive: true, force: true });
  console.error(`making the shared and single homes in ${dir}…`);
  made = makeHomes(dir);
  writeFileSync(join(dir, '.bench-home.json'), JSON.stringify(made));
  writeFileSync(marker, new Date().toISOString());
}
const homes = { single: join(dir, 'single'), shared: join(dir, 'shared') };
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const results = { homes, ...made, load_at_start: load(), commands: {}, console: {} };

// status and costs, interleaved, after one discarded call each (builds the index, fills the parse caches)
for (const command of ['status', 'costs']) {
  const samples = { single: [], shared: [] };
  for (const layout of ['single', 'shared'])
    timed(['node', bin, command, '--home', homes[layout]], { allowFailure: true });
  for (let i = 0; i < RUNS; i++)
    for (const layout of ['single', 'shared'])
      samples[layout].push(timed(['node', bin, command, '--home', homes[layout]], { allowFailure: true }));
  results.commands[command] = { single: summary(samples.single), shared: summary(samples.shared) };
}

// the console's first frame in tmux, as bench/console/run.mjs times it
const socket = `ns-bench-shared-${process.pid}`;
const tmux = (...a) => {
  const r = spawnSync('tmux', ['-L', socket, ...a], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${a.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const capture = () => tmux('capture-pane', '-p', '-t', 'b');
function waitFor(test, ms = 60_000) {
  const deadline = performance.now() + ms;
  for (;;) {
    const screen = capture();
    if (test(screen)) return performance.now();
    if (performance.now() > deadline) throw new Error(`timed out; screen:\n${screen}`);
  }
}
/** 100 agents do not fit in 40 rows: complete when the totals, the first row and the footer are drawn. */
const complete = (s) =>
  s.includes(`${AGENTS} agents`) &&
  s.includes('error-log-watcher-01') &&
  s.includes('? help') &&
  /\d+ runs? today/.test(s);
function frame(home) {
  const t0 = performance.now();
  tmux(
    'new-session',
    '-d',
    '-s',
    'b',
    '-x',
    '120',
    '-y',
    '40',
    `exec env CI=false TERM=xterm-256color '${process.execPath}' '${bin}' --home '${home}'`,
  );
  const t1 = waitFor(complete);
  spawnSync('tmux', ['-L', socket, 'kill-session', '-t', 'b'], { stdio: 'ignore' });
  return t1 - t0;
}
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (hasTmux) {
  spawnSync('tmux', ['-L', socket, 'new-session', '-d', '-s', 'keep', 'sleep 86400'], { stdio: 'ignore' });
  try {
    const frames = { single: [], shared: [] };
    for (let i = 0; i <= FRAMES; i++)
      for (const layout of ['single', 'shared']) {
        const ms = frame(homes[layout]);
        if (i > 0) frames[layout].push(ms);
      }
    for (const layout of ['single', 'shared'])
      results.console[layout] = { median_ms: Math.round(median(frames[layout])), n: frames[layout].length };
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
  }
} else {
  console.warn('tmux is missing: the console first frame is not timed');
}
results.load_at_end = load();

writeFileSync(join(root, 'bench', 'shared', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
const ratio = (a, b) => `×${(a / b).toFixed(2)}`;
console.log(
  `${results.agents} agents, ${results.runs.toLocaleString('en')} runs over a year ending ${results.endedAt}; ` +
    `load ${results.load_at_start} at the start, ${results.load_at_end} at the end`,
);
console.log('| measure | single journal | 3 hosts | shared / single (CPU) | target |\n|---|---|---|---|---|');
for (const [command, r] of Object.entries(results.commands))
  console.log(
    `| \`${command}\`, warm, n=${r.single.n} | ${r.single.median_ms} ms (CPU ${r.single.median_cpu_ms}) | ` +
      `${r.shared.median_ms} ms (CPU ${r.shared.median_cpu_ms}) | ${ratio(r.shared.median_ms, r.single.median_ms)} ` +
      `(${ratio(r.shared.median_cpu_ms, r.single.median_cpu_ms)}) | ≤ ×1.5 |`,
  );
if (results.console.single)
  console.log(
    `| console first frame, n=${results.console.single.n} | ${results.console.single.median_ms} ms | ` +
      `${results.console.shared.median_ms} ms | ${ratio(results.console.shared.median_ms, results.console.single.median_ms)} | ≤ ×1.5 |`,
  );
