import { open, readdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { DrawPool } from './review-pool.js';
import type { Random } from './review-random.js';

/**
 * The output a reviewer reads: drawn at random from the week's output files
 * that still exist (retention may have archived some), its first lines only.
 * A path comes from the journal, so it is used only when it names a file
 * under outputs/<that agent>/ — never anything else a record could point at.
 */
export const EXCERPT_LINES = 20;
const EXCERPT_BYTES = 64 * 1024;
const LINE_CHARS = 240;

export interface OutputExcerpt {
  /** relative to the home, as in the run record */
  file: string;
  lines: string[];
  /** lines left out after the excerpt (counted within the bytes read) */
  moreLines: number;
  /** the file goes on past the bytes read */
  cut: boolean;
}

/** Pure: the absolute path of a run's output file, or null when it is not under outputs/<agent>/. */
export function outputPath(homeRoot: string, agent: string, file: string): string | null {
  if (isAbsolute(file) || file.includes('\0')) return null;
  const relative = normalize(file);
  const prefix = join('outputs', agent) + sep;
  if (!relative.startsWith(prefix) || relative.split(sep).includes('..')) return null;
  return join(homeRoot, relative);
}

/** Pure: the first `maxLines` lines of a text, long lines clipped, trailing blank lines dropped. */
export function excerptOf(text: string, maxLines = EXCERPT_LINES): { lines: string[]; moreLines: number } {
  const all = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  const lines = all
    .slice(0, maxLines)
    .map((line) => (line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS - 1)}…` : line));
  return { lines, moreLines: Math.max(0, all.length - maxLines) };
}

/** The start of a file; null when it does not exist (or is not a regular file). */
export async function readExcerpt(path: string, file: string, maxLines = EXCERPT_LINES): Promise<OutputExcerpt | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return null;
    const buffer = Buffer.alloc(Math.min(EXCERPT_BYTES, info.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const { lines, moreLines } = excerptOf(buffer.subarray(0, bytesRead).toString('utf8'), maxLines);
    return { file, lines, moreLines, cut: info.size > bytesRead };
  } finally {
    await handle.close();
  }
}

/**
 * How the draw reaches the disk; a test passes its own to count the calls.
 * `list` gives the names in a directory, null when it does not exist, or
 * undefined when it cannot be listed (then each file is tried as before).
 */
export interface OutputFiles {
  list(dir: string): Promise<ReadonlySet<string> | null | undefined>;
  read(path: string, file: string): Promise<OutputExcerpt | null>;
}

export const diskOutputFiles: OutputFiles = {
  async list(dir) {
    try {
      return new Set(await readdir(dir));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      return undefined;
    }
  },
  read: (path, file) => readExcerpt(path, file),
};

/** Where a candidate would be on disk: its path, directory and name; null when it is not under outputs/<agent>/. */
interface Location {
  path: string;
  dir: string;
  name: string;
}

/**
 * locate() for a week's worth of candidates: a name straight under
 * outputs/<agent>/ (what the harness writes) is placed by string checks
 * alone; anything else (a subfolder, ".", "..", another separator) takes
 * outputPath's normalize, which gives the verdict. 20,000 missing outputs
 * through normalize and join cost ~80 ms; these checks, a few.
 */
interface Locator {
  (file: string): Location | null;
  /** where a name straight under outputs/<agent>/ lives (what `plain` accepts) */
  agentDir: string;
  /** the name of a file straight under outputs/<agent>/, placed by string checks alone; null for anything else */
  plain(file: string): string | null;
}

function locator(homeRoot: string, agent: string): Locator {
  const plainAgent = sep === '/' && agent !== '' && agent !== '.' && agent !== '..' && !agent.includes('/');
  const prefix = `outputs/${agent}/`;
  const agentDir = join(homeRoot, 'outputs', agent);
  const plain = (file: string): string | null => {
    if (!plainAgent || !file.startsWith(prefix) || file.includes('\0') || file.indexOf('/', prefix.length) !== -1)
      return null;
    const name = file.slice(prefix.length);
    return name !== '' && name !== '.' && name !== '..' ? name : null;
  };
  const locate = (file: string): Location | null => {
    const name = plain(file);
    if (name !== null) return { path: `${agentDir}/${name}`, dir: agentDir, name };
    const path = outputPath(homeRoot, agent, file);
    return path === null ? null : { path, dir: dirname(path), name: basename(path) };
  };
  return Object.assign(locate, { agentDir, plain });
}

/**
 * Draws until an existing file comes up: a miss (gone, or a path outside the
 * agent's outputs) leaves the pool. The first pick is simply opened, so a
 * week whose outputs are all there never lists a directory. After a miss,
 * each candidate's directory is listed once and every candidate is marked
 * "may exist" or not in one pass: when none may, the draw is over (a week
 * whose outputs were pruned, or never written, costs one listing); else it
 * goes on against those marks, and the pool (review-pool.ts) takes a miss out
 * in O(log n). The same rng() calls and picks as drawing from the filtered
 * list, up to the pick that finds a file: `--seed N` draws the same output
 * as before (the rng serves this draw alone, so calls it no longer makes
 * once nothing is left to find change nothing).
 */
export async function drawOutput(
  homeRoot: string,
  agent: string,
  candidates: readonly string[],
  rng: Random,
  previous?: string | null,
  files: OutputFiles = diskOutputFiles,
): Promise<OutputExcerpt | null> {
  const pool = new DrawPool(candidates, previous ?? null);
  const locate = locator(homeRoot, agent);
  /** after the first miss: file → may exist (listed, or its folder could not be listed) */
  let marks: Map<string, boolean> | null = null;
  while (pool.size > 0) {
    const file = pool.pick(rng) as string;
    const where = marks === null || marks.get(file) === true ? locate(file) : null;
    const excerpt = where !== null ? await files.read(where.path, file) : null;
    if (excerpt) return excerpt;
    if (marks === null) {
      marks = await markCandidates(candidates, locate, files, file);
      // nothing left that may exist: the draw is over before the pool is touched again
      if (marks === null) return null;
    }
    marks.set(file, false);
    pool.remove(file);
  }
  return null;
}

/**
 * Each distinct candidate: may it exist? Each folder listed once; `missed`
 * (just tried) may not. null when none other may: then no mark is kept (a
 * week's outputs all pruned, or never written, is one listing and a pass of
 * string checks, no map of 20,000 marks).
 */
async function markCandidates(
  candidates: readonly string[],
  locate: Locator,
  files: OutputFiles,
  missed: string,
): Promise<Map<string, boolean> | null> {
  const listings = new Map<string, ReadonlySet<string> | null | undefined>();
  /** may it exist; or the folder to list before that can be told */
  const verdict = (file: string): boolean | string => {
    let dir = locate.agentDir;
    let name = locate.plain(file);
    if (name === null) {
      const where = locate(file);
      if (where === null) return false;
      ({ dir, name } = where);
    }
    if (!listings.has(dir)) return dir;
    const names = listings.get(dir);
    // a folder that cannot be listed: each of its files is tried, as before
    return names === undefined || (names !== null && names.has(name));
  };
  const mayExist = async (file: string): Promise<boolean> => {
    const first = verdict(file);
    if (typeof first === 'boolean') return first;
    listings.set(first, await files.list(first));
    return verdict(file) === true;
  };
  // awaited only when a folder is to be listed: a promise turn per candidate would cost more than the checks
  const tell = (file: string): boolean | Promise<boolean> => {
    const known = verdict(file);
    return typeof known === 'boolean' ? known : mayExist(file);
  };
  let any = false;
  for (const file of candidates) {
    if (file === missed) continue;
    const known = tell(file);
    if (known === true || (known !== false && (await known))) {
      any = true;
      break;
    }
  }
  if (!any) return null;
  const marks = new Map<string, boolean>();
  for (const file of candidates) {
    if (marks.has(file)) continue;
    const known = tell(file);
    marks.set(file, typeof known === 'boolean' ? known : await known);
  }
  return marks;
}
