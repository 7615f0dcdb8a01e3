import { chmod, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HOME_DIRS } from './constants.js';
import type { DemoFile } from './generate.js';

/**
 * Writes a generated home from scratch: the old folder is removed first, so a
 * file the generator no longer makes does not linger. Folders 0700, files
 * 0600 (scripts 0700), as `nightshift init` makes them.
 */
export async function writeDemoHome(target: string, files: DemoFile[]): Promise<void> {
  await refuseForeignFolder(target);
  await rm(target, { recursive: true, force: true });
  const made = new Set<string>();
  const ensureDir = async (dir: string) => {
    if (made.has(dir)) return;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    made.add(dir);
  };
  await ensureDir(target);
  for (const dir of HOME_DIRS) await ensureDir(join(target, dir));
  for (const file of files) {
    const path = join(target, ...file.path.split('/'));
    for (let dir = dirname(path); dir.length > target.length && !made.has(dir); dir = dirname(dir)) await ensureDir(dir);
    await writeFile(path, file.content, { mode: file.mode });
    await chmod(path, file.mode);
  }
}

/** rm -rf only what looks like a nightshift home (or nothing at all): a mistyped path must not cost a folder. */
async function refuseForeignFolder(target: string): Promise<void> {
  let entries: string[];
  try {
    if (!(await stat(target)).isDirectory()) throw new Error(`${target} exists and is not a folder; not replacing it`);
    entries = await readdir(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (entries.length > 0 && !entries.includes('nightshift.yaml')) {
    throw new Error(`${target} is not empty and has no nightshift.yaml; refusing to replace it with the demo home`);
  }
}
