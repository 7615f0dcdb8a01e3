import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { preflightInput, resolveInputPath } from '../../src/harness/preflight.js';

// Every open and readFile the harness makes is seen, so "never read" is a fact, not a timing.
vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs/promises')>();
  return { ...original, open: vi.fn(original.open), readFile: vi.fn(original.readFile) };
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ns-preflight-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const opened = (file: string): boolean =>
  [vi.mocked(fsPromises.open), vi.mocked(fsPromises.readFile)].some((spy) =>
    spy.mock.calls.some((call) => call[0] === file),
  );

describe('preflightInput', () => {
  test('a 50 MB file over max_bytes is TOO_LARGE from stat alone: never opened, never read', async () => {
    const file = join(dir, 'huge.log');
    await writeFile(file, '');
    await truncate(file, 50 * 1024 * 1024); // sparse: 50 MB that take no disk
    const rss = process.memoryUsage().rss;
    const verdict = await preflightInput(file, 100 * 1024);
    expect(verdict).toEqual({
      kind: 'too-large',
      file,
      sizeBytes: 52428800,
      reason: `input ${file} is 50MB (52428800 bytes), over its max_bytes of 100KB`,
    });
    expect(opened(file)).toBe(false);
    expect(process.memoryUsage().rss - rss).toBeLessThan(10 * 1024 * 1024);
  });

  test('a file within the limit is read in chunks and checked', async () => {
    const file = join(dir, 'ok.log');
    await writeFile(file, 'é'.repeat(100_000)); // 200 KB, split characters at every chunk boundary
    expect(await preflightInput(file, 1024 * 1024, 4097)).toEqual({ kind: 'ready', file, sizeBytes: 200_000 });
    expect(opened(file)).toBe(true);
  });

  test('binary stops at the first bad byte, whatever follows', async () => {
    const file = join(dir, 'bin');
    await writeFile(file, Buffer.concat([Buffer.alloc(70_000, 0x61), Buffer.from([0]), Buffer.alloc(10, 0x61)]));
    const verdict = await preflightInput(file, 1024 * 1024);
    expect(verdict).toMatchObject({ kind: 'unexpected', sizeBytes: 70_011 });
    expect(verdict.kind === 'unexpected' && verdict.reason).toBe(
      `input ${file} is not text: a NUL byte (binary data) at byte offset 70000`,
    );
  });

  test('missing, empty and whitespace-only are EMPTY, each with its own reason', async () => {
    await writeFile(join(dir, 'empty'), '');
    await writeFile(join(dir, 'blank'), '\n\n  \n');
    expect(await preflightInput(join(dir, 'nope'), 100)).toMatchObject({
      kind: 'empty',
      sizeBytes: null,
      reason: expect.stringContaining('is missing'),
    });
    expect(await preflightInput(join(dir, 'empty'), 100)).toMatchObject({
      kind: 'empty',
      sizeBytes: 0,
      reason: expect.stringContaining('empty (0 bytes)'),
    });
    expect(await preflightInput(join(dir, 'blank'), 100)).toMatchObject({
      kind: 'empty',
      sizeBytes: 5,
      reason: expect.stringContaining('only whitespace'),
    });
  });

  test('paths: absolute as is, ~ is the user home, relative is the nightshift home', () => {
    expect(resolveInputPath('/var/log/x', '/h')).toBe('/var/log/x');
    expect(resolveInputPath('samples/log.txt', '/h')).toBe('/h/samples/log.txt');
    expect(resolveInputPath('~/inbox/a.txt', '/h')).toMatch(/\/inbox\/a\.txt$/);
    expect(resolveInputPath('~/inbox/a.txt', '/h').startsWith('~')).toBe(false);
  });
});

describe('preflightInput and symlinks (the scope lock covers links)', () => {
  let outside: string;
  beforeAll(async () => {
    outside = await mkdtemp(join(tmpdir(), 'ns-preflight-outside-'));
    await writeFile(join(outside, 'secret.txt'), 'ssh-rsa AAAA not for the agent\n');
    await mkdir(join(dir, 'in', 'archive'), { recursive: true });
    await writeFile(join(dir, 'in', 'archive', 'log-1.txt'), 'a line of the log\n');
  });
  afterAll(async () => rm(outside, { recursive: true, force: true }));

  test('a link out of its folder is UNEXPECTED_INPUT naming the target, and the target is never opened', async () => {
    const link = join(dir, 'in', 'escape.txt');
    await symlink(join(outside, 'secret.txt'), link);
    const verdict = await preflightInput(link, 1024);
    expect(verdict).toMatchObject({ kind: 'unexpected', file: link, sizeBytes: null });
    expect(verdict.kind === 'unexpected' && verdict.reason).toBe(
      `input ${link} is a symlink to ${join(outside, 'secret.txt')}, outside its folder ${join(dir, 'in')}: ` +
        'point input.path at the file itself, or set input.follow_symlinks: true to read through the link',
    );
    expect(opened(join(outside, 'secret.txt'))).toBe(false);
  });

  test('a chain of links that ends outside is refused too, and so is a relative one', async () => {
    const hop = join(dir, 'in', 'hop.txt');
    await symlink('../../' + relative(dirname(dir), join(outside, 'secret.txt')), hop);
    const chain = join(dir, 'in', 'chain.txt');
    await symlink('hop.txt', chain);
    expect(await preflightInput(chain, 1024)).toMatchObject({
      kind: 'unexpected',
      reason: expect.stringContaining(`a symlink to ${join(outside, 'secret.txt')}`),
    });
  });

  test('a link to nothing outside the folder is refused; inside, it is missing (EMPTY)', async () => {
    const away = join(dir, 'in', 'gone-away.txt');
    await symlink(join(outside, 'no-such-file'), away);
    expect(await preflightInput(away, 1024)).toMatchObject({
      kind: 'unexpected',
      reason: expect.stringContaining('outside its folder'),
    });
    const near = join(dir, 'in', 'gone-near.txt');
    await symlink('archive/no-such-file', near);
    expect(await preflightInput(near, 1024)).toMatchObject({
      kind: 'empty',
      reason: `input ${near} is a symlink to ${join(dir, 'in', 'archive', 'no-such-file')}, which is missing`,
    });
  });

  test('a link within its folder is read, and the verdict names the real file', async () => {
    const latest = join(dir, 'in', 'latest.txt');
    await symlink('archive/log-1.txt', latest);
    expect(await preflightInput(latest, 1024)).toEqual({
      kind: 'ready',
      file: join(dir, 'in', 'archive', 'log-1.txt'),
      sizeBytes: 18,
    });
  });

  test('follow_symlinks: the link out of the folder is read, and the verdict names the target', async () => {
    const link = join(dir, 'in', 'followed.txt');
    await symlink(join(outside, 'secret.txt'), link);
    expect(await preflightInput(link, 1024, undefined, { followSymlinks: true })).toEqual({
      kind: 'ready',
      file: join(outside, 'secret.txt'),
      sizeBytes: 31,
    });
  });
});
