import { describe, expect, it } from 'vitest';
import { checkGlob, formatProblem, globToRegExp } from '../../src/agents/index.js';
import { parseAgentText } from '../../src/agents/parse.js';
import { checkWatchPath } from '../../src/agents/glob.js';
import { watchTarget } from '../../src/daemon/glob.js';

const where = { name: 'x', file: 'agents/x.md', absolutePath: '/home/agents/x.md' };

function watchProblems(path: string): string[] {
  const entry = parseAgentText(
    `---\nname: x\ndescription: test agent\ntrigger:\n  watch:\n    path: ${JSON.stringify(path)}\n---\nSummarize.\n`,
    where,
  );
  return entry.ok ? [] : entry.problems.map(formatProblem);
}

describe('trigger.watch.path in the schema', () => {
  it('names the file, the field, the value, what is wrong and how to write it', () => {
    expect(watchProblems('~/inbox/[a-.eml')).toEqual([
      'agents/x.md: trigger.watch.path: "~/inbox/[a-.eml" is not a valid glob: "[" at 9 has no closing "]" in ' +
        'its path segment (to match a "[" itself, write [[])',
    ]);
    expect(watchProblems('~/inbox/{eml,msg')).toEqual([
      'agents/x.md: trigger.watch.path: "~/inbox/{eml,msg" is not a valid glob: "{" at 9 has no closing "}" (to match a "{" itself, write [{])',
    ]);
  });

  it.each([
    ['~/inbox/a].eml', '"]" at 10 closes nothing (to match a "]" itself, write []])'],
    ['~/inbox/a}.eml', '"}" at 10 closes nothing (to match a "}" itself, write [}])'],
    ['~/inbox/{a,{b,c}.eml', '"{" at 9 has no closing "}"'],
    ['/in/[a/b].eml', '"[" at 5 has no closing "]" in its path segment'],
    ['/in/[!]', '"[" at 5 has no closing "]"'],
    ['/in/[z-a].log', 'the range "z-a" in [z-a] at 5 runs backwards: expected the lower character first, like [a-z]'],
    ['/in/**.eml', '"**" at 5 must be a whole path segment, like ~/inbox/**/*.eml (within one name, use a single *)'],
    ['/in/x**/y', '"**" at 6 must be a whole path segment'],
    ['/in/***/y', '"**" at 5 must be a whole path segment'],
    ['/in/*/../x.eml', '".." after a wildcard segment cannot be resolved'],
    ['/in/**/./x.eml', '"." after a wildcard segment cannot be resolved'],
  ])('refuses %j', (path, problem) => {
    const [found, ...more] = watchProblems(path);
    expect(more).toEqual([]);
    expect(found).toContain(`agents/x.md: trigger.watch.path: ${JSON.stringify(path)} is not a valid glob: ${problem}`);
  });

  it('refuses an empty path and a ~user path, which would silently become a folder in the home', () => {
    expect(watchProblems('')).toEqual([
      'agents/x.md: trigger.watch.path: "" is empty: expected a file path or glob, like ~/inbox/*.eml',
    ]);
    expect(watchProblems('   ')).toEqual([
      'agents/x.md: trigger.watch.path: "   " is empty: expected a file path or glob, like ~/inbox/*.eml',
    ]);
    expect(watchProblems('~bob/inbox/*.eml')[0]).toBe(
      'agents/x.md: trigger.watch.path: "~bob/inbox/*.eml" is not a watch path: only "~/" is expanded, not ' +
        '"~user/": expected an absolute path, ~/… or a path relative to the home folder',
    );
  });

  it.each([
    '~/inbox/*.eml',
    '/var/spool/in/**/*.{eml,msg}',
    'queue.txt',
    'inbox/',
    '/in/[]]x',
    '/in/[[]x',
    '/in/[!a-c]*.log',
    '/in/../out/*.eml',
    '~',
    '/in/**',
    '/in/{a,b/c}/*.txt',
  ])('accepts %j', (path) => expect(watchProblems(path)).toEqual([]));
});

/** A small deterministic generator, so a failure names a seed that reproduces it. */
function randomPaths(seed: number, count: number): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const alphabet = [
    'a',
    'b',
    'z',
    '.',
    '-',
    '*',
    '**',
    '?',
    '[',
    ']',
    '!',
    '^',
    '{',
    '}',
    ',',
    '/',
    '/',
    '..',
    '~',
    '\\',
    '(',
    '+',
    '$',
    '|',
    'é',
    '😀',
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = 1 + Math.floor(next() * 12);
    let path = next() < 0.5 ? '/' : '';
    for (let j = 0; j < length; j++) path += alphabet[Math.floor(next() * alphabet.length)];
    out.push(path);
  }
  return out;
}

describe("the schema and the daemon's matcher agree", () => {
  const paths = randomPaths(20_260_510, 5000);

  it('every path the schema accepts gives a watch target that compiles; every glob it refuses, the matcher refuses too', () => {
    let accepted = 0;
    for (const path of paths) {
      const problem = checkWatchPath(path);
      if (problem === null) {
        accepted++;
        expect(() => watchTarget(path, '/srv/ns'), path).not.toThrow();
      } else if (!checkGlob(path).ok) {
        expect(() => watchTarget(path, '/srv/ns'), path).toThrow();
      }
    }
    // the generator is only useful if it produces both kinds
    expect(accepted).toBeGreaterThan(500);
    expect(accepted).toBeLessThan(paths.length - 500);
  });

  it('an absolute glob matches the same paths through the watch target as through the plain regular expression', () => {
    const candidates = ['/a', '/ab', '/a/b', '/a/.b', '/a/b/z', '/z-', '/a,b', '/é', '/😀', '/a/b.z', '/[', '/]'];
    for (const path of paths) {
      if (!path.startsWith('/') || path.includes('//') || path.endsWith('/') || checkWatchPath(path) !== null) continue;
      if (path.split('/').some((segment) => segment === '.' || segment === '..')) continue;
      const target = watchTarget(path, '/srv/ns');
      if (target.literal) continue;
      const regex = globToRegExp(path);
      for (const candidate of candidates)
        expect(target.matches(candidate), `${path} vs ${candidate}`).toBe(regex.test(candidate));
    }
  });
});
