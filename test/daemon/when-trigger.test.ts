import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { WhenTrigger } from '../../src/daemon/when-trigger.js';
import { isRunning, killPids, pidsWithEnv, waitFor } from '../support/procs.js';
import { ManualClock } from '../support/schedule/manual-clock.js';

let dir: string;
/** markers a test read from its conditions: whatever still carries one after a failed test is killed */
let markers: string[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ns-when-'));
  markers = [];
});
afterEach(async () => {
  for (const marker of markers) killPids(pidsWithEnv('NIGHTSHIFT_RUN_ID', marker));
  await rm(dir, { recursive: true, force: true });
});

/** The marker the condition wrote (its NIGHTSHIFT_RUN_ID), remembered for the cleanup. */
async function markerIn(file: string): Promise<string> {
  const marker = (await readFile(file, 'utf8')).trim();
  markers.push(marker);
  return marker;
}

/**
 * A child that escapes the condition's process group and session (setsid) and
 * ignores SIGTERM. Once in place it writes "<pid> <pgid> <sid>" to `idsFile`,
 * read from its own /proc entry: the test can tell it escaped without racing
 * the sweep that ends it.
 */
function escapee(idsFile: string): string {
  return `setsid sh -c 'echo $$ $(cut -d" " -f5,6 /proc/$$/stat) > ${idsFile}.tmp; mv ${idsFile}.tmp ${idsFile}; trap "" TERM; sleep 60' &`;
}

/** The escapee's ids; it must lead a session and group of its own, or the test proves nothing. */
async function escapedPid(idsFile: string): Promise<number> {
  const [pid, pgid, sid] = (await readFile(idsFile, 'utf8')).trim().split(' ').map(Number);
  expect({ pgid, sid }).toEqual({ pgid: pid, sid: pid });
  return pid!;
}

function when(command: string, timeoutMs = 2000) {
  const clock = new ManualClock(Date.parse('2026-05-10T00:00:00Z'));
  const fired: number[] = [];
  const results: Array<{ ok: boolean; timedOut: boolean; leftovers: number }> = [];
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
    const command =
      `echo $$ >> '${pids}'; case "$(cat '${mode}')" in ok) exit 0;; ` +
      `hang) trap '' TERM; sleep 60 & echo $! >> '${pids}'; while :; do sleep 0.05; done;; esac`;
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

  test('one poll at a time: a poll asked for while one runs shares it, and the next is armed only when it ended', async () => {
    const count = join(dir, 'count');
    const release = join(dir, 'release');
    // the condition runs until the test lets it go, so the checks below see it running however slow the machine
    const { clock, trigger } = when(
      `echo x >> '${count}'; while [ ! -e '${release}' ]; do sleep 0.02; done; false`,
      30_000,
    );
    const first = trigger.poll();
    const second = trigger.poll();
    expect(second).toBe(first);
    expect(await waitFor(() => existsSync(count), 3000)).toBe(true);
    expect(clock.pending()).toBe(0); // no next poll while this one runs, so a timeout longer than every cannot overlap
    await writeFile(release, '');
    await first;
    expect(clock.pending()).toBe(1);
    expect((await readFile(count, 'utf8')).trim().split('\n')).toHaveLength(1);
    await trigger.stop();
  });

  test('every poll carries its own marker, never a run id', async () => {
    const seen = join(dir, 'seen');
    const { trigger } = when(`echo "$NIGHTSHIFT_RUN_ID" >> '${seen}'`);
    await trigger.poll();
    await trigger.poll();
    const all = (await readFile(seen, 'utf8')).trim().split('\n');
    expect(all).toHaveLength(2);
    expect(all[0]).toMatch(/^when-[0-9a-f-]{36}$/);
    expect(all[1]).not.toBe(all[0]);
    await trigger.stop();
  });

  test('a child that escaped with setsid is swept at the timeout, by its marker, and the poll counts as false', async () => {
    const marker = join(dir, 'marker');
    const esc = join(dir, 'esc');
    const { results, fired, trigger } = when(`echo "$NIGHTSHIFT_RUN_ID" > '${marker}'; ${escapee(esc)} sleep 60`, 1000);
    await trigger.poll();
    const id = await markerIn(marker);
    const escaped = await escapedPid(esc);
    expect(results).toEqual([expect.objectContaining({ ok: false, timedOut: true })]);
    expect(fired).toEqual([]);
    // the poll ends only after the sweep: nothing carrying the marker is left, the escapee included
    expect(pidsWithEnv('NIGHTSHIFT_RUN_ID', id)).toEqual([]);
    expect(isRunning(escaped)).toBe(false);
    await trigger.stop();
  });

  test('a condition that exits but leaves children behind (escaped or not) has them swept; its answer still counts', async () => {
    const marker = join(dir, 'marker');
    const esc = join(dir, 'esc');
    const command = `echo "$NIGHTSHIFT_RUN_ID" > '${marker}'; sleep 60 & ${escapee(esc)} while [ ! -e '${esc}' ]; do sleep 0.02; done; exit 0`;
    const { results, trigger } = when(command, 10_000);
    await trigger.poll();
    const id = await markerIn(marker);
    const escaped = await escapedPid(esc);
    expect(results).toEqual([expect.objectContaining({ ok: true, timedOut: false })]);
    expect(results[0]!.leftovers).toBeGreaterThanOrEqual(2); // the group's sleep and the escapee (and its sleep)
    expect(pidsWithEnv('NIGHTSHIFT_RUN_ID', id)).toEqual([]);
    expect(isRunning(escaped)).toBe(false);
    // a clean condition leaves nothing to sweep
    const clean = when('true');
    await clean.trigger.poll();
    expect(clean.results).toEqual([expect.objectContaining({ ok: true, leftovers: 0 })]);
    await trigger.stop();
    await clean.trigger.stop();
  });

  test('stop sweeps escaped children of a condition still running', async () => {
    const marker = join(dir, 'marker');
    const esc = join(dir, 'esc');
    const { trigger, results } = when(`echo "$NIGHTSHIFT_RUN_ID" > '${marker}'; ${escapee(esc)} sleep 60`, 30_000);
    trigger.start();
    expect(await waitFor(() => existsSync(esc) && existsSync(marker), 3000)).toBe(true);
    const id = await markerIn(marker);
    const escaped = await escapedPid(esc);
    await trigger.stop();
    expect(isRunning(escaped)).toBe(false);
    expect(pidsWithEnv('NIGHTSHIFT_RUN_ID', id)).toEqual([]);
    expect(results).toEqual([]); // a stopped poll answers nothing
  });
});
