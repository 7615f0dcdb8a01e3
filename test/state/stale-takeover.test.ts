import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { takeOver } from '../../src/files/file-lock.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { homePaths, type HomePaths } from '../../src/home/paths.js';
import { withStateLock } from '../../src/state/lock.js';

/**
 * The state lock's stale takeover (files/file-lock.ts): a lock left by a
 * holder that died (on any host: no pid is checked) is taken over by one
 * process only, through a breaker named after its mtime; many waiting at
 * once never hold it two at a time.
 */
let root: string;
let paths: HomePaths;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ns-stale-lock-'));
  paths = homePaths(root);
  await mkdir(paths.run, { recursive: true });
});
afterEach(async () => rm(root, { recursive: true, force: true }));

test('a stale state lock is taken over by one waiter at a time; no breaker is left behind', async () => {
  await mkdir(paths.stateLock);
  const longAgo = (Date.now() - 60_000) / 1000;
  await utimes(paths.stateLock, longAgo, longAgo);
  let inside = 0;
  let most = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: 8 }, () =>
      withStateLock(paths, async () => {
        inside++;
        most = Math.max(most, inside);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inside--;
        done++;
      }),
    ),
  );
  expect(done).toBe(8);
  expect(most).toBe(1);
  expect((await readdir(paths.run)).filter((name) => name.includes('.break-'))).toEqual([]);
}, 60_000);

test('two takers that judged the same lock stale: the one without the breaker removes nothing, and a new lock is never removed', async () => {
  await mkdir(paths.stateLock);
  const longAgo = Date.now() - 60_000;
  await utimes(paths.stateLock, longAgo / 1000, longAgo / 1000);
  const { mtimeMs } = await stat(paths.stateLock);
  // another process is mid-takeover: it holds the breaker for this mtime
  await writeFile(`${paths.stateLock}.break-${Math.round(mtimeMs)}`, '1');
  await expect(takeOver(paths.stateLock, 5000)).rejects.toMatchObject({ code: 'ELOCKED' });
  expect((await stat(paths.stateLock)).isDirectory()).toBe(true);
  await rm(`${paths.stateLock}.break-${Math.round(mtimeMs)}`);
  // it finished: the stale lock went and a new holder made a fresh one; the late taker leaves that alone
  await rm(paths.stateLock, { recursive: true });
  await mkdir(paths.stateLock);
  await expect(takeOver(paths.stateLock, 5000)).rejects.toMatchObject({ code: 'ELOCKED' });
  expect((await stat(paths.stateLock)).isDirectory()).toBe(true);
  // a stale lock with no one else at it: removed, no breaker left
  await utimes(paths.stateLock, longAgo / 1000, longAgo / 1000);
  await takeOver(paths.stateLock, 5000);
  await expect(stat(paths.stateLock)).rejects.toMatchObject({ code: 'ENOENT' });
  expect((await readdir(paths.run)).filter((name) => name.includes('.break-'))).toEqual([]);
});
