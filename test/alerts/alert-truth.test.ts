import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Channel } from '../../src/alerts/index.js';
import { afterRun } from '../../src/hooks/index.js';
import { appendRecord, type AlertEvent, type RunRecord, type RunStatus } from '../../src/journal/index.js';
import { runCheck } from '../../src/watchdog/index.js';
import { makeScheduleHome, runRecord, type ScheduleHome } from '../support/schedule/home.js';

/**
 * Issue 15, point 1: an alert says what happened. Runs go into logs/runs.jsonl
 * through the journal's own writer; `check` and the run hooks read them with
 * their clocks injected (never today's date).
 */
let home: ScheduleHome;
afterEach(() => home.remove());

const OLD = new Date('2025-01-01T00:00:00Z');

/** A channel that remembers what it was asked to send. */
function recordingChannel(): Channel & { sent: AlertEvent[] } {
  const sent: AlertEvent[] = [];
  return { name: 'recorder', sent, send: async (event) => void sent.push(event) };
}

async function append(...runs: RunRecord[]): Promise<void> {
  const paths = (await home.open()).paths;
  for (const run of runs) await appendRecord(paths.runsJournal, run);
}

const run = (agent: string, at: string, status: RunStatus, reason: string | null = null) =>
  runRecord(agent, at, { status, reason, output_size_bytes: status === 'OK' ? 500 : 0 });

const check = async (now: string, channel: Channel = recordingChannel()) =>
  runCheck(await home.open(), { now: new Date(now), crontab: null as never, channels: [channel] });

const openMessage = (result: Awaited<ReturnType<typeof check>>, key: string) =>
  result.open.find((alert) => alert.key === key)?.message;

describe("an alert's text describes the runs that keep it open", () => {
  beforeEach(async () => {
    home = await makeScheduleHome('timezone: UTC\n');
  });

  test('EMPTY then TOO_LARGE: the text follows the second run, recorded as an update, not sent again', async () => {
    await home.writeAgent('digest', { alerts: { failures_before_alert: 1 }, review: 'none' }, { mtime: OLD });
    await append(run('digest', '2026-05-10T08:00:00Z', 'EMPTY'));
    const channel = recordingChannel();
    const first = await check('2026-05-10T08:05:00Z', channel);
    expect(openMessage(first, 'non_ok:digest')).toBe('digest: its last run ended EMPTY');

    await append(run('digest', '2026-05-10T09:00:00Z', 'TOO_LARGE', 'input 2.2MB over 1MB'));
    const second = await check('2026-05-10T09:05:00Z', channel);
    const text = 'digest: its last 2 runs ended TOO_LARGE (input 2.2MB over 1MB) and EMPTY';
    expect(second.events.map((e) => [e.event, e.key, e.message])).toEqual([['update', 'non_ok:digest', text]]);
    expect(openMessage(second, 'non_ok:digest')).toBe(text);
    // recorded in logs/alerts.jsonl with what it said before; no channel was asked to send it
    expect((await home.alerts()).at(-1)).toMatchObject({
      event: 'update',
      key: 'non_ok:digest',
      message: text,
      channels: [],
      details: { status: 'TOO_LARGE', statuses: ['TOO_LARGE', 'EMPTY'], was: 'digest: its last run ended EMPTY' },
    });
    expect(channel.sent.map((e) => e.event)).toEqual(['open']);
    // the same facts again: nothing new
    expect((await check('2026-05-10T09:10:00Z', channel)).events).toEqual([]);
  });

  test('3 × RUNNER_FAILED then TIMEOUT, BAD_FORMAT and OUTPUT_LIMIT: the text names the statuses of the streak', async () => {
    await home.writeAgent('digest', { alerts: { failures_before_alert: 3 }, review: 'none' }, { mtime: OLD });
    await append(
      run('digest', '2026-05-10T01:00:00Z', 'RUNNER_FAILED', 'exit 1'),
      run('digest', '2026-05-10T02:00:00Z', 'RUNNER_FAILED', 'exit 1'),
      run('digest', '2026-05-10T03:00:00Z', 'RUNNER_FAILED', 'exit 1'),
    );
    const first = await check('2026-05-10T03:05:00Z');
    expect(openMessage(first, 'non_ok:digest')).toBe('digest: its last 3 runs ended RUNNER_FAILED (exit 1)');
    await append(
      run('digest', '2026-05-10T04:00:00Z', 'TIMEOUT', 'ran 5m'),
      run('digest', '2026-05-10T05:00:00Z', 'BAD_FORMAT'),
      run('digest', '2026-05-10T06:00:00Z', 'OUTPUT_LIMIT', '2MB of output'),
    );
    // within realert (8h by default): no resend, but the words change
    const later = await check('2026-05-10T06:05:00Z');
    const text =
      'digest: its last 6 runs ended OUTPUT_LIMIT (2MB of output), BAD_FORMAT, TIMEOUT and 3 × RUNNER_FAILED';
    expect(later.events.map((e) => `${e.event} ${e.message}`)).toEqual([`update ${text}`]);
    expect(openMessage(later, 'non_ok:digest')).toBe(text);
    // a resend, once due, carries the current words too
    const resent = await check('2026-05-10T11:10:00Z');
    expect(resent.events.map((e) => `${e.event} ${e.message}`)).toEqual([`resend ${text}`]);
  });

  test('an update is seen by the next run hook too: the text after a run is that run’s', async () => {
    await home.writeAgent('digest', { alerts: { failures_before_alert: 1 }, review: 'none' }, { mtime: OLD });
    await append(run('digest', '2026-05-10T08:00:00Z', 'EMPTY'));
    await check('2026-05-10T08:05:00Z');
    const record = run('digest', '2026-05-10T09:00:00Z', 'ERROR');
    await append(record);
    const report = await afterRun(await home.open(), record, { now: new Date('2026-05-10T09:00:02Z'), channels: [] });
    expect(report.events.map((e) => `${e.event} ${e.message}`)).toEqual([
      'update digest: its last 2 runs ended ERROR and EMPTY',
    ]);
  });
});

describe('a run ended by an operator is KILLED: no failure, no critical alert', () => {
  beforeEach(async () => {
    home = await makeScheduleHome('timezone: UTC\n');
    await home.writeAgent('digest', { alerts: { failures_before_alert: 2 }, review: 'none' }, { mtime: OLD });
  });

  test('a KILLED run opens nothing and does not count toward the streak', async () => {
    const killed = run('digest', '2026-05-10T08:00:00Z', 'KILLED', 'killed by ops: stuck');
    await append(run('digest', '2026-05-10T07:00:00Z', 'TIMEOUT', 'ran 5m'), killed);
    const report = await afterRun(await home.open(), killed, { now: new Date('2026-05-10T08:00:02Z'), channels: [] });
    expect(report.events).toEqual([]);
    const checked = await check('2026-05-10T08:05:00Z');
    expect(checked.open.filter((alert) => alert.severity === 'critical')).toEqual([]);
    // one more failure after the kill makes two in a row: the kill neither counts nor breaks the streak
    await append(run('digest', '2026-05-10T09:00:00Z', 'ERROR'));
    const after = await check('2026-05-10T09:05:00Z');
    expect(openMessage(after, 'non_ok:digest')).toBe('digest: its last 2 runs ended ERROR and TIMEOUT');
  });

  test('a KILLED run after failures leaves the open alert as it was: it is no recovery either', async () => {
    await append(run('digest', '2026-05-10T06:00:00Z', 'ERROR'), run('digest', '2026-05-10T07:00:00Z', 'ERROR'));
    expect(openMessage(await check('2026-05-10T07:05:00Z'), 'non_ok:digest')).toBe(
      'digest: its last 2 runs ended ERROR',
    );
    await append(run('digest', '2026-05-10T08:00:00Z', 'KILLED', 'killed by ops'));
    const after = await check('2026-05-10T08:05:00Z');
    expect(after.events).toEqual([]);
    expect(openMessage(after, 'non_ok:digest')).toBe('digest: its last 2 runs ended ERROR');
  });
});

describe('month alerts close when their month ends', () => {
  beforeEach(async () => {
    home = await makeScheduleHome('timezone: Europe/Berlin\n');
    await home.writeAgent('spender', { budget: { monthly_usd: 10, warn_at: 0.5 }, review: 'none' }, { mtime: OLD });
    await home.writeAgent('other', { review: 'none' }, { mtime: OLD });
    await append(runRecord('spender', '2026-11-20T10:00:00Z', { cost_usd: 6 }));
  });

  test('the first evaluation in the next month, a run hook of another agent, closes the budget warning and records it', async () => {
    const november = await check('2026-11-20T10:05:00Z');
    expect(november.events.map((e) => `${e.event} ${e.key}`)).toEqual(['open budget_warn:spender:2026-11']);
    // 00:30 on December 1 in Berlin: the first thing to look is the hook after another agent's run
    const record = runRecord('other', '2026-11-30T23:29:00Z');
    await append(record);
    const report = await afterRun(await home.open(), record, { now: new Date('2026-11-30T23:30:00Z'), channels: [] });
    expect(report.events.map((e) => `${e.event} ${e.key}`)).toEqual(['resolve budget_warn:spender:2026-11']);
    expect(report.events[0]).toMatchObject({
      message: 'resolved: 2026-11 is over: spender has spent $6.00 of its $10 budget for 2026-11 (60%)',
      details: { month: '2026-11' },
    });
    expect((await home.alerts()).at(-1)).toMatchObject({ event: 'resolve', key: 'budget_warn:spender:2026-11' });
  });

  test('a check that cannot evaluate every rule still closes last month’s alerts: the clock alone says so', async () => {
    await check('2026-11-20T10:05:00Z');
    const broken = () => {
      throw new Error('a bug in a rule');
    };
    const december = await runCheck(await home.open(), {
      now: new Date('2026-12-01T08:00:00Z'),
      crontab: null as never,
      channels: [],
      rules: [broken],
    });
    expect(december.failedRules).toHaveLength(1);
    expect(december.events.map((e) => `${e.event} ${e.key}`)).toEqual(['resolve budget_warn:spender:2026-11']);
    expect(december.open).toEqual([]);
  });
});
