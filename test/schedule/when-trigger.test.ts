import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { WhenTrigger } from '../../src/schedule/index.js';
import { isRunning, waitFor } from '../support/procs.js';
import { ManualClock } from './support/manual-clock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ns-when-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function when(command: string, timeoutMs = 2000) {
  const clock = new ManualClock(Date.parse('2026-05-10T00:00:00Z'));
  const fired: number[] = [];
  const results: Array<{ ok: boolean; timedOut: boolean }> = [];
  const trigger = new WhenTrigger({
    command,
    everyMs: 60_000,
    timeoutMs,
    cwd: dir,
    env: process.env,
    clock,
    onFire: () => fired.push(clock.now()),
    onResult: (r) => results.push(r),
  });
  return { clock, fired, results, trigger };
}

describe('when triggers', () => {
  test('fire only on a false → true edge; true at start is the baseline, not an edge', async () => {
    const flag = join(dir, 'flag');
    const { fired, trigger } = when(`test -e '${flag}'`);
    await trigger.poll(); // false
    await writeFile(flag, '');
    await trigger.poll(); // true: edge
    await trigger.poll(); // still true: nothing
    await rm(flag);
    await trigger.poll(); // false
    await writeFile(flag, '');
    await trigger.poll(); // edge again
    expect(fired).toHaveLength(2);
    const already = when('true');
    await already.trigger.poll();
    await already.trigger.poll();
    expect(already.fired).toHaveLength(0);
    await trigger.stop();
    await already.trigger.stop();
  });

  test('polls every `every` on the clock, one poll at a time', async () => {
    const count = join(dir, 'count');
    const { clock, trigger } = when(`echo x >> '${count}'; false`);
    trigger.start();
    await waitFor(() => clock.pending() === 1, 3000);
    clock.advance(60_000);
    await waitFor(() => clock.pending() === 1, 3000);
    clock.advance(60_000);
    await waitFor(() => clock.pending() === 1, 3000);
    expect((await readFile(count, 'utf8')).trim().split('\n')).toHaveLength(3);
    await trigger.stop();
    expect(clock.pending()).toBe(0);
  });

  test('a command that hangs is killed at its timeout, whole process group, and counts as false', async () => {
    const pids = join(dir, 'pids');
    const { results, fired, trigger } = when(`sleep 60 & echo $! >> '${pids}'; echo $$ >> '${pids}'; wait`, 300);
    const started = Date.now();
    await trigger.poll();
    expect(Date.now() - started).toBeLessThan(2500);
    expect(results).toEqual([expect.objectContaining({ ok: false, timedOut: true })]);
    expect(fired).toEqual([]);
    const all = (await readFile(pids, 'utf8')).trim().split('\n').map(Number);
    expect(await waitFor(() => all.every((pid) => !isRunning(pid)), 2000)).toBe(true);
    await trigger.stop();
  });

  test('a hang counts as false, not as "no answer": true, hang, true is an edge; a command deaf to SIGTERM is killed all the same', async () => {
    const mode = join(dir, 'mode');
    const pids = join(dir, 'pids');
    // "hang" ignores SIGTERM and keeps a child of its own, so only the group SIGKILL ends it
    const command = `echo $$ >> '${pids}'; case "$(cat '${mode}')" in ok) exit 0;; hang) trap '' TERM; sleep 60 & echo $! >> '${pids}'; while :; do sleep 0.05; done;; esac`;
    const { fired, results, trigger } = when(command, 300);
    await writeFile(mode, 'ok');
    await trigger.poll(); // true: the baseline
    await writeFile(mode, 'hang');
    await trigger.poll();
    expect(results.at(-1)).toMatchObject({ ok: false, timedOut: true });
    expect(fired).toEqual([]);
    const hung = (await readFile(pids, 'utf8')).trim().split('\n').map(Number).slice(1);
    expect(hung).toHaveLength(2);
    expect(await waitFor(() => hung.every((pid) => !isRunning(pid)), 2000)).toBe(true);
    await writeFile(mode, 'ok');
    await trigger.poll(); // true after the hang's false: an edge
    expect(fired).toHaveLength(1);
    await trigger.stop();
  });

  test('stop kills a command still running', async () => {
    const pids = join(dir, 'pids');
    const { trigger } = when(`echo $$ > '${pids}'; sleep 60`, 30_000);
    trigger.start();
    await waitFor(() => existsSync(pids), 3000);
    const pid = Number(await readFile(pids, 'utf8'));
    await trigger.stop();
    expect(await waitFor(() => !isRunning(pid), 2000)).toBe(true);
  });
});
