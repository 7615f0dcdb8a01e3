#!/usr/bin/env node
// What execa would add to every `nightshift run` (issue 13, point 5), after
// `npm run build`:
//   node bench/harness/execa-startup.mjs [--runs N]
//
// A run always spawns its agent, so execa could not be loaded lazily: its
// set-up would be paid by every run the daemon or cron starts. Two measures,
// each a median of N fresh processes, alternating, wall time and CPU time
// (user + system from GNU time, less moved by the host's other work):
//
//   run     the built CLI's `nightshift run` of a command agent running `true`,
//           against the same tree built with the supervisor's spawn() call
//           replaced by execa() (src/runners/process/spawn.ts patched in a copy
//           under bench/.work/execa-variant: detached, stdin ignored or piped,
//           the gate's fd 3, stdout and stderr streamed, not buffered, no
//           rejection, no clean-up hook: what the supervisor needs). Measured
//           with the V8 code cache (today's default) and without it
//           (NIGHTSHIFT_CODE_CACHE=0, what Node 20 pays once it is gone).
//   load    two scripts bundled like the CLI (esbuild, CommonJS, node20,
//           minified), each spawning `true` the way the supervisor does and
//           waiting: through node:child_process and through execa; and the
//           built-ins only execa loads.
//
// execa is installed on first use into bench/.work/outside: it is not a
// dependency of nightshift.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { median, outsidePackage } from '../support.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = join(root, 'bench', '.work', 'execa-startup');
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 31;
if (!existsSync(join(root, 'dist', 'cli', 'nightshift.cjs'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
mkdirSync(work, { recursive: true });
outsidePackage('execa', '9.6.1');
const outside = join(root, 'bench', '.work', 'outside', 'node_modules');

/** Wall and CPU ms of one fresh process; exit codes in `ok` are expected. */
function once(argv, env = {}, ok = [0]) {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S', ...argv], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (!ok.includes(result.status)) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  const [user, system] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: (user + system) * 1000 };
}

/** Medians of RUNS alternating starts of each argv. */
function compare(variants, env, ok) {
  const times = Object.fromEntries(Object.keys(variants).map((name) => [name, { wall: [], cpu: [] }]));
  for (const argv of Object.values(variants)) once(argv, env, ok); // warm the page cache (and the code cache)
  for (let i = 0; i < RUNS; i++) {
    for (const [name, argv] of Object.entries(variants)) {
      const { wall, cpu } = once(argv, env, ok);
      times[name].wall.push(wall);
      times[name].cpu.push(cpu);
    }
  }
  const tenths = (values) => median(values.map((v) => Math.round(v * 10))) / 10;
  return Object.entries(times).map(([name, { wall, cpu }]) => ({ name, wall: tenths(wall), cpu: tenths(cpu) }));
}

function print(title, rows) {
  console.log(title);
  for (const row of rows)
    console.log(
      `  ${row.name.padEnd(20)} wall ${String(row.wall).padStart(6)} ms   CPU ${String(row.cpu).padStart(5)} ms`,
    );
  console.log(
    `  execa adds ${(rows[1].wall - rows[0].wall).toFixed(1)} ms wall, ${(rows[1].cpu - rows[0].cpu).toFixed(1)} ms CPU per process`,
  );
}

// --- run: the real CLI, and a copy of the tree with execa in the supervisor
const variant = join(root, 'bench', '.work', 'execa-variant');
rmSync(variant, { recursive: true, force: true });
mkdirSync(variant, { recursive: true });
for (const entry of [
  'src',
  'scripts',
  'bin',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
]) {
  if (existsSync(join(root, entry))) cpSync(join(root, entry), join(variant, entry), { recursive: true });
}
symlinkSync(join(root, 'node_modules'), join(variant, 'node_modules'));
const spawnFile = join(variant, 'src', 'runners', 'process', 'spawn.ts');
// esbuild strips the types, so the call and its options are all that change
const patches = [
  [
    "import { type ChildProcessByStdio, spawn } from 'node:child_process';",
    `import type { ChildProcessByStdio } from 'node:child_process';\nimport { execa } from ${JSON.stringify(join(outside, 'execa', 'index.js'))};`,
  ],
  ['child = spawn(', 'child = execa('],
  [
    'detached: true,',
    'detached: true, extendEnv: false, buffer: false, reject: false, stripFinalNewline: false, cleanup: false,',
  ],
];
let source = readFileSync(spawnFile, 'utf8');
for (const [from, to] of patches) {
  const next = source.replace(from, to);
  if (next === source)
    throw new Error(
      `src/runners/process/spawn.ts changed: "${from}" not found; update the patch in ${fileURLToPath(import.meta.url)}`,
    );
  source = next;
}
writeFileSync(spawnFile, source);
const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: variant, encoding: 'utf8' });
if (built.status !== 0) throw new Error(`building the execa variant failed: ${built.stderr}`);
if (!readFileSync(join(variant, 'dist', 'cli', 'nightshift.cjs'), 'latin1').includes('forceKillAfterDelay'))
  throw new Error('the variant does not hold execa');

const home = mkdtempSync(join(tmpdir(), 'ns-bench-execa-'));
process.on('exit', () => rmSync(home, { recursive: true, force: true }));
for (const dir of ['agents', 'logs', 'run', 'outputs']) mkdirSync(join(home, dir));
writeFileSync(join(home, 'nightshift.yaml'), 'timezone: UTC\n');
writeFileSync(
  join(home, 'agents', 'noop.md'),
  '---\nname: noop\ndescription: bench agent\nrunner:\n  kind: command\n  command: ["true"]\n---\nBench agent.\n',
);
const runOf = (tree) => [process.execPath, join(tree, 'bin', 'nightshift.js'), '--home', home, 'run', 'noop'];
// `true` prints no status line: the run ends NO_END, exit 1, the same for both
const runs = { 'node:child_process': runOf(root), execa: runOf(variant) };
const floor = () => median(Array.from({ length: 11 }, () => once([process.execPath, '-e', '']).wall)).toFixed(0);
print(
  `\`nightshift run\` of \`true\`, medians of ${RUNS}, code cache on (load ${loadavg()[0].toFixed(2)}, node -e '' ${floor()} ms):`,
  compare(runs, {}, [1]),
);
print(
  `the same, NIGHTSHIFT_CODE_CACHE=0 (load ${loadavg()[0].toFixed(2)}, node -e '' ${floor()} ms):`,
  compare(runs, { NIGHTSHIFT_CODE_CACHE: '0' }, [1]),
);

// --- load: execa on its own
const sources = {
  'node:child_process': [
    "import { spawn } from 'node:child_process';",
    "const child = spawn('true', [], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });",
    'child.stdout.on("data", () => {}); child.stderr.on("data", () => {});',
    "child.once('exit', (code) => { process.exitCode = code ?? 1; });",
  ],
  execa: [
    "import { execa } from 'execa';",
    "const child = execa('true', [], { detached: true, stdin: 'ignore', buffer: false, reject: false, extendEnv: false, env: process.env });",
    'child.stdout.on("data", () => {}); child.stderr.on("data", () => {});',
    "child.once('exit', (code) => { process.exitCode = code ?? 1; });",
  ],
};
const scripts = {};
for (const [name, lines] of Object.entries(sources)) {
  const out = join(work, `${name.replace(/\W/g, '-')}.cjs`);
  await build({
    absWorkingDir: root,
    stdin: { contents: lines.join('\n'), resolveDir: root, loader: 'js' },
    outfile: out,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    nodePaths: [outside],
    logLevel: 'warning',
  });
  scripts[name] = out;
}
const loads = Object.fromEntries(Object.entries(scripts).map(([name, script]) => [name, [process.execPath, script]]));
print(
  `\na script that spawns \`true\` and waits, bundled like the CLI (${Object.entries(scripts)
    .map(([name, file]) => `${name} ${(statSync(file).size / 1024).toFixed(1)} KB`)
    .join(', ')}), medians of ${RUNS} (load ${loadavg()[0].toFixed(2)}):`,
  compare(loads),
);
const probe = join(work, 'probe.cjs');
writeFileSync(
  probe,
  "process.on('exit', () => process.stderr.write('LOADED ' + process.moduleLoadList.filter((m) => " +
    "m.startsWith('NativeModule ') && !m.includes('internal/')).map((m) => m.slice(13)).join(' ') + '\\n'));\n",
);
const builtins = (script) =>
  new Set(
    (
      /LOADED (.*)/.exec(spawnSync(process.execPath, ['-r', probe, script], { encoding: 'utf8' }).stderr)?.[1] ?? ''
    ).split(' '),
  );
const base = builtins(scripts['node:child_process']);
console.log(
  `  built-ins only execa loads: ${[...builtins(scripts.execa)].filter((name) => !base.has(name)).join(' ') || 'none'}`,
);
