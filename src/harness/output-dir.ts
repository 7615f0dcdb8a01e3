import { lstat, readlink, realpath } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathInside } from '../home/index.js';

/**
 * The one place a run writes, outputs/<agent>/, must be inside the home: a
 * folder there (or outputs/ itself) that is a symlink out of the home would
 * make the harness write wherever it points. Checked before the model starts
 * (the run is refused, no output written) and again by publishOutput.
 *
 * Each part of the path below the home is looked at in turn; the first link
 * whose target (followed to the end, or as written when it points at nothing)
 * lies outside the home is named. A part not made yet ends the walk: mkdir
 * makes it inside. Returns the problem in words, or null.
 */
export async function outputDirEscape(homeRoot: string, dir: string): Promise<string | null> {
  const root = await realpath(homeRoot).catch(() => homeRoot);
  const parts = relative(homeRoot, dir)
    .split(sep)
    .filter((part) => part.length > 0);
  let path = homeRoot;
  for (const part of parts) {
    path = join(path, part);
    let isLink: boolean;
    try {
      isLink = (await lstat(path)).isSymbolicLink();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      return `${shown(homeRoot, path)} cannot be checked: ${code ?? (error as Error).message}`;
    }
    if (!isLink) continue;
    const target = await linkTarget(path);
    if (!pathInside(root, target) && !pathInside(homeRoot, target)) return outside(homeRoot, path, target, root);
  }
  return null;
}

/** Where a link leads: every link followed, or, when it ends at nothing, where it points as written. */
async function linkTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(dirname(path), await readlink(path).catch(() => '.'));
  }
}

function shown(homeRoot: string, path: string): string {
  const rel = relative(homeRoot, path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

function outside(homeRoot: string, path: string, target: string, root: string): string {
  const name = shown(homeRoot, path);
  return (
    `${name} is a symlink to ${target}, outside the home ${root}: a run writes only inside the home; replace the ` +
    `link with a folder (rm ${name} && mkdir ${name})`
  );
}
