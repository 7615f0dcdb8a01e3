import { isAbsolute, resolve, sep } from 'node:path';
import { expandTilde } from '../../home/index.js';

/**
 * The glob of a `watch` trigger, matched here rather than with
 * path.matchesGlob (experimental in Node 20, and it warns on stderr):
 * `*` and `?` within one path segment (not matching a leading dot, as in a
 * shell), `**` across segments, `[abc]` / `[!abc]`, `{a,b}`.
 */
export type GlobCheck = { ok: true } | { ok: false; problem: string };

const GLOB_CHARS = /[*?[\]{}]/;

export function hasGlob(text: string): boolean {
  return GLOB_CHARS.test(text);
}

export function checkGlob(pattern: string): GlobCheck {
  try {
    globToRegExp(pattern);
    return { ok: true };
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
}

export function globToRegExp(pattern: string): RegExp {
  let out = '';
  let braces = 0;
  let i = 0;
  const atSegmentStart = () => i === 0 || pattern[i - 1] === '/';
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        const followedBySlash = pattern[i + 2] === '/';
        if (atSegmentStart() && followedBySlash) {
          out += '(?:[^/]*/)*';
          i += 3;
        } else {
          out += '.*';
          i += 2;
        }
        continue;
      }
      out += atSegmentStart() ? '(?!\\.)[^/]*' : '[^/]*';
      i++;
      continue;
    }
    if (ch === '?') {
      out += atSegmentStart() ? '(?!\\.)[^/]' : '[^/]';
      i++;
      continue;
    }
    if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) throw new Error(`"${pattern}": "[" at ${i + 1} has no closing "]"`);
      let body = pattern.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      if (body.length === 0) throw new Error(`"${pattern}": empty character class at ${i + 1}`);
      out += `[${negate ? '^/' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = close + 1;
      continue;
    }
    if (ch === ']') throw new Error(`"${pattern}": "]" at ${i + 1} closes nothing`);
    if (ch === '{') {
      braces++;
      out += '(?:';
      i++;
      continue;
    }
    if (ch === '}') {
      if (braces === 0) throw new Error(`"${pattern}": "}" at ${i + 1} closes nothing`);
      braces--;
      out += ')';
      i++;
      continue;
    }
    if (ch === ',' && braces > 0) {
      out += '|';
      i++;
      continue;
    }
    out += ch.replace(/[.+^$()|\\]/g, '\\$&');
    i++;
  }
  if (braces > 0) throw new Error(`"${pattern}": a "{" has no closing "}"`);
  return new RegExp(`^${out}$`);
}

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

export function watchTarget(path: string, homeRoot: string): WatchTarget {
  const expanded = expandTilde(path);
  const absolute = isAbsolute(expanded) ? expanded : resolve(homeRoot, expanded);
  const pattern = absolute.length > 1 ? absolute.replace(/\/+$/, '') : absolute;
  const segments = pattern.split(sep);
  const firstGlob = segments.findIndex(hasGlob);
  if (firstGlob === -1) {
    const base = segments.slice(0, -1).join(sep) || sep;
    return {
      pattern,
      base,
      recursive: false,
      literal: true,
      matches: (candidate) => candidate === pattern || candidate.startsWith(`${pattern}${sep}`),
    };
  }
  const regex = globToRegExp(pattern);
  const rest = segments.slice(firstGlob);
  return {
    pattern,
    base: segments.slice(0, firstGlob).join(sep) || sep,
    recursive: rest.length > 1 || rest.some((segment) => segment.includes('**')),
    literal: false,
    matches: (candidate) => regex.test(candidate),
  };
}
