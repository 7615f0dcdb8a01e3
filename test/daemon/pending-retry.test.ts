import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { type CheckResult } from '../../src/watchdog/index.js';
import { Daemon } from '../../src/daemon/daemon.js';
import { currentHost } from '../../src/shared/index.js';
import { makeScheduleHome, type ScheduleHome } from '../support/schedule/home.js';
import { FakeLauncher } from '../support/schedule/fake-launcher.js';
import { ManualClock } from '../support/schedule/manual-clock.js';

/**
 * The daemon's part in a retry policy: run/<agent>.retry.json left by a `nightshift run` that died while it
 * waited the backoff is started by the daemon once due (README "Retry policy"). In-process, with a manual clock
 * and a launcher that records.
 */
let home: ScheduleHome;
let daemon: Daemon | undefined;
beforeEach(async () => {
  home = await makeScheduleHome();
});
afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
  await home.remove();
});

const log = { info: () => undefined, problem: () => undefined };
const noCheck = async (): Promise<CheckResult> => ({
  at: '',
  conditions: [],
  events: [],
  open: [],
  changes: [],
  plainCron: false,
  faults: [],
  failedRules: [],
  invalid: [],
  warnings: [],
  trail: undefined as never,
});

/** the pid of a process that has ended: its waiter is gone */
function deadPid(): number {
  const ended = spawnSync(process.execPath, ['-e', '']);
  return ended.pid!;
}

async function pending(agent: string, fields: { due_at: string; pid: number }) {
  const dir = join(home.root, 'run');
  await mkdir(dir, { recursive: true });
  const body = {
    v: 1,
    agent,
    attempt: 2,
    first_run_id: `first-${agent}`,
    trigger: 'cron',
    host: currentHost(),
    ...fields,
  };
  await writeFile(join(dir, `${agent}.retry.json`), JSON.stringify(body));
}

async function start(now: string) {
  const clock = new ManualClock(Date.parse(now));
  const launcher = new FakeLauncher();
  daemon = await Daemon.start(await home.open(), {
    nightshiftArgv: ['node', 'nightshift.js'],
    clock,
    log,
    launcher,
    check: noCheck,
    crontabCheck: false,
    retryLookMs: 1000,
  });
  return { clock, launcher };
}

describe('pending retries under the daemon', () => {
  test('a due attempt whose waiting process is gone is started with --attempt and --first-run-id', async () => {
    await home.writeAgent('orphan', {});
    await home.writeAgent('waiting', {});
    await home.writeAgent('later', {});
    await pending('orphan', { due_at: '2026-05-10T11:59:00Z', pid: deadPid() });
    // its process still waits (this test's own pid): the daemon leaves it alone
    await pending('waiting', { due_at: '2026-05-10T11:59:00Z', pid: process.pid });
    // not due yet: started once the clock reaches it
    await pending('later', { due_at: '2026-05-10T12:00:30Z', pid: deadPid() });
    const { clock, launcher } = await start('2026-05-10T12:00:00Z');
    await vi.waitFor(() => expect(launcher.launched).toHaveLength(1));
    expect(launcher.launched[0]).toEqual({
      agent: 'orphan',
      trigger: 'cron',
      args: ['--attempt', '2', '--first-run-id', 'first-orphan'],
    });
    launcher.busy.add('orphan'); // its run is in flight now
    clock.advance(31_000);
    await vi.waitFor(() => expect(launcher.launched.map((l) => l.agent)).toEqual(['orphan', 'later']));
    expect(launcher.launched.some((l) => l.agent === 'waiting')).toBe(false);
    expect(existsSync(join(home.root, 'run', 'waiting.retry.json'))).toBe(true);
  });
});
