import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { compileGlob, escapeRegExp, globSource, hasGlob } from '../agents/index.js';
import { expandTilde } from '../home/index.js';

// The glob language is the agent schema's (src/agents/glob.ts): one parser for
// what validate accepts and what is matched here.
export { checkGlob, globToRegExp, hasGlob } from '../agents/index.js';
export type { GlobCheck } from '../agents/index.js';

/**
 * What a watch trigger watches: the folder where the glob starts (its
 * longest literal prefix), whether anything below it must be seen
 * (recursive), and which paths count. A literal path counts only itself; a
 * literal path that turns out to be a folder counts anything in it.
 */
export interface WatchTarget {
  /** absolute pattern as given (~ expanded, relative to the home) */
  pattern: string;
  /** the literal folder the pattern starts in; it may not exist yet */
  base: string;
  recursive: boolean;
  literal: boolean;
  matches(path: string): boolean;
}

/** The folder a written path starts from (the user's home for `~`, the root for an absolute path, else the nightshift home) and the rest of it. */
function splitAnchor(path: string, homeRoot: string): { anchor: string; relative: string } {
  if (path === '~' || path.startsWith('~/')) return { anchor: expandTilde('~'), relative: path.slice(1) };
  return { anchor: isAbsolute(path) ? sep : homeRoot, relative: path };
}

/**
 * Only the segments the agent file wrote are glob: the folder a `~/` or a
 * relative path expands to is literal, whatever characters it holds (a home
 * at /srv/ns[2] must not turn into a character class). The literal part is
 * normalized (`//`, `.`, `..`, a trailing `/`) because the paths fs.watch
 * reports are; the schema refuses `.` and `..` after a wildcard.
 */
export function watchTarget(path: string, homeRoot: string): WatchTarget {
  const { anchor, relative } = splitAnchor(path, homeRoot);
  const segments = relative.split(sep).filter((segment) => segment.length > 0);
  const firstGlob = segments.findIndex(hasGlob);
  if (firstGlob === -1) {
    const pattern = resolve(anchor, ...segments);
    return {
      pattern,
      base: dirname(pattern),
      recursive: false,
      literal: true,
      matches: (candidate) => candidate === pattern || candidate.startsWith(`${pattern}${sep}`),
    };
  }
  const base = resolve(anchor, ...segments.slice(0, firstGlob));
  const rest = segments.slice(firstGlob);
  const glob = rest.join(sep);
  const prefix = base === sep ? sep : `${base}${sep}`;
  const regex = compileGlob(`^${escapeRegExp(prefix)}${globSource(glob)}$`);
  return {
    pattern: `${prefix}${glob}`,
    base,
    recursive: rest.length > 1 || rest.some((segment) => segment.includes('**')),
    literal: false,
    matches: (candidate) => regex.test(candidate),
  };
}
