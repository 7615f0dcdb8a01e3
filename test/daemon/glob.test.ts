import { describe, expect, test } from 'vitest';
import { checkGlob, globToRegExp, watchTarget } from '../../src/daemon/glob.js';

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
    expect(watchTarget('queue.txt', '/home/ns')).toMatchObject({
      base: '/home/ns',
      literal: true,
      pattern: '/home/ns/queue.txt',
    });
    expect(watchTarget('/data/inbox/', '/home')).toMatchObject({
      base: '/data',
      literal: true,
      pattern: '/data/inbox',
    });
  });

  test('the folder a relative or ~/ path expands to is literal, even with glob characters in its name', () => {
    const relative = watchTarget('inbox/*.eml', '/srv/ns[2]');
    expect(relative).toMatchObject({ base: '/srv/ns[2]/inbox', pattern: '/srv/ns[2]/inbox/*.eml', literal: false });
    expect(relative.matches('/srv/ns[2]/inbox/a.eml')).toBe(true);
    expect(relative.matches('/srv/ns2/inbox/a.eml')).toBe(false);
    const saved = process.env.HOME;
    process.env.HOME = '/home/{me}';
    try {
      const tilde = watchTarget('~/in/*.eml', '/srv/ns');
      expect(tilde.base).toBe('/home/{me}/in');
      expect(tilde.matches('/home/{me}/in/a.eml')).toBe(true);
    } finally {
      process.env.HOME = saved;
    }
  });

  test('the literal part is normalized as fs.watch reports paths: //, ./, .. and a trailing /', () => {
    const target = watchTarget('/data//in/./old/../*.eml/', '/home');
    expect(target).toMatchObject({ base: '/data/in', pattern: '/data/in/*.eml' });
    expect(target.matches('/data/in/a.eml')).toBe(true);
    expect(watchTarget('./queue.txt', '/home/ns')).toMatchObject({ pattern: '/home/ns/queue.txt', base: '/home/ns' });
  });
});
