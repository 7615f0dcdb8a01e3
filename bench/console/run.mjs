/**
 * Console benchmarks in a real terminal (tmux), against the built CLI:
 *
 *   npm run build && node bench/console/run.mjs [--home DIR] [--runs 9] [--keys 30] [--bin other/bin/nightshift.js]
 *
 * With a base checkout (NIGHTSHIFT_BENCH_BASE, see bench/run.mjs) its build's
 * first frame is timed too, each start right after this build's, on a copy
 * of the home with its own caches and index (bench/support.mjs twinHome).
 *
 * Without --home a fresh copy of fixtures/demo-home (moved to today) is used.
 * Reports medians of: time to the first complete frame (process start → every
 * agent listed, or for a home whose fleet is taller than the terminal, the
 * header totals, the first rows and the footer), keypress → updated frame
 * (j in the fleet), an appended run record → its row, and the console's RSS.
 * The same for a bare Ink "hello" app started the same way: the floor.
 * Timing is by polling capture-pane, so every figure carries ~2–5 ms of
 * polling granularity, the same for the console and the floor.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, fstatSync, openSync, readFileSync, readSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseBin, twinHome } from '../support.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : args[at + 1];
};
/** --bin: another build of the CLI; the demo home is this checkout's either way, so two builds are measured on the same fleet */
const bin = resolve(option('bin', join(root, 'bin', 'nightshift.js')));
const demoStart = join(root, 'fixtures', 'generator', 'dist', 'start.js');
const RUNS = Number(option('runs', '9'));
const KEYS = Number(option('keys', '30'));
const COLS = 120;
const ROWS = 40;
const socket = `ns-bench-${process.pid}`;

const tmux = (...a) => {
  const r = spawnSync('tmux', ['-L', socket, ...a], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${a.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const capture = () => tmux('capture-pane', '-p', '-t', 'b');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms) => `${ms.toFixed(0)} ms`;

function waitFor(test, ms = 30_000) {
  const deadline = performance.now() + ms;
  for (;;) {
    const screen = capture();
    if (test(screen)) return performance.now();
    if (performance.now() > deadline) throw new Error(`timed out; screen:\n${screen}`);
  }
}

function start(command) {
  const t0 = performance.now();
  tmux(
    'new-session',
    '-d',
    '-s',
    'b',
    '-x',
    String(COLS),
    '-y',
    String(ROWS),
    `exec env CI=false TERM=xterm-256color ${command}`,
  );
  return t0;
}
/** One idle session keeps the server up between runs: a server restarting between starts would be timed too. */
spawnSync('tmux', ['-L', socket, 'new-session', '-d', '-s', 'keep', 'sleep 86400'], { stdio: 'ignore' });
const stop = () => spawnSync('tmux', ['-L', socket, 'kill-session', '-t', 'b'], { stdio: 'ignore' });
const stopServer = () => spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
const pid = () => Number(tmux('display-message', '-p', '-t', 'b', '#{pane_pid}').trim());
/** CPU time (user + system) the process has used: on a shared, busy machine a steadier figure than wall time. */
function cpuMs(p) {
  const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in USER_HZ (100)
}
function memory(p) {
  const status = readFileSync(`/proc/${p}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** The journal's last line, read from its end: a 1M-run journal does not fit in a string. */
function lastLine(file) {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.min(size, 64 * 1024));
    readSync(fd, buffer, 0, buffer.length, size - buffer.length);
    return buffer.toString('utf8').trim().split('\n').at(-1);
  } finally {
    closeSync(fd);
  }
}

/** A fresh demo home moved to today: what `npm start` makes, off a terminal it prints where. */
async function demoCopy() {
  const result = spawnSync(process.execPath, [demoStart], { encoding: 'utf8' });
  const home = /is in (\S+);/.exec(result.stdout)?.[1];
  if (result.status !== 0 || !home)
    throw new Error(`${demoStart} made no demo home:\n${result.stdout}${result.stderr}`);
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

const given = option('home', undefined);
const { home, cleanup } = given ? { home: resolve(given), cleanup: () => {} } : await demoCopy();
const base = baseBin();
const baseHome = base ? twinHome(home, join(root, 'bench', '.work', 'console-base-home')) : null;
const agents = readdirSync(join(home, 'agents'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.slice(0, -3))
  .sort();
const fits = agents.length <= ROWS - 7;
/** The frame is complete when every agent is listed (or, for a tall fleet, the totals, the first rows and the footer are). */
const complete = (s) =>
  (fits
    ? agents.every((a) => s.includes(a))
    : s.includes(`${agents.length} agents`) && s.includes(agents[0]) && s.includes('? help')) &&
  /\d+ runs? today/.test(s);
const cursorRow = (s) => s.split('\n').findIndex((line) => line.startsWith('› '));

/** The floor, bundled the way scripts/build.mjs bundles the CLI, so both start the same way. */
async function bundledHello() {
  const { build } = await import('esbuild');
  const out = join(root, 'bench', '.work', 'console-hello');
  await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'bench', 'console', 'hello.mjs')],
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['react-devtools-core'],
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    logLevel: 'error',
  });
  return join(out, 'hello.js');
}
const hello = await bundledHello();

const results = {
  home,
  agents: agents.length,
  load_at_start: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  console: {},
  base: null,
  hello: {},
};
try {
  // first frame, warm: one discarded start primes the page cache and the trail index
  const frames = [];
  const frameCpu = [];
  const baseFrames = [];
  const baseCpu = [];
  let rss = null;
  for (let i = 0; i <= RUNS; i++) {
    if (base) {
      const b0 = start(`'${process.execPath}' '${base}' --home '${baseHome}'`);
      const b1 = waitFor(complete);
      if (i > 0) {
        baseFrames.push(b1 - b0);
        baseCpu.push(cpuMs(pid()));
      }
      stop();
    }
    const t0 = start(`'${process.execPath}' '${bin}' --home '${home}'`);
    const t1 = waitFor(complete);
    if (i > 0) {
      frames.push(t1 - t0);
      frameCpu.push(cpuMs(pid()));
    }
    if (i === RUNS) {
      // keypress → frame, on the last start
      const keys = [];
      let row = cursorRow(capture());
      for (let k = 0; k < KEYS; k++) {
        const key = k % 10 < 5 ? 'j' : 'k';
        const k0 = performance.now();
        tmux('send-keys', '-t', 'b', key);
        const k1 = waitFor((s) => cursorRow(s) !== row && cursorRow(s) !== -1);
        keys.push(k1 - k0);
        row = cursorRow(capture());
      }
      results.console.keypress_ms = median(keys);
      // an appended run record → its row
      const live = [];
      const runs = join(home, 'logs', 'runs.jsonl');
      const template = JSON.parse(lastLine(runs));
      for (let n = 0; n < 5; n++) {
        const status = n % 2 ? 'PARTIAL' : 'NO_END';
        const now = new Date();
        const record = {
          ...template,
          run_id: `bench-${Date.now()}-${n}`,
          agent: agents[0],
          status,
          reason: null,
          started_at: now.toISOString(),
          ended_at: now.toISOString(),
        };
        const a0 = performance.now();
        appendFileSync(runs, `${JSON.stringify(record)}\n`);
        const a1 = waitFor((s) =>
          (s.split('\n').find((line) => line.includes(` ${agents[0]} `)) ?? '').includes(status),
        );
        live.push(a1 - a0);
        await new Promise((r) => setTimeout(r, 300));
      }
      results.console.live_ms = median(live);
      rss = memory(pid());
    }
    stop();
  }
  results.console.first_frame_ms = median(frames);
  results.console.first_frame_cpu_ms = median(frameCpu);
  results.console.first_frame_all_ms = frames.map((f) => Math.round(f));
  if (base)
    results.base = {
      bin: base,
      first_frame_ms: median(baseFrames),
      first_frame_cpu_ms: median(baseCpu),
      first_frame_all_ms: baseFrames.map((f) => Math.round(f)),
    };
  results.console.rss_mb = Math.round(rss.rss);
  results.console.peak_rss_mb = Math.round(rss.peak);

  const helloFrames = [];
  const helloCpu = [];
  let helloRss = null;
  for (let i = 0; i <= RUNS; i++) {
    const t0 = start(`'${process.execPath}' '${hello}'`);
    const t1 = waitFor((s) => s.includes('hello 0'));
    if (i > 0) {
      helloFrames.push(t1 - t0);
      helloCpu.push(cpuMs(pid()));
    }
    if (i === RUNS) {
      const keys = [];
      let n = 0;
      for (let k = 0; k < KEYS; k++) {
        const key = k % 10 < 5 ? 'j' : 'k';
        n += key === 'j' ? 1 : -1;
        const k0 = performance.now();
        tmux('send-keys', '-t', 'b', key);
        keys.push(waitFor((s) => s.includes(`hello ${n}\n`) || s.startsWith(`hello ${n}`)) - k0);
      }
      results.hello.keypress_ms = median(keys);
      helloRss = memory(pid());
    }
    stop();
  }
  // the same keys against a screenful of text: Ink's cost for a frame of the console's size
  start(`'${process.execPath}' '${hello}' full`);
  waitFor((s) => s.includes('hello 0'));
  const fullKeys = [];
  let n = 0;
  for (let k = 0; k < KEYS; k++) {
    const key = k % 10 < 5 ? 'j' : 'k';
    n += key === 'j' ? 1 : -1;
    const k0 = performance.now();
    tmux('send-keys', '-t', 'b', key);
    fullKeys.push(waitFor((s) => s.includes(`hello ${n}\n`)) - k0);
  }
  results.hello.full_screen_keypress_ms = median(fullKeys);
  stop();
  results.hello.first_frame_ms = median(helloFrames);
  results.hello.first_frame_cpu_ms = median(helloCpu);
  results.hello.rss_mb = Math.round(helloRss.rss);
} finally {
  stopServer();
  cleanup();
  if (baseHome) rmSync(baseHome, { recursive: true, force: true });
}
results.load_at_end = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

console.log(JSON.stringify(results, null, 2));
console.log(
  `\n${agents.length} agents: first frame ${fmt(results.console.first_frame_ms)} ` +
    `(hello ${fmt(results.hello.first_frame_ms)}; CPU ${fmt(results.console.first_frame_cpu_ms)} ` +
    `vs ${fmt(results.hello.first_frame_cpu_ms)}), ` +
    `keypress ${fmt(results.console.keypress_ms)} (hello ${fmt(results.hello.keypress_ms)}, a ` +
    `screenful ${fmt(results.hello.full_screen_keypress_ms)}), new run shown ` +
    `in ${fmt(results.console.live_ms)}, ` +
    `RSS ${results.console.rss_mb} MB, peak ${results.console.peak_rss_mb} MB (hello ${results.hello.rss_mb} MB)`,
);
if (results.base) {
  console.log(
    `base build: first frame ${fmt(results.base.first_frame_ms)} ` +
      `(CPU ${fmt(results.base.first_frame_cpu_ms)}); this build ` +
      `×${(results.console.first_frame_ms / results.base.first_frame_ms).toFixed(2)} (CPU ` +
      `×${(results.console.first_frame_cpu_ms / results.base.first_frame_cpu_ms).toFixed(2)}); ` +
      `load ${results.load_at_start} → ${results.load_at_end}`,
  );
}
