// Shared by the benchmarks: the big home (50 agents, 1,000,000 runs), timing
// a command with GNU time for its peak RSS, medians, and nightshift's rooms
// for benches that call them in-process.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The 50-agent / 1M-run home, generated once into bench/.work/big-home (git-ignored). */
export async function bigHome(dir = join(root, 'bench', '.work', 'big-home')) {
  if (!existsSync(join(dir, 'logs', 'runs.jsonl'))) {
    mkdirSync(dir, { recursive: true });
    console.error(`generating 1,000,000 runs into ${dir} (once; about a minute)…`);
    execFileSync('node', [join(root, 'bench', 'journal', 'build.mjs')], { stdio: 'inherit' });
    execFileSync('node', [join(root, 'bench', 'journal', '.build', 'bench', 'journal', 'make-big-home.js'), dir], { stdio: 'inherit' });
  }
  return dir;
}

/** Runs argv, returns wall ms and peak RSS (MB) as GNU time measures them. */
export function timed(argv, options = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && !options.allowFailure) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr.slice(-500)}`);
  const rssKb = Number(result.stderr.trim().split('\n').pop());
  return { ms: Math.round(ms), rssMb: Math.round(rssKb / 1024), stdout: result.stdout };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

/**
 * nightshift's rooms as one ES module, for benches that time work in-process
 * (dist/ holds the CLI as one script, which exports only its entry). One
 * bundle, so every room shares the same copy of what they have in common.
 */
export async function rooms() {
  const out = join(root, 'bench', '.work', 'rooms.mjs');
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: root,
    stdin: {
      contents: ['home', 'fleet', 'governance', 'harness'].map((room) => `export * as ${room} from './src/${room}/index.ts';`).join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return import(pathToFileURL(out).href);
}
