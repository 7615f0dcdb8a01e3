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
function locator(homeRoot: string, agent: string): (file: string) => Location | null {
  const plainAgent = sep === '/' && agent !== '' && agent !== '.' && agent !== '..' && !agent.includes('/');
  const prefix = `outputs/${agent}/`;
  const agentDir = join(homeRoot, 'outputs', agent);
  return (file) => {
    if (plainAgent && file.startsWith(prefix) && !file.includes('\0')) {
      const name = file.slice(prefix.length);
      if (name !== '' && name !== '.' && name !== '..' && !name.includes('/'))
        return { path: `${agentDir}/${name}`, dir: agentDir, name };
    }
    const path = outputPath(homeRoot, agent, file);
    return path === null ? null : { path, dir: dirname(path), name: basename(path) };
  };
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
    pool.remove(file);
    if (marks === null) {
      marks = await markCandidates(candidates, locate, files);
      marks.set(file, false);
      if (![...marks.values()].includes(true)) return null;
    } else marks.set(file, false);
  }
  return null;
}

/** Each distinct candidate: may it exist? Each folder listed once. */
async function markCandidates(
  candidates: readonly string[],
  locate: (file: string) => Location | null,
  files: OutputFiles,
): Promise<Map<string, boolean>> {
  const listings = new Map<string, ReadonlySet<string> | null | undefined>();
  const marks = new Map<string, boolean>();
  for (const file of candidates) {
    if (marks.has(file)) continue;
    const where = locate(file);
    if (where === null) {
      marks.set(file, false);
      continue;
    }
    if (!listings.has(where.dir)) listings.set(where.dir, await files.list(where.dir));
    const names = listings.get(where.dir);
    // a folder that cannot be listed: each of its files is tried, as before
    marks.set(file, names === undefined || (names !== null && names.has(where.name)));
  }
  return marks;
}
