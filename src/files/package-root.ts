import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder of nightshift's own package.json, found by walking up from this
 * module: the same answer from src/ (tests), dist/ (bundled chunks) or an
 * installed copy, so paths to bin/ and fixtures/ never depend on file layout.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'nightshift')
          return (cached = dir);
      } catch {
        // not ours or unreadable: keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`cannot find nightshift's package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** bin/nightshift.js of this install: what scripts, crontab lines and detached runs call. */
export function binPath(): string {
  return join(packageRoot(), 'bin', 'nightshift.js');
}
