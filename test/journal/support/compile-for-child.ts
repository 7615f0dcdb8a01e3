import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Child processes run plain Node, which cannot load TypeScript: bundle one
 * source module with everything it imports into a temporary folder, so a
 * move of what it imports needs no change here. Returns the folder (to
 * remove) and the bundled module's path.
 */
export function compileForChild(entry: string): { dir: string; module: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nightshift-child-'));
  const module = join(dir, 'module.mjs');
  buildSync({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile: module,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return { dir, module };
}
