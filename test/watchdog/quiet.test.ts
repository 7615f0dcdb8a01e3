import { formatWall } from '../../src/shared/index.js';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Channel } from '../../src/alerts/index.js';
import { ackAlert, silenceAlerts } from '../../src/switches/index.js';
import { runCheck } from '../../src/watchdog/index.js';
import { makeScheduleHome, runRecord, type ScheduleHome } from '../support/schedule/home.js';
import { MemoryCrontab } from '../support/schedule/memory-crontab.js';

/** `check` on real files with acks and maintenance windows: what reaches a channel, and what alerts.jsonl keeps. */
let home: ScheduleHome;
let sent: string[];
const channel: Channel = {
  name: 'memory',
  send: async (_event, text) => void sent.push(text),
};
const HOUR = 3_600_000;
const t0 = Date.parse('2026-05-10T10:00:00Z');
const at = (hours: number) => new Date(t0 + hours * HOUR);
const check = async (hours: number) =>
  runCheck(await home.open(), { now: at(hours), crontab: new MemoryCrontab(), channels: [channel] });
const summary = (result: Awaited<ReturnType<typeof check>>) =>
  result.events.map((e) => `${e.event} ${e.key}${e.held ? ' (held)' : ''}`);

beforeEach(async () => {
  home = await makeScheduleHome('timezone: UTC\nalerts:\n  realert: 8h\n');
  await home.writeAgent('flaky', { review: 'none' });
  await home.writeAgent('steady', { review: 'none' });
  sent = [];
});
afterEach(() => home.remove());

describe('check with acks', () => {
  test('an acked alert stays open, listed with its ack, and is not re-sent; when the ack ends, reminders resume', async () => {
    await home.appendRuns([runRecord('flaky', at(-0.1), { status: 'ERROR', reason: 'upstream 503' })]);
    expect(summary(await check(0))).toEqual(['open non_ok:flaky']);
    expect(sent).toHaveLength(1);
    const acked = await ackAlert(await home.open(), 'ack', 'flaky', {
      reason: 'vendor outage',
      until: at(10),
      by: 'aycee',
      source: 'cli',
      now: at(1),
    });
    expect(acked).toMatchObject({ applied: true, alert: { key: 'non_ok:flaky' } });
    const quiet = await check(8);
    expect(summary(quiet)).toEqual([]);
    expect(quiet.open).toEqual([
      expect.objectContaining({
        key: 'non_ok:flaky',
        quiet: expect.objectContaining({ text: `acked by aycee until ${formatWall(at(10), 'UTC')}: vendor outage` }),
      }),
    ]);
    expect(sent).toHaveLength(1);
    expect(summary(await check(10))).toEqual(['resend non_ok:flaky']);
    expect(sent).toHaveLength(2);
    expect((await home.changes()).map((c) => `${c.action} ${c.agent} ${c.by} ${c.reason}`)).toEqual([
      'ack flaky aycee vendor outage',
    ]);
  });
});

describe('check in a maintenance window', () => {
  test("the fleet's window: alerts recorded as held, sent nowhere; still open at its end: sent once, as opened in the window", async () => {
    await silenceAlerts(await home.open(), 'silence', null, {
      reason: 'db migration',
      until: at(2),
      by: 'jo',
      source: 'cli',
      now: at(0),
    });
    await home.appendRuns([
      runRecord('flaky', at(0.2), { status: 'ERROR', reason: 'db down' }),
      runRecord('steady', at(0.3), { status: 'ERROR', reason: 'db down' }),
    ]);
    expect(summary(await check(0.5))).toEqual(['open non_ok:flaky (held)', 'open non_ok:steady (held)']);
    const held = (await home.alerts()).at(-1);
    expect(held?.held).toBe(`silenced (fleet maintenance) by jo until ${formatWall(at(2), 'UTC')}: db migration`);
    expect(held?.channels).toBeUndefined();
    // steady recovers inside the window: its resolve is held too, and nobody is ever told of it
    await home.appendRuns([runRecord('steady', at(1))]);
    expect(summary(await check(1.5))).toEqual(['resolve non_ok:steady (held)']);
    expect(sent).toEqual([]);
    // the window is over: flaky, still failing, is sent once; steady is not mentioned
    expect(summary(await check(2))).toEqual(['resend non_ok:flaky']);
    expect(sent).toEqual([
      expect.stringMatching(/^nightshift CRITICAL, opened during a maintenance window \(open since .*\): flaky/),
    ]);
    expect(summary(await check(3))).toEqual([]);
    expect(summary(await check(10))).toEqual(['resend non_ok:flaky']);
  });

  test("an agent's window holds that agent's alerts only; unsilence ends it early", async () => {
    await silenceAlerts(await home.open(), 'silence', 'flaky', {
      reason: 'redeploying flaky',
      until: at(5),
      by: 'jo',
      source: 'cli',
      now: at(0),
    });
    await home.appendRuns([
      runRecord('flaky', at(0.2), { status: 'ERROR', reason: 'restarting' }),
      runRecord('steady', at(0.3), { status: 'ERROR', reason: 'real trouble' }),
    ]);
    expect(summary(await check(0.5))).toEqual(['open non_ok:flaky (held)', 'open non_ok:steady']);
    expect(sent).toEqual([expect.stringContaining('steady')]);
    await silenceAlerts(await home.open(), 'unsilence', 'flaky', { by: 'jo', source: 'cli', now: at(1) });
    expect(summary(await check(1))).toEqual(['resend non_ok:flaky']);
    expect((await home.changes()).map((c) => `${c.action} ${c.agent}`)).toEqual(['silence flaky', 'unsilence flaky']);
  });
});
