// Shared by the benchmarks: the big home (50 agents, 1,000,000 runs), timing
// a command with GNU time for its peak RSS, medians, nightshift's rooms
// for benches that call them in-process, and the packages nightshift left
// out, for the benches that say why.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The 50-agent / 1M-run home, generated once into bench/.work/big-home (git-ignored). */
export async function bigHome(dir = join(root, 'bench', '.work', 'big-home')) {
  if (!existsSync(join(dir, 'logs', 'runs.jsonl'))) {
    mkdirSync(dir, { recursive: true });
    console.error(`generating 1,000,000 runs into ${dir} (once; about a minute)…`);
    execFileSync('node', [join(root, 'bench', 'journal', 'build.mjs')], { stdio: 'inherit' });
    execFileSync('node', [join(root, 'bench', 'journal', '.build', 'bench', 'journal', 'make-big-home.js'), dir], {
      stdio: 'inherit',
    });
  }
  return dir;
}

/**
 * A home like bigHome's whose history ends when it was generated, so `review`
 * (the last 7 days) and `costs` (this month) have a full window to read.
 * bench/.work/current-home-<runs> (git-ignored), made again when older than
 * a day: its week would start to empty. None of its outputs exist (the big
 * home writes none), the worst case for review's draw: every output of the
 * week is a miss.
 */
export async function currentHome(runs = 1_000_000, dir = join(root, 'bench', '.work', `current-home-${runs}`)) {
  const marker = join(dir, '.bench-ended-at');
  const endedAt = existsSync(marker) ? Date.parse(readFileSync(marker, 'utf8')) : NaN;
  if (!(Date.now() - endedAt < 24 * 3600_000)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    console.error(`generating ${runs.toLocaleString('en')} runs ending now into ${dir}…`);
    execFileSync('node', [join(root, 'bench', 'journal', 'build.mjs')], { stdio: 'inherit' });
    const now = new Date().toISOString();
    execFileSync(
      'node',
      [join(root, 'bench', 'journal', '.build', 'bench', 'journal', 'make-big-home.js'), dir, String(runs), '42', now],
      { stdio: 'inherit' },
    );
    writeFileSync(marker, now);
  }
  return dir;
}

/**
 * Output files as the harness names them, one per agent per hour for the
 * `days` days up to now (UTC, the bench homes' zone): what a review lists
 * and draws from. The journal's own output paths (the generator's) are not
 * these, so a build that draws from the records finds every one missing.
 */
export function withOutputs(home, days = 30) {
  const marker = join(home, 'outputs', `.bench-outputs-${days}d`);
  if (existsSync(marker)) return home;
  const agents = readdirSync(join(home, 'agents'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3));
  const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  for (const agent of agents) {
    const dir = join(home, 'outputs', agent);
    mkdirSync(dir, { recursive: true });
    for (let at = end - days * 86_400_000; at <= end; at += 3_600_000) {
      const iso = new Date(at).toISOString();
      writeFileSync(
        join(dir, `${iso.slice(0, 10)}T${iso.slice(11, 13)}0000.md`),
        `# ${agent} at ${iso}\n\nSTATUS: OK\n`,
      );
    }
  }
  writeFileSync(marker, new Date(end).toISOString());
  return home;
}

/**
 * Runs argv; returns wall ms, CPU ms (user + system, with its children) and
 * peak RSS (MB). GNU time gives the RSS; bash's `times` the CPU, to the
 * millisecond (GNU time's is to 10 ms).
 */
export function timed(argv, options = {}) {
  const started = process.hrtime.bigint();
  const script = '"$@"; code=$?; times >&2; exit $code';
  const result = spawnSync('/usr/bin/time', ['-f', '%M', 'bash', '-c', script, 'bash', ...argv], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    ...options,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && !options.allowFailure)
    throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr.slice(-500)}`);
  const lines = result.stderr.trim().split('\n');
  const rssKb = Number(lines.at(-1));
  const seconds = (text) => {
    const [, min, sec] = /(\d+)m([\d.]+)s/.exec(text);
    return Number(min) * 60 + Number(sec);
  };
  // `times` prints the shell's own times, then its children's; GNU time may add "Command exited with non-zero status N"
  const [user, system] = lines
    .filter((line) => /^\d+m[\d.]+s \d+m[\d.]+s$/.test(line))
    .at(-1)
    .split(' ');
  return {
    ms: Math.round(ms),
    cpuMs: Math.round((seconds(user) + seconds(system)) * 1000),
    rssMb: Math.round(rssKb / 1024),
    stdout: result.stdout,
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

/** timed()'s samples of one command as a bench reports them: medians of wall and CPU time, the peak RSS. */
export function summary(samples) {
  return {
    median_ms: median(samples.map((s) => s.ms)),
    median_cpu_ms: median(samples.map((s) => s.cpuMs)),
    peak_rss_mb: Math.max(...samples.map((s) => s.rssMb)),
    n: samples.length,
  };
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
      contents: ['home', 'fleet', 'governance', 'harness']
        .map((room) => `export * as ${room} from './src/${room}/index.ts';`)
        .join('\n'),
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

/**
 * A package nightshift does not depend on, for the benches that measured why
 * (README "Built on"): installed on first use with npm, at the version that
 * was measured, into bench/.work/outside (git-ignored), never into
 * package.json. Peers are not installed: from there they resolve to
 * nightshift's own copies (one React, one Ink). Returns the URL of a module
 * that re-exports the package, for import().
 */
export function outsidePackage(name, version) {
  const dir = join(root, 'bench', '.work', 'outside');
  const manifest = join(dir, 'node_modules', name, 'package.json');
  if (!existsSync(manifest) || JSON.parse(readFileSync(manifest, 'utf8')).version !== version) {
    mkdirSync(dir, { recursive: true });
    console.error(`installing ${name}@${version} into ${dir} (not a dependency of nightshift)…`);
    execFileSync(
      'npm',
      [
        'install',
        '--no-save',
        '--no-package-lock',
        '--legacy-peer-deps',
        '--no-audit',
        '--no-fund',
        '--prefix',
        dir,
        `${name}@${version}`,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  const entry = join(dir, `${name.replace(/\W/g, '_')}.mjs`);
  writeFileSync(
    entry,
    `export * from '${name}';\nimport * as all from '${name}';\nexport default all.default ?? all;\n`,
  );
  return pathToFileURL(entry).href;
}

/**
 * The named alternative for start-up figures: another checkout of nightshift,
 * built, given as `npm run bench -- --base DIR` (bench/run.mjs passes it on as
 * NIGHTSHIFT_BENCH_BASE). Its bin/nightshift.js, or null when none was given.
 */
export function baseBin() {
  const dir = process.env.NIGHTSHIFT_BENCH_BASE;
  if (!dir) return null;
  if (!existsSync(join(resolve(dir), 'dist')))
    throw new Error(`${dir} has no dist/: run \`npm run build\` there first`);
  return join(resolve(dir), 'bin', 'nightshift.js');
}

/**
 * A copy of `home` at `twin` with its own parse caches (run/*.cache.json) and
 * journal index (logs/.index) but the same journals, hard-linked (one file
 * under two names; nightshift reads no journal through a symlink): two builds
 * timed in turn on one home would otherwise each find the other's caches stale
 * and rebuild them every time.
 */
export function twinHome(home, twin) {
  home = resolve(home);
  twin = resolve(twin);
  const journal = (rel) => /^logs\/[^/]+\.jsonl(\.gz)?$/.test(rel);
  rmSync(twin, { recursive: true, force: true });
  cpSync(home, twin, {
    recursive: true,
    filter: (source) => {
      const rel = relative(home, source);
      return rel !== 'logs/.index' && !/^run\/[^/]+\.cache\.json$/.test(rel) && !journal(rel);
    },
  });
  for (const file of readdirSync(join(home, 'logs')))
    if (journal(`logs/${file}`)) linkSync(join(home, 'logs', file), join(twin, 'logs', file));
  return twin;
}
