import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { constants, Script } from 'node:vm';
import { isColdStart } from '../cold-start.js';
import { commandOf } from './route.js';

/**
 * Starts a command from dist/cli/nightshift.cjs (or the console from
 * dist/cli/console.cjs) with a V8 code cache.
 *
 * Every `nightshift run` the scheduler starts, every `check` from cron, and
 * every console an operator opens, pays Node's start-up plus compiling
 * megabytes of bundled code; Node 20 caches
 * compiled code for no module format, but `vm.Script` takes V8's cached data
 * for a script. The cache is made per command (what `run` compiles is not
 * what `costs` compiles) at the end of the first process that lacks it, and
 * V8 itself rejects one that does not match the bundle or the Node binary;
 * a rejected or unreadable cache only means compiling as usual. A start that
 * did first-time work (src/cold-start.ts) writes `<command>.cold.bin`, used
 * only until an ordinary start has run on it and removed it; the next one
 * then compiles afresh and writes `<command>.bin`.
 *
 * NIGHTSHIFT_CODE_CACHE=0 turns it off; NIGHTSHIFT_CODE_CACHE=/a/dir keeps it there.
 */
export interface LaunchOptions {
  /**
   * Epoch ms: load everything the command needs now, start it then. The
   * daemon starts cron runs a few seconds ahead this way, so a run begins on
   * its second rather than after start-up (src/daemon/run-at.ts).
   */
  startAt?: number;
}

interface Program {
  main?: (argv: readonly string[]) => Promise<void>;
  warm?: (argv: readonly string[]) => Promise<void>;
}

/** `cliDir`: dist/cli/, which holds console.cjs (the console) and nightshift.cjs (every other command: no React, no Ink). */
export async function launch(cliDir: string, options: LaunchOptions = {}): Promise<void> {
  const isConsole = commandOf(process.argv) === 'console';
  const bundle = join(cliDir, isConsole ? 'console.cjs' : 'nightshift.cjs');
  // the console's Yoga is WebAssembly, loaded with an await no CommonJS script can make (scripts/shims/yoga-layout.mjs)
  if (isConsole) (globalThis as { __nightshiftYoga?: unknown }).__nightshiftYoga = await (await import('./load-yoga.js')).loadYogaInPlace();
  // the build keeps both scripts ASCII (scripts/build.mjs), so latin1 reads them exactly, with no UTF-8 decoding
  const source = readFileSync(bundle, 'latin1');
  const cacheFile = process.env.NIGHTSHIFT_CODE_CACHE === '0' ? null : cacheFileFor(bundle, process.argv);
  const cache = cacheFile === null ? null : readCodeCache(cacheFile);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData: cache?.data,
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cacheFile !== null) {
    // at exit, the cache holds every function this command compiled
    process.once('exit', () => {
      const target = isColdStart() ? coldVariant(cacheFile) : cacheFile;
      if (cache === null || script.cachedDataRejected) writeCache(target, script.createCachedData());
      // An ordinary start served by the cold cache would write it back whole (everything deserialised counts as
      // compiled): drop it instead, and the next start, compiling afresh, writes the lean one.
      else if (target === cacheFile && cache.file !== cacheFile) removeQuietly(cache.file);
    });
  }
  const module = { exports: {} as Program };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  try {
    if (options.startAt !== undefined) {
      await module.exports.warm?.(process.argv);
      const wait = options.startAt - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    await module.exports.main?.(process.argv);
  } catch (error) {
    process.stderr.write(`nightshift: internal error (please report it): ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 70;
  }
}

/** dist/.code-cache/<node>/<command>.bin, or a private folder under the temp dir when dist/ is read-only. */
export function cacheFileFor(bundle: string, argv: readonly string[], setting = process.env.NIGHTSHIFT_CODE_CACHE): string | null {
  const word = commandOf(argv) ?? 'help';
  const name = `${/^[a-z][a-z-]{0,30}$/.test(word) ? word : 'other'}.bin`;
  const version = `${process.version}-${process.arch}`;
  // NIGHTSHIFT_CODE_CACHE=/some/dir keeps the caches there (a test's own, say)
  const places = setting?.startsWith('/')
    ? [join(setting, version)]
    : [join(dirname(bundle), '..', '.code-cache', version), join(tmpdir(), `nightshift-code-cache-${process.getuid?.() ?? 'user'}`, version)];
  for (const dir of places) {
    if (privateDir(dir)) return join(dir, name);
  }
  return null;
}

/** The folder exists (made if need be) and only we can write into it: cached code runs as ours. */
function privateDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = statSync(dir);
    return stat.isDirectory() && (process.getuid === undefined || stat.uid === process.getuid()) && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** The cache of a start that did first-time work (src/cold-start.ts): used only until an ordinary start has run on it (and removed it). */
export function coldVariant(file: string): string {
  return file.replace(/\.bin$/, '.cold.bin');
}

/** The ordinary start's cache, else the cold start's, with the file it came from. */
function readCodeCache(file: string): { file: string; data: Buffer } | null {
  for (const candidate of [file, coldVariant(file)]) {
    try {
      return { file: candidate, data: readFileSync(candidate) };
    } catch {
      // try the next
    }
  }
  return null;
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // gone already
  }
}

function writeCache(file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.new`;
  try {
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // a cache that cannot be written is a cache we do without
  }
}
