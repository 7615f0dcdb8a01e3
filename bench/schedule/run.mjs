#!/usr/bin/env node
// Scheduler benchmarks against the BUILT CLI (run `npm run build` first):
//   node bench/schedule/run.mjs [idle|fire|check ...] [--big <dir>]
// Writes bench/schedule/results.json; README.md explains each figure.
//
//   idle   `nightshift daemon` with 100 enabled agents (70 cron, 20 watch,
//          10 when) and nothing due, after a 10 s warm-up: CPU from
//          /proc/<pid>/stat utime+stime per 60 s window (median of three),
//          RSS from /proc/<pid>/status every 5 s; as `daemon install` runs it
//          and as plain `node bin/nightshift.js daemon`.
//          Targets: CPU <= 1 % of one core, RSS <= 100 MB.
//   fire   lateness of cron runs: run.started_at minus the due second, median
//          over ~40 s of seconds-schedules (staggered, then five at once).
//          Target: median <= 1 s.
//   check  `nightshift check` on a 50-agent / 1,000,000-run home
//          (bench/journal/make-big-home), wall time of the whole process,
//          median of 7 warm runs (index up to date), and the same check
//          repeated inside one process (as the daemon runs it). Target <= 500 ms.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, hostname, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(REPO, 'bin/nightshift.js');
const RESULTS = join(REPO, 'bench/schedule/results.json');
if (!existsSync(join(REPO, 'dist/cli/main.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
const argv = process.argv.slice(2);
const bigIndex = argv.indexOf('--big');
const BIG = bigIndex >= 0 ? argv[bigIndex + 1] : join(tmpdir(), 'ns-bench-big-home');
const wanted = argv.filter((a, i) => !a.startsWith('--') && (bigIndex < 0 || i !== bigIndex + 1));
const which = wanted.length > 0 ? wanted : ['idle', 'fire', 'check'];

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (values, q) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
const round = (v, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { self: Number(f[11]) + Number(f[12]), children: Number(f[13]) + Number(f[14]) };
}
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: round(kb('VmRSS') / 1024), peakMb: round(kb('VmHWM') / 1024) };
}

async function makeHome(agents) {
  const root = await mkdtemp(join(tmpdir(), 'ns-bench-schedule-'));
  for (const dir of ['agents', 'logs', 'run', 'outputs']) await mkdir(join(root, dir), { recursive: true });
  await writeFile(join(root, 'nightshift.yaml'), 'timezone: UTC\n');
  for (const [name, front] of Object.entries(agents)) {
    await writeFile(
      join(root, 'agents', `${name}.md`),
      `---\nname: ${name}\ndescription: bench agent\nreview: none\n${front}---\nBench agent.\n`,
    );
  }
  return root;
}

/** As `nightshift daemon install` runs it (systemd, launchd, @reboot): node with DAEMON_NODE_FLAGS; `plain`: `node bin/nightshift.js daemon`. */
function startDaemon(root, plain = false) {
  const flags = plain ? [] : ['--max-semi-space-size=4'];
  const child = spawn(process.execPath, [...flags, BIN, 'daemon', '--home', root], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, log: () => out };
}

const OK = 'runner:\n  kind: command\n  command: ["sh", "-c", "echo hi; echo STATUS: OK; echo END_OF_RUN"]\n';

async function idle() {
  return { as_installed: await idleOnce(false), plain_node: await idleOnce(true) };
}

async function idleOnce(plain) {
  const agents = {};
  const watched = await mkdtemp(join(tmpdir(), 'ns-bench-watched-'));
  for (let i = 0; i < 70; i++)
    agents[`cron-${i}`] =
      `${OK}trigger:\n  cron: "${i % 60} 3 1 1 *"\n  timezone: ${['UTC', 'Europe/Berlin', 'America/New_York'][i % 3]}\n`;
  for (let i = 0; i < 20; i++)
    agents[`watch-${i}`] =
      `${OK}trigger:\n  watch:\n    path: ${join(watched, `w${i}`, i % 2 ? '*.eml' : '**/*.txt')}\n`;
  for (let i = 0; i < 10; i++)
    agents[`when-${i}`] = `${OK}trigger:\n  when:\n    command: "test -e never-${i}"\n    every: 5m\n`;
  const root = await makeHome(agents);
  for (let i = 0; i < 20; i += 2) await mkdir(join(watched, `w${i}`), { recursive: true });
  const daemon = startDaemon(root, plain);
  await sleep(10_000);
  const samples = [];
  // three back-to-back 60 s windows: each holds one watchdog check, the main cost, so one window alone is noisy
  const windows = [];
  let before = cpuTicks(daemon.child.pid);
  let started = Date.now();
  for (let i = 1; i <= 36; i++) {
    await sleep(5000);
    samples.push(memory(daemon.child.pid).rssMb);
    if (i % 12 === 0) {
      const now = cpuTicks(daemon.child.pid);
      windows.push(round(((now.self - before.self) / CLK_TCK / ((Date.now() - started) / 1000)) * 100, 2));
      before = now;
      started = Date.now();
    }
  }
  const mem = memory(daemon.child.pid);
  daemon.child.kill('SIGTERM');
  const code = await daemon.exited;
  await rm(root, { recursive: true, force: true });
  await rm(watched, { recursive: true, force: true });
  return {
    agents: 100,
    windows_of_60s: windows,
    cpu_percent_of_one_core_median: median(windows),
    command: plain ? 'node bin/nightshift.js daemon' : 'node --max-semi-space-size=4 bin/nightshift.js daemon',
    rss_median_mb: median(samples),
    rss_max_mb: Math.max(...samples),
    peak_rss_mb: mem.peakMb,
    exit_code: code,
    target: { cpu_percent: 1, rss_mb: 100 },
  };
}

function lateness(root, slotMs) {
  const file = join(root, 'logs', 'runs.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((r) => r.trigger === 'cron')
    .map((r) => {
      const started = Date.parse(r.started_at);
      return started - Math.floor(started / slotMs) * slotMs;
    });
}

async function fire() {
  const staggered = await makeHome({
    a: `${OK}trigger:\n  cron: "*/4 * * * * *"\n`,
    b: `${OK}trigger:\n  cron: "2-59/4 * * * * *"\n`,
  });
  const together = await makeHome(
    Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`t${i}`, `${OK}trigger:\n  cron: "*/6 * * * * *"\n`])),
  );
  const out = {};
  for (const [name, root, slot, seconds] of [
    ['staggered_2_agents_every_4s', staggered, 2000, 40],
    ['five_agents_at_once_every_6s', together, 6000, 40],
  ]) {
    const daemon = startDaemon(root);
    await sleep(seconds * 1000);
    daemon.child.kill('SIGTERM');
    await daemon.exited;
    await sleep(3000);
    const late = lateness(root, slot);
    out[name] = { runs: late.length, median_ms: median(late), p90_ms: quantile(late, 0.9), max_ms: Math.max(...late) };
    await rm(root, { recursive: true, force: true });
  }
  return { ...out, target_median_ms: 1000 };
}

async function check() {
  if (!existsSync(join(BIG, 'logs', 'runs.jsonl'))) {
    const build = join(REPO, 'bench/journal/.build/bench/journal/make-big-home.js');
    if (!existsSync(build)) spawnSync(process.execPath, [join(REPO, 'bench/journal/build.mjs')], { stdio: 'inherit' });
    console.log(`writing a 50-agent, 1,000,000-run home in ${BIG} (~780 MB)…`);
    const made = spawnSync(process.execPath, [build, BIG, '1000000', '42'], { stdio: 'inherit' });
    if (made.status !== 0) throw new Error('make-big-home failed');
  }
  const time = () => {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [BIN, 'check', '--home', BIG], { encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0 && result.status !== 1) throw new Error(`check failed: ${result.stderr}`);
    return { ms, open: (/(\d+) alert\(s\) open/.exec(result.stdout) ?? [0, 0])[1] };
  };
  const cold = time();
  time();
  const warm = Array.from({ length: 7 }, () => time());
  // the same check inside one process, as the daemon runs it every minute: no process start, no imports
  // (dist/ is one bundle, so the modules are taken from src/ through the tests' TypeScript loader)
  const inProcess = spawnSync(
    process.execPath,
    [
      '--import',
      join(REPO, 'test/support/ts-register.mjs'),
      '--input-type=module',
      '-e',
      `const { openHome } = await import(${JSON.stringify(join(REPO, 'src/home/index.ts'))});
       const { runCheck } = await import(${JSON.stringify(join(REPO, 'src/watchdog/index.ts'))});
       const home = await openHome(${JSON.stringify(BIG)});
       let trail; const times = [];
       for (let i = 0; i < 8; i++) {
         const t = performance.now();
         trail = (await runCheck(home, { trail, channels: [] })).trail;
         times.push(performance.now() - t);
       }
       console.log(JSON.stringify(times.slice(1)));`,
    ],
    { encoding: 'utf8' },
  );
  const inProcessTimes = JSON.parse(inProcess.stdout.trim() || '[]');
  const floor = Array.from({ length: 5 }, () => {
    const started = process.hrtime.bigint();
    spawnSync(process.execPath, [BIN, '--version']);
    return Number(process.hrtime.bigint() - started) / 1e6;
  });
  return {
    agents: 50,
    runs: 1_000_000,
    first_check_ms: round(cold.ms),
    warm_median_ms: round(median(warm.map((w) => w.ms))),
    warm_max_ms: round(Math.max(...warm.map((w) => w.ms))),
    open_alerts: Number(warm[0].open),
    in_process_median_ms: round(median(inProcessTimes)),
    floor_nightshift_version_ms: round(median(floor)),
    target_warm_ms: 500,
  };
}

const results = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};
results.at = new Date().toISOString();
results.host = hostname();
results.node = process.version;
results.cores = cpus().length;
results.load_average_at_start = loadavg().map((l) => round(l, 2));
for (const name of which) {
  console.log(`bench ${name}…`);
  results[name] = await { idle, fire, check }[name]();
  console.log(JSON.stringify(results[name], null, 2));
}
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${RESULTS}`);
