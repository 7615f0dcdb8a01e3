import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Whether `file` can be executed the way spawn would find it: a name with a
 * slash relative to `cwd`, a bare name on PATH (an empty PATH entry is
 * `cwd`). A run started through the containment gate (spawn.ts) is exec'd
 * by /bin/sh, not by spawn, so this gives back the ENOENT or EACCES spawn
 * itself would have reported; the runners turn those into their "not
 * found" reasons. Null: found.
 */
export function executableProblem(file: string, env: NodeJS.ProcessEnv, cwd: string): 'ENOENT' | 'EACCES' | null {
  const candidates = file.includes('/')
    ? [resolve(cwd, file)]
    : (env.PATH ?? '/usr/bin:/bin').split(':').map((dir) => resolve(cwd, dir || '.', file));
  let denied = false;
  for (const candidate of candidates) {
    try {
      if (!statSync(candidate).isFile()) {
        denied = true; // a directory of that name: exec says EACCES
        continue;
      }
    } catch {
      continue;
    }
    try {
      accessSync(candidate, constants.X_OK);
      return null;
    } catch {
      denied = true;
    }
  }
  return denied ? 'EACCES' : 'ENOENT';
}
