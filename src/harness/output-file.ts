import { randomUUID } from 'node:crypto';
import { link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { outputName } from './stamp.js';

/**
 * Publishes a run's output as outputs/<name>/<stamp>.md (DESIGN §3 step 5):
 * written whole to a temp file in the same folder, then given its name.
 * The name is taken with link(2), which fails if it exists, so a second run
 * the same day gets `-2`, `-3`… and nothing is ever overwritten; rename(2)
 * would replace silently. The temp file never outlives the call.
 */
export const MAX_SUFFIX = 10_000;

export async function publishOutput(dir: string, stamp: string, text: string): Promise<{ path: string; sizeBytes: number }> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${stamp}.${randomUUID()}.tmp`);
  const data = Buffer.from(text, 'utf8');
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    for (let attempt = 1; attempt <= MAX_SUFFIX; attempt++) {
      const path = join(dir, outputName(stamp, attempt));
      if (await claimName(temp, path)) return { path, sizeBytes: data.length };
    }
    throw new Error(`${dir}: ${MAX_SUFFIX} outputs named ${stamp} already exist`);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function claimName(temp: string, path: string): Promise<boolean> {
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
  }
  // A file system without hard links (some network and FUSE mounts): check, then rename.
  if (await exists(path)) return false;
  await rename(temp, path);
  return true;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
