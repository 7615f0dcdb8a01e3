/**
 * The glob language of a `watch` trigger (DESIGN §2): `*` and `?` within one
 * path segment (not matching a leading dot, as in a shell), `**` as a whole
 * segment for any depth, `[abc]` / `[a-z]` / `[!abc]` within one segment, and
 * `{a,b}`. There is no backslash escape (a backslash is a path character);
 * a special character is matched by putting it in a class: `[[]`, `[*]`.
 *
 * It lives with the schema, not with the daemon's watcher, so that what
 * `nightshift validate` accepts and what the daemon matches are one parser:
 * a glob either compiles here or the agent is invalid, never scheduled with a
 * pattern the watcher would choke on.
 */
export type GlobCheck = { ok: true } | { ok: false; problem: string };

class GlobError extends Error {}

const GLOB_CHARS = /[*?[\]{}]/;

/** Only what JS regular expressions treat as syntax: in `u` mode escaping anything else is an error. */
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

export function hasGlob(text: string): boolean {
  return GLOB_CHARS.test(text);
}

export function escapeRegExp(text: string): string {
  return text.replace(REGEX_SYNTAX, '\\$&');
}

/**
 * The regular-expression source (no anchors) of a glob; its first character
 * is taken to start a path segment. Throws with a problem for a person that
 * says where and how to write it instead.
 */
export function globSource(pattern: string): string {
  let out = '';
  const braces: number[] = [];
  let i = 0;
  const at = (index: number) => `at ${index + 1}`;
  const atSegmentStart = () => i === 0 || pattern[i - 1] === '/';
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        const end = i + 2 === pattern.length;
        if (!atSegmentStart() || !(end || pattern[i + 2] === '/')) {
          throw new GlobError(
            `"**" ${at(i)} must be a whole path segment, like ~/inbox/**/*.eml (within one name, use a single *)`,
          );
        }
        if (end) {
          out += '.*';
          i += 2;
        } else {
          out += '(?:[^/]*/)*';
          i += 3;
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
      const negate = pattern[i + 1] === '!' || pattern[i + 1] === '^';
      const first = i + 1 + (negate ? 1 : 0);
      // a "]" right after the opening is a member, as in a shell: []] matches "]"
      const close = pattern.indexOf(']', first + 1);
      const slash = pattern.indexOf('/', first);
      if (pattern[first] === '/' || close === -1 || (slash !== -1 && slash < close)) {
        throw new GlobError(`"[" ${at(i)} has no closing "]" in its path segment (to match a "[" itself, write [[])`);
      }
      const body = pattern.slice(first, close);
      checkRanges(body, pattern.slice(i, close + 1), i);
      out += `[${negate ? '^/' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = close + 1;
      continue;
    }
    if (ch === ']') throw new GlobError(`"]" ${at(i)} closes nothing (to match a "]" itself, write []])`);
    if (ch === '{') {
      braces.push(i);
      out += '(?:';
      i++;
      continue;
    }
    if (ch === '}') {
      if (braces.length === 0) throw new GlobError(`"}" ${at(i)} closes nothing (to match a "}" itself, write [}])`);
      braces.pop();
      out += ')';
      i++;
      continue;
    }
    if (ch === ',' && braces.length > 0) {
      out += '|';
      i++;
      continue;
    }
    out += escapeRegExp(ch);
    i++;
  }
  if (braces.length > 0) {
    throw new GlobError(`"{" ${at(braces[braces.length - 1]!)} has no closing "}" (to match a "{" itself, write [{])`);
  }
  return out;
}

/** A backwards range is a syntax error for RegExp; say which one, in the glob's own terms. */
function checkRanges(body: string, klass: string, index: number): void {
  const chars = Array.from(body);
  for (let k = 0; k + 2 < chars.length; k++) {
    if (chars[k + 1] !== '-') continue;
    const from = chars[k]!;
    const to = chars[k + 2]!;
    if (from.codePointAt(0)! > to.codePointAt(0)!) {
      throw new GlobError(
        `the range "${from}-${to}" in ${klass} at ${index + 1} runs backwards: expected the lower character first, like [a-z]`,
      );
    }
    k += 2;
  }
}

/** The whole glob, anchored; throws like globSource. */
export function globToRegExp(pattern: string): RegExp {
  return compileGlob(`^${globSource(pattern)}$`);
}

/** Compiles a source built by globSource; a RegExp refusal would be a bug here, so it is reported as one. */
export function compileGlob(source: string): RegExp {
  try {
    return new RegExp(source, 'u');
  } catch (error) {
    throw new GlobError(`cannot be matched (${(error as Error).message}); please report this glob as a nightshift bug`);
  }
}

export function checkGlob(pattern: string): GlobCheck {
  try {
    globToRegExp(pattern);
    return { ok: true };
  } catch (error) {
    if (error instanceof GlobError) return { ok: false, problem: error.message };
    throw error;
  }
}

/**
 * A `trigger.watch.path` as the schema sees it: a problem for a person
 * (quoting the value), or null. The path is absolute, `~/…`, or relative to
 * the home folder; the daemon resolves it the same way.
 */
export function checkWatchPath(path: string): string | null {
  const quoted = JSON.stringify(path);
  if (path.trim().length === 0) return `${quoted} is empty: expected a file path or glob, like ~/inbox/*.eml`;
  if (path.includes('\0')) return `${quoted} holds a NUL character: expected a file path or glob, like ~/inbox/*.eml`;
  if (/^~[^/]/.test(path)) {
    // only the operator's own ~ is expanded; ~bob/x would silently become <home>/~bob/x
    return `${quoted} is not a watch path: only "~/" is expanded, not "~user/": expected an absolute path, ~/… or a path relative to the home folder`;
  }
  const segments = path.split('/');
  const firstGlob = segments.findIndex(hasGlob);
  if (firstGlob !== -1) {
    // the literal part is normalized before watching; after a wildcard there is nothing to normalize against
    const dots = segments.slice(firstGlob).find((segment) => segment === '.' || segment === '..');
    if (dots !== undefined)
      return `${quoted} is not a valid glob: "${dots}" after a wildcard segment cannot be resolved: expected it before the first wildcard, or left out`;
  }
  const check = checkGlob(path);
  return check.ok ? null : `${quoted} is not a valid glob: ${check.problem}`;
}
