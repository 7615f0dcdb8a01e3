import { statSync } from 'node:fs';
import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { claimName, writeTempFile } from '../files/index.js';
import { outputDirEscape } from './output-dir.js';
import { isOutputNameFor, outputName } from './stamp.js';

/**
 * Publishes a run's output as outputs/<name>/<stamp>.md (DESIGN §3 step 5):
 * written whole to a temp file in the same folder, then given its name.
 * The name is taken with link(2), which fails if it exists, so a second run
 * the same day gets `-2`, `-3`… and nothing is ever overwritten; rename(2)
 * would replace silently. The temp file never outlives the call. A folder
 * that leads out of the home (output-dir.ts) is refused, nothing written.
 *
 * Between the two, `onStaged` learns the temp file's inode, which the
 * published name will share: the harness writes it into the run's lock, so
 * an output whose record is never written is still found and named by the
 * CRASHED record (findStagedOutput). If `onStaged` throws, nothing is published.
 */
export const MAX_SUFFIX = 10_000;

export interface StagedOutput {
  stamp: string;
  /** st_ino of the temp file, as a decimal string (it can exceed 2^53) */
  ino: string;
  sizeBytes: number;
}

export async function publishOutput(
  homeRoot: string,
  dir: string,
  stamp: string,
  text: string,
  onStaged?: (staged: StagedOutput) => Promise<void>,
): Promise<{ path: string; sizeBytes: number }> {
  const escape = await outputDirEscape(homeRoot, dir);
  if (escape !== null) throw new Error(`the output was not written: ${escape}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const data = Buffer.from(text, 'utf8');
  const temp = await writeTempFile(join(dir, stamp), data);
  try {
    await onStaged?.({ stamp, ino: statSync(temp, { bigint: true }).ino.toString(), sizeBytes: data.length });
    for (let attempt = 1; attempt <= MAX_SUFFIX; attempt++) {
      const path = join(dir, outputName(stamp, attempt));
      if (await claimName(temp, path)) return { path, sizeBytes: data.length };
    }
    throw new Error(`${dir}: ${MAX_SUFFIX} outputs named ${stamp} already exist`);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/**
 * The output published from a staged temp file, if it got a name: the file in
 * `dir` named for `staged.stamp` whose inode is the temp file's. Null when the
 * harness died (or failed) before naming it.
 */
export async function findStagedOutput(
  dir: string,
  staged: Pick<StagedOutput, 'stamp' | 'ino'>,
): Promise<{ path: string; sizeBytes: number } | null> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!isOutputNameFor(name, staged.stamp)) continue;
    const path = join(dir, name);
    const info = await stat(path, { bigint: true }).catch(() => null);
    if (info?.isFile() && info.ino.toString() === staged.ino) return { path, sizeBytes: Number(info.size) };
  }
  return null;
}
