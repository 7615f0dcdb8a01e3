import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { homePaths } from '../../src/home/paths.js';
import { killMarkerFile } from '../../src/harness/kill.js';
import { KillWatch } from '../../src/harness/kill-watch.js';

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function home() {
  const root = await mkdtemp(join(tmpdir(), 'ns-killwatch-'));
  made.push(root);
  await mkdir(join(root, 'run'), { recursive: true });
  return homePaths(root);
}

describe('KillWatch', () => {
  test('a look asked for while another is reading still sees a marker written in between', async () => {
    const paths = await home();
    // the marker's path is a FIFO, so the first look's read waits until the test writes: it is surely in flight
    const file = killMarkerFile(paths, 'slow');
    execFileSync('mkfifo', [file]);
    // an hour between polls: only the looks this test asks for happen
    const watch = new KillWatch(paths, 'slow', 'run-1', 3_600_000);
    try {
      const first = watch.look(); // reading, and the marker not yet written
      const second = watch.look(); // the harness's last look, after its runner ended
      const marker = { run_id: 'run-1', by: 'ops', reason: 'runaway', at: new Date(0).toISOString(), seen_by: null };
      await writeFile(file, `${JSON.stringify(marker)}\n`);
      expect(await first).toMatchObject({ reason: 'runaway' });
      expect(await second).toMatchObject({ run_id: 'run-1', by: 'ops', reason: 'runaway' });
    } finally {
      watch.stop();
    }
  });

  test('a marker for another run is not heard', async () => {
    const paths = await home();
    const watch = new KillWatch(paths, 'slow', 'run-2', 3_600_000);
    try {
      const marker = { run_id: 'run-1', by: 'ops', reason: null, at: new Date(0).toISOString(), seen_by: null };
      await writeFile(killMarkerFile(paths, 'slow'), `${JSON.stringify(marker)}\n`);
      expect(await watch.look()).toBeNull();
      expect(watch.marker).toBeNull();
    } finally {
      watch.stop();
    }
  });
});
