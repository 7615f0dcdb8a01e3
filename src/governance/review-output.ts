import { constants } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { outputDirEscape, outputStamp, parseOutputName } from '../harness/index.js';
import { byCodeUnits, CorruptFileError, dayKey } from '../shared/index.js';
import { DrawPool } from './review-pool.js';
import type { Random } from './review-random.js';

/**
 * The output a reviewer reads: drawn at random from the week's output files
 * that still exist (retention may have archived some), its first lines only.
 * A path from elsewhere (`review --output`, the console) is used only when it
 * names a file under outputs/<that agent>/ — never anything else.
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

/**
 * The start of a file; null when it does not exist, is not a regular file, or
 * is a symbolic link: an agent that writes could plant a link in its outputs
 * to a file it cannot show itself, and a review must not show it either.
 */
export async function readExcerpt(path: string, file: string, maxLines = EXCERPT_LINES): Promise<OutputExcerpt | null> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'ELOOP') return null;
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

/** How the draw reaches the disk; a test passes its own to count the calls. */
export interface OutputFiles {
  /** the names straight under `dir` (read() tells a file from anything else); [] when it does not exist */
  list(dir: string): Promise<string[]>;
  read(path: string, file: string): Promise<OutputExcerpt | null>;
}

export const diskOutputFiles: OutputFiles = {
  async list(dir) {
    try {
      return await readdir(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return [];
      throw error;
    }
  },
  read: (path, file) => readExcerpt(path, file),
};

/** The part of a review window the outputs are chosen by. */
export interface OutputWindow {
  from: string;
  to: string;
}

/**
 * The week's outputs of an agent that are on disk, oldest first, relative to
 * the home: the files the harness named (stamp.ts) for a time inside the
 * window, in the agent's zone. One listing of outputs/<agent>/, however many
 * runs the week had; a pruned output is simply not there to be drawn, so no
 * run record is read for it.
 */
export async function weekOutputs(
  homeRoot: string,
  outputsDir: string,
  agent: string,
  timeZone: string,
  window: OutputWindow,
  files: OutputFiles = diskOutputFiles,
): Promise<string[]> {
  // a folder that is a link out of the home is not read: an agent that writes could point it anywhere
  const escape = await outputDirEscape(homeRoot, outputsDir);
  if (escape !== null)
    throw new CorruptFileError(outputsDir, `${escape}: its outputs are not read for the review`, {
      expected: `a folder inside the home`,
      actual: escape,
      fix: `replace the link with a folder: mkdir ${outputsDir}`,
    });
  const from = new Date(window.from);
  const to = new Date(window.to);
  // stamps are wall times of the agent's zone, which compare as text within one zone
  const low = outputStamp(from, timeZone, 'datetime');
  const high = outputStamp(to, timeZone, 'datetime');
  const firstDay = dayKey(from, timeZone);
  const lastDay = dayKey(to.getTime() - 1, timeZone);
  const inside = (stamp: string): boolean =>
    stamp.length === firstDay.length ? stamp >= firstDay && stamp <= lastDay : stamp >= low && stamp <= high;
  const found: Array<{ name: string; stamp: string; attempt: number }> = [];
  for (const name of await files.list(outputsDir)) {
    // a name starts with its local date: the weeks before (retention keeps a month or more) are passed over unread
    const day = name.slice(0, 10);
    if (day < firstDay || day > lastDay) continue;
    const parsed = parseOutputName(name);
    if (parsed !== null && inside(parsed.stamp)) found.push({ name, ...parsed });
  }
  found.sort((a, b) => byCodeUnits(a.stamp, b.stamp) || a.attempt - b.attempt);
  return found.map(({ name }) => `outputs/${agent}/${name}`);
}

/**
 * Draws until a file that can be read comes up. The candidates were listed a
 * moment ago, so a miss is rare (pruned in between, or a path outside the
 * agent's outputs); the pool (review-pool.ts) takes a miss out in O(log n),
 * so even a week of misses costs O(n log n). The same rng() calls and picks
 * as drawing from the filtered list (pickRandomOutput): `--seed N` draws the
 * same output again while the files are the same.
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
  while (pool.size > 0) {
    const file = pool.pick(rng) as string;
    const path = outputPath(homeRoot, agent, file);
    const excerpt = path !== null ? await files.read(path, file) : null;
    if (excerpt) return excerpt;
    pool.remove(file);
  }
  return null;
}
