import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { systemClock } from '../../src/daemon/clock.js';
import { WatchTrigger } from '../../src/daemon/watch-trigger.js';
import { watchTarget } from '../../src/daemon/glob.js';

let dir: string;
let trigger: WatchTrigger | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ns-watch-'));
});
afterEach(async () => {
  trigger?.stop();
  trigger = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function watching(path: string, debounceMs = 150) {
  const fires: string[][] = [];
  const errors: string[] = [];
  trigger = new WatchTrigger(watchTarget(path, dir), {
    debounceMs,
    clock: systemClock,
    onFire: (paths) => fires.push(paths),
    onError: (e) => errors.push(e),
  });
  await trigger.start();
  return { fires, errors, trigger };
}

const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watch triggers', () => {
  test('fires once for a burst of matching changes, after the debounce; other files are ignored', async () => {
    await mkdir(join(dir, 'inbox'));
    const { fires } = await watching(join(dir, 'inbox', '*.eml'));
    await writeFile(join(dir, 'inbox', 'notes.txt'), 'x');
    await settle();
    expect(fires).toEqual([]);
    for (let i = 0; i < 5; i++) await writeFile(join(dir, 'inbox', `m${i}.eml`), 'x');
    await vi.waitFor(() => expect(fires).toHaveLength(1), { timeout: 3000 });
    expect(fires[0]!.length).toBe(5);
    await settle();
    expect(fires).toHaveLength(1);
  });

  test('a path that does not exist yet is watched from its nearest existing parent, and followed down as it appears', async () => {
    const { fires, trigger: t } = await watching(join(dir, 'a', 'b', 'inbox', '*.eml'));
    expect(t.watchedFolder).toBe(dir);
    await mkdir(join(dir, 'a', 'b'), { recursive: true });
    await vi.waitFor(() => expect(t.watchedFolder).toBe(join(dir, 'a', 'b')), { timeout: 3000 });
    // the folder and its first file arrive together: the file still counts
    await mkdir(join(dir, 'a', 'b', 'inbox'));
    await writeFile(join(dir, 'a', 'b', 'inbox', 'first.eml'), 'x');
    await vi.waitFor(() => expect(fires.flat()).toContain(join(dir, 'a', 'b', 'inbox', 'first.eml')), {
      timeout: 3000,
    });
    expect(t.watchedFolder).toBe(join(dir, 'a', 'b', 'inbox'));
  });

  test('a literal file whose folders do not exist yet fires when it appears, and only for itself', async () => {
    const queue = join(dir, 'spool', 'q', 'queue.txt');
    const { fires, errors, trigger: t } = await watching(queue, 100);
    expect(t.watchedFolder).toBe(dir);
    await mkdir(join(dir, 'spool', 'q'), { recursive: true });
    await vi.waitFor(() => expect(t.watchedFolder).toBe(join(dir, 'spool', 'q')), { timeout: 3000 });
    await writeFile(join(dir, 'spool', 'q', 'other.txt'), 'x');
    await settle(300);
    expect(fires).toEqual([]);
    await writeFile(queue, 'x');
    await vi.waitFor(() => expect(fires).toEqual([[queue]]), { timeout: 3000 });
    expect(errors).toEqual([]);
  });

  test('a watched folder that is removed and made again is followed back', async () => {
    await mkdir(join(dir, 'inbox'));
    const { fires, trigger: t } = await watching(join(dir, 'inbox', '*.eml'), 100);
    await rm(join(dir, 'inbox'), { recursive: true });
    await vi.waitFor(() => expect(t.watchedFolder).toBe(dir), { timeout: 3000 });
    await mkdir(join(dir, 'inbox'));
    await vi.waitFor(() => expect(t.watchedFolder).toBe(join(dir, 'inbox')), { timeout: 3000 });
    await writeFile(join(dir, 'inbox', 'again.eml'), 'x');
    await vi.waitFor(() => expect(fires.flat()).toContain(join(dir, 'inbox', 'again.eml')), { timeout: 3000 });
  });

  test('** globs see nested folders; a literal file path fires on that file only', async () => {
    await mkdir(join(dir, 'tree'));
    const deep = await watching(join(dir, 'tree', '**', '*.log'), 100);
    await mkdir(join(dir, 'tree', 'x', 'y'), { recursive: true });
    await settle(200);
    await writeFile(join(dir, 'tree', 'x', 'y', 'z.log'), 'x');
    await vi.waitFor(() => expect(deep.fires.flat()).toContain(join(dir, 'tree', 'x', 'y', 'z.log')), {
      timeout: 3000,
    });
    trigger!.stop();
    const literal = await watching('queue.txt', 100);
    await writeFile(join(dir, 'other.txt'), 'x');
    await writeFile(join(dir, 'queue.txt'), 'x');
    await vi.waitFor(() => expect(literal.fires).toEqual([[join(dir, 'queue.txt')]]), { timeout: 3000 });
  });

  test('stop: nothing fires after it', async () => {
    await mkdir(join(dir, 'inbox'));
    const { fires, trigger: t } = await watching(join(dir, 'inbox', '*'), 200);
    await writeFile(join(dir, 'inbox', 'a'), 'x');
    await settle(50);
    t.stop();
    await settle(400);
    expect(fires).toEqual([]);
  });
});
