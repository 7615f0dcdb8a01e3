import { stat, utimes, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { HomePaths } from '../../src/home/index.js';
import { lockLiveness, readRunLock, reapStaleLock } from '../../src/harness/index.js';
import { DEFAULT_LEASE_MS, LeaseKeeper, leaseLapsed, leaseMsOf } from '../../src/harness/lease.js';
import { renewRunLease, type RunLock } from '../../src/harness/lock.js';
import { makeHome, type TestHome } from './support/home.js';
import { currentHost } from '../../src/shared/index.js';

/**
 * The run lock as a lease (src/harness/lease.ts), with injected clocks: a
 * lock of another host is judged by when it was last renewed, never by pid;
 * lapsed after 3 missed renewals, recorded CRASHED once however many hosts
 * look. No test here waits for real time to pass.
 */
let home: TestHome;
let paths: HomePaths;
beforeEach(async () => {
  home = await makeHome();
  paths = (await home.open()).paths;
});
afterEach(async () => home.remove());

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

function lockOf(fields: Partial<RunLock>): RunLock {
  return {
    run_id: 'remote-run',
    agent: 'agent',
    pid: 4242,
    pgid: 4243,
    runner_pid: 4243,
    cgroup: null,
    started_at: new Date(T0 - 60_000).toISOString(),
    trigger: 'cron',
    host: 'web-2',
    lease_ms: 1000,
    boot_id: 'another-kernel',
    pid_start_ticks: 1,
    runner: 'command',
    model: null,
    prompt_sha256: 'p',
    definition_sha256: 'd',
    input_file: null,
    attempt: null,
    usage: null,
    output: null,
    ...fields,
  };
}

/** Writes the lock as its harness last renewed it at `renewedMs` (its mtime, as utimes sets it). */
async function writeLockRenewedAt(lock: RunLock, renewedMs: number): Promise<void> {
  await writeFile(paths.lockFile(lock.agent), JSON.stringify(lock));
  await utimes(paths.lockFile(lock.agent), renewedMs / 1000, renewedMs / 1000);
}

describe('the lease rule', () => {
  test('lapsed only after more than 3 renewal periods without renewal', () => {
    expect(leaseLapsed(T0, 1000, T0)).toBe(false);
    expect(leaseLapsed(T0, 1000, T0 + 3000)).toBe(false);
    expect(leaseLapsed(T0, 1000, T0 + 3001)).toBe(true);
    expect(leaseLapsed(T0, 5000, T0 + 14_999)).toBe(false);
  });

  test('the period: NIGHTSHIFT_LEASE_MS within bounds, else the default', () => {
    expect(leaseMsOf({})).toBe(DEFAULT_LEASE_MS);
    expect(leaseMsOf({ NIGHTSHIFT_LEASE_MS: '1000' })).toBe(1000);
    expect(leaseMsOf({ NIGHTSHIFT_LEASE_MS: '5' })).toBe(DEFAULT_LEASE_MS);
    expect(leaseMsOf({ NIGHTSHIFT_LEASE_MS: 'soon' })).toBe(DEFAULT_LEASE_MS);
  });
});

describe("another host's lock is judged by its lease, never by pid", () => {
  test('renewed lately: on another host (never reaped), whatever its pid; lapsed: dead', async () => {
    await writeLockRenewedAt(lockOf({}), T0);
    const lock = (await readRunLock(paths, 'agent'))!;
    expect(await lockLiveness(lock, T0 + 2999)).toBe('other-host');
    expect(await lockLiveness(lock, T0 + 3001)).toBe('dead');
    expect(await reapStaleLock(paths, 'agent', { now: () => new Date(T0 + 2999) })).toBeNull();
  });

  test('a lock of an older version (no lease) is never judged dead from another host', async () => {
    await writeLockRenewedAt(lockOf({ lease_ms: null }), T0);
    expect(await lockLiveness((await readRunLock(paths, 'agent'))!, T0 + 86_400_000)).toBe('other-host');
  });

  test('lapsed: recorded CRASHED once by one of many lookers at once, naming both hosts; nothing signalled here', async () => {
    await writeLockRenewedAt(lockOf({}), T0);
    const terminated: unknown[] = [];
    const ports = {
      terminateRun: async (target: unknown) => {
        terminated.push(target);
      },
    };
    const lookers = Array.from({ length: 6 }, (_, i) =>
      reapStaleLock(paths, 'agent', { by: `looker-${i}`, now: () => new Date(T0 + 5000), ports }),
    );
    const records = (await Promise.all(lookers)).filter((record) => record !== null);
    expect(records).toHaveLength(1);
    expect(await home.rawRecordLines()).toHaveLength(1);
    // filed under the host it ran on: the finder is named in the reason
    expect(records[0]).toMatchObject({ status: 'CRASHED', run_id: 'remote-run', host: lockOf({}).host });
    expect(lockOf({}).host).not.toBe(currentHost());
    expect(records[0]!.reason).toMatch(
      /pid 4242 on web-2\) stopped renewing its lock \(every 1000 ms, last at 2026-01-05T12:00:00/,
    );
    expect(records[0]!.reason).toMatch(/found by looker-\d on /);
    expect(terminated).toEqual([]); // another host's processes are not ours to signal
    expect(await readRunLock(paths, 'agent')).toBeNull();
  });

  test('renewed between the first look and the marker: left alone', async () => {
    await writeLockRenewedAt(lockOf({}), T0);
    const lock = (await readRunLock(paths, 'agent'))!;
    expect(await lockLiveness(lock, T0 + 5000)).toBe('dead');
    await writeLockRenewedAt(lockOf({}), T0 + 4500); // its harness was only slow
    expect(await reapStaleLock(paths, 'agent', { now: () => new Date(T0 + 5000) })).toBeNull();
    expect(await readRunLock(paths, 'agent')).not.toBeNull();
  });
});

describe('the harness renews its lease', () => {
  /** A timer driven by hand. */
  function manualTimer() {
    const timer = { tick: (): void => undefined, stopped: false };
    const every = (fn: () => void) => {
      timer.tick = fn;
      return { stop: () => (timer.stopped = true) };
    };
    return { timer, every };
  }

  test('each renewal sets the lock’s mtime to the injected clock; a lock taken over is lost for good, said once', async () => {
    await writeLockRenewedAt(lockOf({ host: 'here' }), T0);
    let now = T0 + 1000;
    const lost: string[] = [];
    const { timer, every } = manualTimer();
    const keeper = new LeaseKeeper({
      leaseMs: 1000,
      now: () => now,
      renew: (nowMs) => renewRunLease(paths, 'agent', 'remote-run', nowMs),
      onLost: (why) => lost.push(why),
      every,
    });
    await keeper.renewNow();
    expect((await stat(paths.lockFile('agent'))).mtimeMs).toBe(T0 + 1000);
    timer.tick();
    now += 1000;
    // another host took it over and a new run of the agent holds the name now
    await writeLockRenewedAt(lockOf({ run_id: 'next-run' }), T0);
    await keeper.renewNow();
    await keeper.renewNow();
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatch(/taken over after its lease lapsed/);
    expect(keeper.lostBecause).toBe(lost[0]);
    expect(timer.stopped).toBe(true);
  });

  test('a renewal the network fails is tried again; a lock that is gone is lost', async () => {
    const lost: string[] = [];
    const answers: Array<() => Promise<'renewed' | 'lost'>> = [
      () => Promise.reject(Object.assign(new Error('io'), { code: 'EIO' })),
      () => Promise.resolve('renewed'),
      () => Promise.reject(Object.assign(new Error('gone'), { code: 'ENOENT' })),
    ];
    const keeper = new LeaseKeeper({
      leaseMs: 1000,
      now: () => T0,
      renew: () => answers.shift()!(),
      onLost: (why) => lost.push(why),
      every: manualTimer().every,
    });
    await keeper.renewNow();
    expect(lost).toEqual([]);
    await keeper.renewNow();
    expect(lost).toEqual([]);
    await keeper.renewNow();
    expect(lost).toHaveLength(1);
    keeper.stop();
  });
});
