#!/usr/bin/env node
// What execa would add to every `nightshift run` (issue 13, point 5):
//   node bench/harness/execa-startup.mjs [--runs N]
//
// A run always spawns its agent, so execa could not be loaded lazily: its
// set-up would be paid by every run the daemon or cron starts. Two scripts
// are bundled the way scripts/build.mjs bundles the CLI (esbuild, CommonJS,
// node20, minified), each spawning `true` as the supervisor does (detached,
// stdin ignored, stdout and stderr piped and streamed, not buffered) and
// waiting for its exit: one through node:child_process, one through execa.
// Each is started N times as a fresh process, alternating, and the medians of
// the wall times are compared; the built-ins each loads are listed too.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { median } from '../support.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = join(root, 'bench', '.work', 'execa-startup');
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 31;
mkdirSync(work, { recursive: true });

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

const probe = join(work, 'probe.cjs');
writeFileSync(probe, "process.on('exit', () => process.stderr.write('LOADED ' + process.moduleLoadList.filter((m) => m.startsWith('NativeModule ') && !m.includes('internal/')).map((m) => m.slice(13)).join(' ') + '\\n'));\n");

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
    logLevel: 'warning',
  });
  scripts[name] = out;
}

function once(script) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [script], { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${script} exited ${result.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const times = Object.fromEntries(Object.keys(scripts).map((name) => [name, []]));
for (const script of Object.values(scripts)) once(script); // warm the page cache
for (let i = 0; i < RUNS; i++) for (const [name, script] of Object.entries(scripts)) times[name].push(once(script));

const builtins = (script) => new Set((/LOADED (.*)/.exec(spawnSync(process.execPath, ['-r', probe, script], { encoding: 'utf8' }).stderr)?.[1] ?? '').split(' '));
const base = builtins(scripts['node:child_process']);
const withExeca = [...builtins(scripts.execa)].filter((name) => !base.has(name));

const rows = Object.entries(times).map(([name, values]) => ({ name, bytes: statSync(scripts[name]).size, median: median(values.map((v) => Math.round(v * 10))) / 10 }));
console.log(`spawn \`true\` and wait, fresh node each time, medians of ${RUNS} (load ${(await import('node:os')).loadavg()[0].toFixed(2)}):`);
for (const row of rows) console.log(`  ${row.name.padEnd(20)} ${String(row.median).padStart(7)} ms   script ${(row.bytes / 1024).toFixed(1)} KB`);
console.log(`  execa adds ${(rows[1].median - rows[0].median).toFixed(1)} ms per process`);
console.log(`  built-ins only execa loads: ${withExeca.join(' ') || 'none'}`);
