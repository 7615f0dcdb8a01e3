import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { claimName, writeTempFile } from '../atomic-write.js';
import { outputDirEscape } from './output-dir.js';
import { outputName } from './stamp.js';

/**
 * Publishes a run's output as outputs/<name>/<stamp>.md (DESIGN §3 step 5):
 * written whole to a temp file in the same folder, then given its name.
 * The name is taken with link(2), which fails if it exists, so a second run
 * the same day gets `-2`, `-3`… and nothing is ever overwritten; rename(2)
 * would replace silently. The temp file never outlives the call. A folder
 * that leads out of the home (output-dir.ts) is refused, nothing written.
 */
export const MAX_SUFFIX = 10_000;

export async function publishOutput(homeRoot: string, dir: string, stamp: string, text: string): Promise<{ path: string; sizeBytes: number }> {
  const escape = await outputDirEscape(homeRoot, dir);
  if (escape !== null) throw new Error(`the output was not written: ${escape}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const data = Buffer.from(text, 'utf8');
  const temp = await writeTempFile(join(dir, stamp), data);
  try {
    for (let attempt = 1; attempt <= MAX_SUFFIX; attempt++) {
      const path = join(dir, outputName(stamp, attempt));
      if (await claimName(temp, path)) return { path, sizeBytes: data.length };
    }
    throw new Error(`${dir}: ${MAX_SUFFIX} outputs named ${stamp} already exist`);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
