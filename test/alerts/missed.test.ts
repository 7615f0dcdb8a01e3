import { describe, expect, test } from 'vitest';
import { missedRuns } from '../../src/alerts/rules/missed.js';
import { runRecord } from '../support/schedule/home.js';
import { agentFacts, definition, newestFirst, watchdogFacts } from '../support/schedule/facts.js';

const daily = (cron: string, timezone: string, extra: Record<string, unknown> = {}) =>
  definition('nightly', { trigger: { cron, timezone, grace: '30m', ...extra } });

describe('missed runs', () => {
  test('a daily job that ran on time is not missed; one that did not is, once grace has passed', () => {
    const def = daily('0 2 * * *', 'UTC');
    const ran = agentFacts(def, { recentRuns: [runRecord('nightly', '2026-05-10T02:00:00.300Z')] });
    expect(missedRuns(watchdogFacts('2026-05-10T09:00:00Z', [ran]))).toEqual([]);
    const silent = agentFacts(def, { recentRuns: [runRecord('nightly', '2026-05-09T02:00:00.300Z')] });
    expect(missedRuns(watchdogFacts('2026-05-10T02:29:59Z', [silent]))).toEqual([]);
    const [missed] = missedRuns(watchdogFacts('2026-05-10T02:30:01Z', [silent]));
    expect(missed).toMatchObject({
      key: 'missed:nightly:2026-05-10T02:00:00.000Z',
      rule: 'missed',
      agent: 'nightly',
      severity: 'critical',
    });
    expect(missed!.message).toContain('2026-05-10 02:00 UTC');
  });

  test('one alert per outage: the key is the first missed due time and stays put; a run ends it', () => {
    const def = daily('0 * * * *', 'UTC');
    const facts = (now: string, runs = [runRecord('nightly', '2026-05-10T01:00:00.100Z')]) =>
      missedRuns(watchdogFacts(now, [agentFacts(def, { recentRuns: newestFirst(runs) })]));
    const early = facts('2026-05-10T02:31:00Z');
    const later = facts('2026-05-10T11:31:00Z');
    expect(early.map((c) => c.key)).toEqual(['missed:nightly:2026-05-10T02:00:00.000Z']);
    expect(later.map((c) => c.key)).toEqual(['missed:nightly:2026-05-10T02:00:00.000Z']);
    expect(later[0]!.details).toMatchObject({ latest_due: '2026-05-10T11:00:00.000Z' });
    expect(later[0]!.message).toBe(
      'nightly missed its run due 2026-05-10 02:00 UTC: no run started within 30m, nor for any due time since (the latest 2026-05-10 11:00 UTC)',
    );
    expect(early[0]!.message).toBe('nightly missed its run due 2026-05-10 02:00 UTC: no run started within 30m');
    // a late run (a catch-up) starts: nothing is missed any more
    expect(
      facts('2026-05-10T11:31:00Z', [
        runRecord('nightly', '2026-05-10T01:00:00.100Z'),
        runRecord('nightly', '2026-05-10T11:20:00Z', { trigger: 'catch_up' }),
      ]),
    ).toEqual([]);
  });

  // This pinned cron-parser's 03:30 CEST (01:30Z), with an allowance for cron's earlier run. cronie (cron(8)) runs a
  // fixed-time job whose time was skipped right after the change: the due time is 03:00 CEST itself (01:00Z).
  test('Berlin spring-forward: the 02:30 job is due at 03:00 CEST, the change; on time or late', () => {
    const def = daily('30 2 * * *', 'Europe/Berlin');
    const before = runRecord('nightly', '2026-03-28T01:30:00.200Z'); // 02:30 CET the day before
    const check = (now: string, runs = [before]) =>
      missedRuns(watchdogFacts(now, [agentFacts(def, { recentRuns: newestFirst(runs) })]));
    expect(check('2026-03-29T01:29:00Z')).toEqual([]);
    expect(check('2026-03-29T01:30:01Z').map((c) => c.key)).toEqual(['missed:nightly:2026-03-29T01:00:00.000Z']);
    expect(check('2026-03-29T01:30:01Z')[0]!.message).toContain('2026-03-29 03:00 Europe/Berlin');
    // cronie's run right after the jump, and a late one, both count
    expect(check('2026-03-29T06:00:00Z', [before, runRecord('nightly', '2026-03-29T01:00:01Z')])).toEqual([]);
    expect(check('2026-03-29T06:00:00Z', [before, runRecord('nightly', '2026-03-29T01:30:00.400Z')])).toEqual([]);
    // a run before the change (01:20 CET) is not the 02:30 run
    expect(
      check('2026-03-29T06:00:00Z', [before, runRecord('nightly', '2026-03-29T00:20:00Z')]).map((c) => c.key),
    ).toEqual(['missed:nightly:2026-03-29T01:00:00.000Z']);
  });

  test('New York fall-back: the 01:30 job runs once; the second 01:30 is not owed a run', () => {
    const def = daily('30 1 * * *', 'America/New_York');
    const ran = runRecord('nightly', '2026-11-01T05:30:00.500Z'); // the first 01:30 (EDT)
    const facts = watchdogFacts('2026-11-01T07:30:00Z', [agentFacts(def, { recentRuns: [ran] })]); // past the second 01:30 (EST) + grace
    expect(missedRuns(facts)).toEqual([]);
    const none = watchdogFacts('2026-11-01T06:01:00Z', [
      agentFacts(def, { recentRuns: [runRecord('nightly', '2026-10-31T05:30:00Z')] }),
    ]);
    expect(missedRuns(none).map((c) => c.key)).toEqual(['missed:nightly:2026-11-01T05:30:00.000Z']);
  });

  test('New York spring-forward and Berlin fall-back', () => {
    const ny = daily('30 2 * * *', 'America/New_York');
    const nyFacts = watchdogFacts('2026-03-08T08:01:00Z', [
      agentFacts(ny, { recentRuns: [runRecord('nightly', '2026-03-07T07:30:00Z')] }),
    ]);
    // due at the change, 03:00 EDT (cron-parser said 03:30 EDT, 07:30Z)
    expect(missedRuns(nyFacts).map((c) => c.key)).toEqual(['missed:nightly:2026-03-08T07:00:00.000Z']);
    const berlin = daily('30 2 * * *', 'Europe/Berlin');
    const ranOnce = watchdogFacts('2026-10-25T03:00:00Z', [
      agentFacts(berlin, { recentRuns: [runRecord('nightly', '2026-10-25T00:30:00.300Z')] }),
    ]);
    expect(missedRuns(ranOnce)).toEqual([]);
  });

  test('due times before the agent existed, was resumed, or the fleet was started again are not owed', () => {
    const def = daily('0 2 * * *', 'UTC');
    const now = '2026-05-10T09:00:00Z';
    expect(missedRuns(watchdogFacts(now, [agentFacts(def, { definedAt: new Date('2026-05-10T03:00:00Z') })]))).toEqual(
      [],
    );
    expect(
      missedRuns(watchdogFacts(now, [agentFacts(def, { definedAt: new Date('2026-05-10T01:00:00Z') })])).map(
        (c) => c.key,
      ),
    ).toEqual(['missed:nightly:2026-05-10T02:00:00.000Z']);
    const resumed = agentFacts(def, {
      definedAt: new Date('2026-01-01T00:00:00Z'),
      stateSince: new Date('2026-05-10T04:00:00Z'),
    });
    expect(missedRuns(watchdogFacts(now, [resumed]))).toEqual([]);
    const started = watchdogFacts(now, [agentFacts(def)], {
      global: { stopped: false, since: new Date('2026-05-10T05:00:00Z') },
    });
    expect(missedRuns(started)).toEqual([]);
  });

  test('paused, disabled, the global stop, a run in flight: nothing missed', () => {
    const def = daily('0 2 * * *', 'UTC');
    const now = '2026-05-10T09:00:00Z';
    expect(missedRuns(watchdogFacts(now, [agentFacts(def, { mode: 'paused' })]))).toEqual([]);
    expect(missedRuns(watchdogFacts(now, [agentFacts(def, { mode: 'disabled' })]))).toEqual([]);
    expect(
      missedRuns(
        watchdogFacts(now, [agentFacts(def)], { global: { stopped: true, since: new Date('2026-05-01T00:00:00Z') } }),
      ),
    ).toEqual([]);
    expect(
      missedRuns(watchdogFacts(now, [agentFacts(def, { running: { started_at: '2026-05-10T02:00:01Z' } })])),
    ).toEqual([]);
  });

  test('only outages that reach into the lookback window are alerted', () => {
    const def = definition('monthly', { trigger: { cron: '0 2 1 * *', timezone: 'UTC' } });
    const facts = (now: string) =>
      watchdogFacts(now, [agentFacts(def, { recentRuns: [runRecord('monthly', '2026-04-01T02:00:00Z')] })]);
    expect(missedRuns(facts('2026-05-03T00:00:00Z')).map((c) => c.key)).toEqual([
      'missed:monthly:2026-05-01T02:00:00.000Z',
    ]);
    expect(missedRuns(facts('2026-05-20T00:00:00Z'))).toEqual([]);
  });

  test('a seconds schedule down for an hour: one alert, keyed by its first missed slot', () => {
    const def = definition('tick', { trigger: { cron: '*/2 * * * * *', timezone: 'UTC', grace: '30s' } });
    const [missed] = missedRuns(
      watchdogFacts('2026-05-10T10:00:00Z', [
        agentFacts(def, { recentRuns: [runRecord('tick', '2026-05-10T09:00:00Z')] }),
      ]),
    );
    expect(missed!.key).toBe('missed:tick:2026-05-10T09:00:02.000Z');
    expect(missed!.details).toMatchObject({ latest_due: '2026-05-10T09:59:30.000Z' });
  });
});
