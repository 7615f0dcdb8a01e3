import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { costReport, parseMonth } from '../../src/governance/index.js';
import { type CostAgentInput } from '../../src/governance/costs-report.js';
import { type DaySummary } from '../../src/journal/index.js';
import { costTotalsOf } from '../support/cost-input.js';
import { DEMO_NOW } from '../../fixtures/generator/constants.js';
import { loadCosts } from '../../src/governance/index.js';
import { loadFleet } from '../../src/fleet/index.js';
import { cli, copyDemoHome, DEMO_NOW_LOCAL, manifest, type TempHome } from './new-home-support.js';
import { anomalySentence, anomalyText } from '../../src/alerts/index.js';
import { costAnomalies } from '../../src/alerts/rules/index.js';
import { gatherFacts } from '../../src/watchdog/gather.js';

const day = (key: string, costUsd: number, runs = 1, skipped = 0): DaySummary => ({
  day: key,
  runs,
  costUsd,
  durationMs: 0,
  byStatus: skipped > 0 ? { OK: runs - skipped, SKIPPED: skipped } : { OK: runs },
});

/** One run a day at `cost` for every day of a month (30 days is enough for the rules). */
function month(prefix: string, cost: number, days = 30): DaySummary[] {
  return Array.from({ length: days }, (_, i) => day(`${prefix}-${String(i + 1).padStart(2, '0')}`, cost));
}

const agent = (name: string, days: DaySummary[], extra: Partial<CostAgentInput> = {}): CostAgentInput => ({
  name,
  owner: 'o',
  budgetUsd: null,
  defined: true,
  state: 'enabled',
  ...costTotalsOf(days),
  ...extra,
});
const NOW = new Date('2026-11-16T00:00:00Z'); // 15 of 30 days of November gone, in UTC

describe('costReport', () => {
  test('month to date, last month, runs, cost per run and a linear projection on the elapsed fraction', () => {
    const report = costReport({
      month: '2026-11',
      now: NOW,
      timezone: 'UTC',
      agents: [agent('a', [...month('2026-10', 0.1), ...month('2026-11', 0.1, 15)], { budgetUsd: 6 })],
    });
    const row = report.rows[0]!;
    expect(report.complete).toBe(false);
    expect(report.elapsed.fraction).toBeCloseTo(0.5, 6);
    expect(row.monthToDate).toBeCloseTo(1.5, 6);
    expect(row.projected).toBeCloseTo(3, 6);
    expect(row.lastMonth).toBeCloseTo(3, 6);
    expect(row.runs).toBe(15);
    expect(row.costPerRun).toBeCloseTo(0.1, 6);
    expect(row.budget).toEqual({ monthlyUsd: 6, used: expect.closeTo(0.25, 6), projectedUse: expect.closeTo(0.5, 6) });
    expect(row.anomalies).toEqual([]);
    expect(row.trend).toHaveLength(6);
    expect(report.trend.map((t) => t.month)).toEqual([
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
  });

  test('flags a month on course for more than 3× the last, and a cost per run that doubled', () => {
    const report = costReport({
      month: '2026-11',
      now: NOW,
      timezone: 'UTC',
      agents: [
        agent('drift', [...month('2026-10', 0.1), ...month('2026-11', 1, 15)]),
        agent('steady', [...month('2026-10', 0.1), ...month('2026-11', 0.1, 15)]),
      ],
    });
    const drift = report.rows.find((r) => r.name === 'drift')!;
    expect(drift.anomalies.map((a) => a.kind)).toEqual(['month_over_month', 'cost_per_run']);
    expect(drift.anomalies[0]!.ratio).toBeCloseTo(10, 1);
    expect(drift.anomalies[0]!.message).toContain('on course for $30.00');
    expect(report.rows.find((r) => r.name === 'steady')!.anomalies).toEqual([]);
    expect(report.totals.anomalies).toBe(1);
    expect(report.rows[0]!.name).toBe('drift'); // biggest spender first
  });

  test('pennies are never an anomaly: under the $1 floor nothing is flagged', () => {
    const report = costReport({
      month: '2026-11',
      now: NOW,
      timezone: 'UTC',
      agents: [agent('cheap', [...month('2026-10', 0.001), ...month('2026-11', 0.02, 15)])],
    });
    expect(report.rows[0]!.projected).toBeCloseTo(0.6, 6); // 20× last month, but $0.60
    expect(report.rows[0]!.anomalies).toEqual([]);
  });

  test('in the first days the projection is not trusted: what was spent is compared', () => {
    const early = new Date('2026-11-02T00:00:00Z'); // one day gone: ×30 projection
    const agents = [agent('a', [...month('2026-10', 0.1), day('2026-11-01', 0.5)])];
    const report = costReport({ month: '2026-11', now: early, timezone: 'UTC', agents });
    expect(report.rows[0]!.projected).toBeCloseTo(15, 6);
    expect(report.rows[0]!.anomalies.filter((a) => a.kind === 'month_over_month')).toEqual([]);
    // …but a run costing 5× is flagged once the month's amount passes the floor
    const pricier = costReport({
      month: '2026-11',
      now: early,
      timezone: 'UTC',
      agents: [agent('a', [...month('2026-10', 0.1), day('2026-11-01', 1.2)])],
    });
    expect(pricier.rows[0]!.anomalies.map((a) => a.kind)).toEqual(['cost_per_run']);
  });

  test('a past month is complete: its own total is compared, no projection', () => {
    const report = costReport({
      month: '2026-10',
      now: NOW,
      timezone: 'UTC',
      agents: [agent('a', [...month('2026-09', 0.1), ...month('2026-10', 0.5, 31)])],
    });
    const row = report.rows[0]!;
    expect(report.complete).toBe(true);
    expect(row.projected).toBe(row.monthToDate);
    expect(row.anomalies[0]!.message).toMatch(/^cost \$15\.50 in 2026-10, 5\.2× 2026-09's \$3\.00/);
  });

  test('an agent that cost nothing last month and now spends real money is flagged; one that never ran is not', () => {
    const report = costReport({
      month: '2026-11',
      now: NOW,
      timezone: 'UTC',
      agents: [
        agent('was-free', [...month('2026-10', 0), ...month('2026-11', 0.2, 15)]),
        agent('new', month('2026-11', 0.2, 15)),
      ],
    });
    expect(report.rows.find((r) => r.name === 'was-free')!.anomalies[0]).toMatchObject({
      kind: 'month_over_month',
      ratio: null,
    });
    expect(report.rows.find((r) => r.name === 'new')!.anomalies).toEqual([]);
  });

  test('SKIPPED runs are runs but not billable: they do not dilute the cost per run', () => {
    const report = costReport({
      month: '2026-11',
      now: NOW,
      timezone: 'UTC',
      agents: [agent('a', [day('2026-11-01', 1, 4, 2)])],
    });
    expect(report.rows[0]!.costPerRun).toBe(0.5);
  });

  test('months are counted in the home time zone', () => {
    // 2026-11-30 23:30 UTC is December in Berlin: the month is over there
    const report = costReport({
      month: '2026-11',
      now: new Date('2026-11-30T23:30:00Z'),
      timezone: 'Europe/Berlin',
      agents: [],
    });
    expect(report.complete).toBe(true);
    expect(
      costReport({ month: '2026-11', now: new Date('2026-11-30T23:30:00Z'), timezone: 'UTC', agents: [] }).complete,
    ).toBe(false);
  });
});

describe('parseMonth', () => {
  test('YYYY-MM of this month or before', () => {
    expect(parseMonth('2026-10', NOW, 'UTC')).toBe('2026-10');
    expect(parseMonth(' 2026-11 ', NOW, 'UTC')).toBe('2026-11');
  });
  test('anything else names the thing and what was expected', () => {
    expect(() => parseMonth('11/2026', NOW, 'UTC')).toThrow(
      '--month: "11/2026" is not a month: expected YYYY-MM, like 2026-11',
    );
    expect(() => parseMonth('2026-13', NOW, 'UTC')).toThrow(/is not a month/);
    expect(() => parseMonth('2026-12', NOW, 'UTC')).toThrow(
      '--month: 2026-12 has not begun yet (it is 2026-11 in UTC): expected this month or an earlier one',
    );
    try {
      parseMonth('11/2026', NOW, 'UTC');
    } catch (error) {
      expect((error as { exitCode: number }).exitCode).toBe(2);
    }
  });
});

describe('costs on a copy of the demo home', () => {
  let home: TempHome;
  beforeAll(async () => {
    home = await copyDemoHome();
  });
  afterAll(async () => home.remove());

  test('the drifting agent is flagged, and nothing else is', async () => {
    const expected = await manifest();
    const { report } = await loadCosts(await home.open(), { now: DEMO_NOW });
    const flagged = report.rows.filter((row) => row.anomalies.length > 0).map((row) => row.name);
    expect(flagged).toEqual([expected.drifting_cost]);
    const drift = report.rows.find((row) => row.name === expected.drifting_cost)!;
    expect(drift.lastMonth).toBeCloseTo(3, 0);
    expect(drift.monthToDate).toBeCloseTo(33, 0);
    expect(drift.anomalies.map((a) => a.kind).sort()).toEqual(['cost_per_run', 'month_over_month']);
    expect(report.rows.map((row) => row.name).sort()).toEqual([...expected.agents].sort());
  });

  test('check alerts on the drift `costs` flags, in the same words: one rule for both', async () => {
    const expected = await manifest();
    const opened = await home.open();
    const { snapshot, trail } = await loadFleet(opened, { now: DEMO_NOW });
    const { facts } = await gatherFacts(opened, snapshot, trail, { now: DEMO_NOW, plainCron: false });
    const alerts = costAnomalies(facts);
    const { report } = await loadCosts(opened, { now: DEMO_NOW, fleet: { snapshot, trail } });
    const flagged = report.rows.filter((row) => row.anomalies.length > 0);
    expect(alerts.map((alert) => alert.agent)).toEqual([expected.drifting_cost]);
    expect(alerts.map((alert) => alert.message)).toEqual(
      flagged.map((row) => anomalySentence(row.name, anomalyText(row.anomalies))),
    );
    expect(alerts[0]!.details).toMatchObject({
      kinds: flagged[0]!.anomalies.map((a) => a.kind),
      projected_usd: expect.closeTo(flagged[0]!.projected, 2),
    });
  });

  test("given the console's already loaded fleet, the same report without a second load", async () => {
    const opened = await home.open();
    const fleet = await loadFleet(opened, { now: DEMO_NOW });
    const alone = await loadCosts(opened, { now: DEMO_NOW });
    expect((await loadCosts(opened, { now: DEMO_NOW, fleet })).report).toEqual(alone.report);
  });

  test('last month as a complete month: October is not flagged against September', async () => {
    const { report } = await loadCosts(await home.open(), { now: DEMO_NOW, month: '2026-10' });
    expect(report.complete).toBe(true);
    expect(report.rows.filter((row) => row.anomalies.length > 0)).toEqual([]);
  });

  test('CLI: --json, exit 1 with an anomaly; a bad --month is exit 2 and says what was expected', async () => {
    const ran = await cli(['costs', '--home', home.root, '--now', DEMO_NOW_LOCAL, '--json']);
    expect(ran.code).toBe(1);
    const report = JSON.parse(ran.stdout);
    expect(report.month).toBe('2026-11');
    expect(report.totals.anomalies).toBe(1);
    const text = await cli(['costs', '--home', home.root, '--now', DEMO_NOW_LOCAL]);
    expect(text.stdout).toContain('▲ research-digest');
    expect(text.stdout).toContain('Fleet by month');
    const bad = await cli(['costs', '--home', home.root, '--month', '11/2026']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--month: "11/2026" is not a month: expected YYYY-MM');
  });
});
