import { describe, expect, test } from 'vitest';
import { checkGlob, globToRegExp, watchTarget } from '../../src/schedule/index.js';

describe('watch globs', () => {
  test('*, ?, **, classes and alternatives', () => {
    const m = (glob: string, path: string) => globToRegExp(glob).test(path);
    expect(m('/in/*.eml', '/in/a.eml')).toBe(true);
    expect(m('/in/*.eml', '/in/sub/a.eml')).toBe(false);
    expect(m('/in/*.eml', '/in/.hidden.eml')).toBe(false);
    expect(m('/in/?.txt', '/in/a.txt')).toBe(true);
    expect(m('/in/?.txt', '/in/ab.txt')).toBe(false);
    expect(m('/in/**/*.eml', '/in/a.eml')).toBe(true);
    expect(m('/in/**/*.eml', '/in/x/y/a.eml')).toBe(true);
    expect(m('/in/[ab]*.log', '/in/b1.log')).toBe(true);
    expect(m('/in/[!ab]*.log', '/in/b1.log')).toBe(false);
    expect(m('/in/*.{eml,msg}', '/in/x.msg')).toBe(true);
    expect(m('/in/*.{eml,msg}', '/in/x.txt')).toBe(false);
    expect(m('/in/a+b (1).txt', '/in/a+b (1).txt')).toBe(true);
  });

  test('broken globs are reported, not guessed', () => {
    expect(checkGlob('/in/*.eml')).toEqual({ ok: true });
    expect(checkGlob('/in/[abc.eml')).toMatchObject({ ok: false, problem: expect.stringContaining('no closing "]"') });
    expect(checkGlob('/in/{a,b.eml')).toMatchObject({ ok: false, problem: expect.stringContaining('no closing "}"') });
    expect(checkGlob('/in/a}.eml')).toMatchObject({ ok: false });
  });

  test('the folder a target starts in, and whether it is watched recursively', () => {
    expect(watchTarget('/in/*.eml', '/home')).toMatchObject({ base: '/in', recursive: false, literal: false });
    expect(watchTarget('/in/**/*.eml', '/home')).toMatchObject({ base: '/in', recursive: true });
    expect(watchTarget('/in/*/new/*.eml', '/home')).toMatchObject({ base: '/in', recursive: true });
    expect(watchTarget('queue.txt', '/home/ns')).toMatchObject({ base: '/home/ns', literal: true, pattern: '/home/ns/queue.txt' });
    expect(watchTarget('/data/inbox/', '/home')).toMatchObject({ base: '/data', literal: true, pattern: '/data/inbox' });
  });
});
