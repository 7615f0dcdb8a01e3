import { describe, expect, test } from 'vitest';
import { condition, evaluateRules, type Rule } from '../../src/alerts/index.js';
import {
  budgets,
  costAnomalies,
  nonOkRuns,
  outputDrop,
  reviewsOverdue,
  runCost,
  schedulerDown,
} from '../../src/alerts/rules/index.js';
import { runRecord } from '../support/schedule/home.js';
import { formatWall } from '../../src/shared/index.js';
import { agentFacts, definition, newestFirst, watchdogFacts } from '../support/schedule/facts.js';

const NOW = '2026-05-20T12:00:00Z';
const keys = (conditions: Array<{ key: string }>) => conditions.map((c) => c.key);

describe('non-OK runs', () => {
  const def = definition('a', { alerts: { failures_before_alert: 2 } });
  const run = (status: 'OK' | 'ERROR' | 'SKIPPED', at: string) =>
    runRecord('a', at, { status, reason: status === 'ERROR' ? 'boom' : status === 'SKIPPED' ? 'overlap' : null });

  test('fires after failures_before_alert consecutive non-OK runs, SKIPPED being neutral; an OK resolves it', () => {
    const one = agentFacts(def, { failureStreak: 1, recentRuns: [run('ERROR', '2026-05-20T10:00:00Z')] });
    expect(nonOkRuns(watchdogFacts(NOW, [one]))).toEqual([]);
    const two = agentFacts(def, {
      failureStreak: 2,
      recentRuns: newestFirst([
        run('ERROR', '2026-05-20T09:00:00Z'),
        run('ERROR', '2026-05-20T10:00:00Z'),
        run('SKIPPED', '2026-05-20T11:00:00Z'),
      ]),
    });
    const [c] = nonOkRuns(watchdogFacts(NOW, [two]));
    expect(c).toMatchObject({ key: 'non_ok:a', severity: 'critical', details: { status: 'ERROR', streak: 2 } });
    expect(c!.message).toBe('a: its last 2 runs ended ERROR (boom)');
    const healed = agentFacts(def, { failureStreak: 0, recentRuns: [run('OK', '2026-05-20T11:00:00Z')] });
    expect(nonOkRuns(watchdogFacts(NOW, [healed]))).toEqual([]);
  });
});

describe('one run over cost_over_usd', () => {
  const def = definition('a', { alerts: { cost_over_usd: 0.5 } });
  test('keyed by run, only for the last real run; no threshold, no rule', () => {
    const pricey = runRecord('a', '2026-05-20T10:00:00Z', { cost_usd: 0.75 });
    expect(keys(runCost(watchdogFacts(NOW, [agentFacts(def, { recentRuns: [pricey] })])))).toEqual([
      `run_cost:a:${pricey.run_id}`,
    ]);
    const cheapAfter = newestFirst([pricey, runRecord('a', '2026-05-20T11:00:00Z', { cost_usd: 0.1 })]);
    expect(runCost(watchdogFacts(NOW, [agentFacts(def, { recentRuns: cheapAfter })]))).toEqual([]);
    expect(runCost(watchdogFacts(NOW, [agentFacts(definition('b', {}), { recentRuns: [pricey] })]))).toEqual([]);
  });
});

describe('output drop', () => {
  const def = definition('a', { alerts: { output_drop: 0.5 } });
  const last = (size: number, status: 'OK' | 'ERROR' = 'OK') => [
    runRecord('a', '2026-05-20T10:00:00Z', { output_size_bytes: size, status }),
  ];
  test('zero bytes, or under output_drop × the median of the OK runs before; judged on the last run when it is OK', () => {
    const history = [1000, 1100, 900, 1000];
    expect(
      keys(outputDrop(watchdogFacts(NOW, [agentFacts(def, { recentRuns: last(400), okSizes: [...history, 400] })]))),
    ).toEqual(['output_drop:a']);
    expect(
      outputDrop(watchdogFacts(NOW, [agentFacts(def, { recentRuns: last(600), okSizes: [...history, 600] })])),
    ).toEqual([]);
    expect(keys(outputDrop(watchdogFacts(NOW, [agentFacts(def, { recentRuns: last(0), okSizes: [0] })])))).toEqual([
      'output_drop:a',
    ]);
    expect(
      outputDrop(watchdogFacts(NOW, [agentFacts(def, { recentRuns: last(10, 'ERROR'), okSizes: history })])),
    ).toEqual([]);
    // too little history: only zero counts
    expect(
      outputDrop(watchdogFacts(NOW, [agentFacts(def, { recentRuns: last(10), okSizes: [1000, 1000, 10] })])),
    ).toEqual([]);
  });
});

describe('budgets', () => {
  const def = definition('a', { budget: { monthly_usd: 10, warn_at: 0.8 } });
  test('warning at warn_at, reached at the budget; keys carry the month in the home zone', () => {
    expect(budgets(watchdogFacts(NOW, [agentFacts(def, { monthToDate: 7.9 })]))).toEqual([]);
    expect(keys(budgets(watchdogFacts(NOW, [agentFacts(def, { monthToDate: 8 })])))).toEqual(['budget_warn:a:2026-05']);
    expect(keys(budgets(watchdogFacts(NOW, [agentFacts(def, { monthToDate: 10.01, mode: 'paused' })])))).toEqual([
      'budget_warn:a:2026-05',
      'budget_reached:a:2026-05',
    ]);
    expect(budgets(watchdogFacts(NOW, [agentFacts(def, { monthToDate: 50, mode: 'disabled' })]))).toEqual([]);
  });
});

describe('cost anomaly', () => {
  const def = definition('a', {});
  test('on course for more than 3× last month, once the month is old enough and the spend big enough', () => {
    // 19.5 of 31 days elapsed (May 20, noon): $10 so far projects to ~$15.9
    expect(keys(costAnomalies(watchdogFacts(NOW, [agentFacts(def, { monthToDate: 10, lastMonth: 5 })])))).toEqual([
      'cost_anomaly:a:2026-05',
    ]);
    expect(costAnomalies(watchdogFacts(NOW, [agentFacts(def, { monthToDate: 10, lastMonth: 6 })]))).toEqual([]);
    // the 2nd of the month: $1 projects to $15 but the month is too young to tell
    expect(
      costAnomalies(watchdogFacts('2026-05-02T12:00:00Z', [agentFacts(def, { monthToDate: 1, lastMonth: 1 })])),
    ).toEqual([]);
    // pennies are noise; nothing last month is nothing to compare with
    expect(costAnomalies(watchdogFacts(NOW, [agentFacts(def, { monthToDate: 0.5, lastMonth: 0.01 })]))).toEqual([]);
    expect(costAnomalies(watchdogFacts(NOW, [agentFacts(def, { monthToDate: 10, lastMonth: 0 })]))).toEqual([]);
  });

  test('the same rule as `costs`: a run costing twice what it did, and real money after a month of free runs, alert too', () => {
    // the 2nd of the month: one $1.20 run against last month's 30 runs at $0.10
    const perRun = costAnomalies(
      watchdogFacts('2026-05-02T12:00:00Z', [
        agentFacts(def, { monthToDate: 1.2, lastMonth: 3, billableRuns: { month: 1, lastMonth: 30 } }),
      ]),
    );
    expect(keys(perRun)).toEqual(['cost_anomaly:a:2026-05']);
    expect(perRun[0]!.message).toBe("a: a run costs $1.20, 12.0× 2026-04's $0.10");
    expect(perRun[0]!.details).toMatchObject({
      kinds: ['cost_per_run'],
      cost_per_run_usd: 1.2,
      last_cost_per_run_usd: 0.1,
    });
    // 30 runs last month that cost nothing, $10 now
    const wasFree = costAnomalies(
      watchdogFacts(NOW, [
        agentFacts(def, { monthToDate: 10, lastMonth: 0, billableRuns: { month: 20, lastMonth: 30 } }),
      ]),
    );
    expect(wasFree[0]!.details).toMatchObject({ kinds: ['month_over_month'] });
    expect(wasFree[0]!.message).toMatch(
      /^a is on course for \$15\.\d\d in 2026-05; its 30 runs in 2026-04 cost nothing$/,
    );
    // disabled agents are not alerted on, whatever they spent
    expect(
      costAnomalies(watchdogFacts(NOW, [agentFacts(def, { monthToDate: 10, lastMonth: 1, mode: 'disabled' })])),
    ).toEqual([]);
  });
});

describe('scheduler down', () => {
  const cron = definition('c', { trigger: { cron: '0 2 * * *' } });
  const watch = definition('w', { trigger: { watch: { path: '/tmp/x' } } });
  const now = new Date(NOW);
  const ago = (ms: number) => new Date(now.getTime() - ms);
  test('a heartbeat older than 3 minutes while cron agents are enabled', () => {
    expect(
      schedulerDown(
        watchdogFacts(NOW, [agentFacts(cron)], { scheduler: { beatAt: ago(170_000), stoppedAt: null, pid: 9 } }),
      ),
    ).toEqual([]);
    const [down] = schedulerDown(
      watchdogFacts(NOW, [agentFacts(cron)], { scheduler: { beatAt: ago(190_000), stoppedAt: null, pid: 9 } }),
    );
    expect(down).toMatchObject({ key: 'scheduler_down', agent: null, severity: 'critical' });
    const stopped = schedulerDown(
      watchdogFacts(NOW, [agentFacts(cron)], { scheduler: { beatAt: ago(600_000), stoppedAt: ago(600_000), pid: 9 } }),
    );
    expect(stopped[0]!.message).toContain('was stopped at');
  });

  test('a clean stop is down at once: its last beat is fresh, but nothing will beat again', () => {
    const [down, ...more] = schedulerDown(
      watchdogFacts(NOW, [agentFacts(cron)], { scheduler: { beatAt: ago(10_000), stoppedAt: ago(10_000), pid: 9 } }),
    );
    expect(more).toEqual([]);
    expect(down).toMatchObject({ key: 'scheduler_down', agent: null, severity: 'critical' });
    expect(down!.message).toBe(
      `the scheduler is down: nightshift daemon was stopped at ${formatWall(ago(10_000), 'UTC')}, and 1 cron agent(s) depend on it`,
    );
    // stopped with nothing for it to start is not an alert
    expect(
      schedulerDown(
        watchdogFacts(NOW, [agentFacts(watch)], { scheduler: { beatAt: ago(10_000), stoppedAt: ago(10_000), pid: 9 } }),
      ),
    ).toEqual([]);
  });

  test('a daemon whose process is gone from this host is down at once, as status says, however fresh its last beat', () => {
    const gone = { beatAt: ago(10_000), stoppedAt: null, pid: 9, process: 'gone' as const };
    const [down] = schedulerDown(watchdogFacts(NOW, [agentFacts(cron)], { scheduler: gone }));
    expect(down!.message).toBe(
      `the scheduler is down: nightshift daemon last beat at ${formatWall(ago(10_000), 'UTC')} (pid 9, its process is gone), and 1 cron agent(s) depend on it`,
    );
    expect(schedulerDown(watchdogFacts(NOW, [agentFacts(cron)], { scheduler: { ...gone, process: 'alive' } }))).toEqual(
      [],
    );
    expect(
      schedulerDown(watchdogFacts(NOW, [agentFacts(cron)], { scheduler: { ...gone, process: 'unknown' } })),
    ).toEqual([]);
  });

  test('never started: down once the oldest cron agent has existed for 3 minutes', () => {
    const never = { beatAt: null, stoppedAt: null, pid: null };
    expect(
      schedulerDown(watchdogFacts(NOW, [agentFacts(cron, { definedAt: ago(60_000) })], { scheduler: never })),
    ).toEqual([]);
    expect(
      keys(schedulerDown(watchdogFacts(NOW, [agentFacts(cron, { definedAt: ago(200_000) })], { scheduler: never }))),
    ).toEqual(['scheduler_down']);
  });

  test('no alert when Kubernetes starts the runs (check in the watchdog pod of export k8s)', () => {
    const never = { beatAt: null, stoppedAt: null, pid: null };
    const old = agentFacts(cron, { definedAt: ago(3_600_000) });
    expect(keys(schedulerDown(watchdogFacts(NOW, [old], { scheduler: never })))).toEqual(['scheduler_down']);
    expect(schedulerDown(watchdogFacts(NOW, [old], { scheduler: never, externalScheduler: 'kubernetes' }))).toEqual([]);
  });

  test('no alert with plain cron in use, without enabled cron agents, or under the global stop', () => {
    const stale = { beatAt: ago(3_600_000), stoppedAt: null, pid: 9 };
    expect(schedulerDown(watchdogFacts(NOW, [agentFacts(cron)], { scheduler: stale, plainCron: true }))).toEqual([]);
    expect(
      schedulerDown(
        watchdogFacts(NOW, [agentFacts(watch), agentFacts(cron, { mode: 'paused' })], { scheduler: stale }),
      ),
    ).toEqual([]);
    expect(
      schedulerDown(
        watchdogFacts(NOW, [agentFacts(cron)], { scheduler: stale, global: { stopped: true, since: ago(1000) } }),
      ),
    ).toEqual([]);
  });
});

describe('review overdue', () => {
  const weekly = definition('a', { review: 'weekly' });
  test('no review mark within the cadence + 2 days; a new agent counts from its first run; none never', () => {
    const now = new Date(NOW).getTime();
    const days = (n: number) => new Date(now - n * 86_400_000);
    expect(reviewsOverdue(watchdogFacts(NOW, [agentFacts(weekly, { lastReviewAt: days(8.9) })]))).toEqual([]);
    expect(keys(reviewsOverdue(watchdogFacts(NOW, [agentFacts(weekly, { lastReviewAt: days(9.1) })])))).toEqual([
      'review_overdue:a',
    ]);
    expect(reviewsOverdue(watchdogFacts(NOW, [agentFacts(weekly, { firstRunAt: days(5) })]))).toEqual([]);
    expect(keys(reviewsOverdue(watchdogFacts(NOW, [agentFacts(weekly, { firstRunAt: days(10) })])))).toEqual([
      'review_overdue:a',
    ]);
    expect(reviewsOverdue(watchdogFacts(NOW, [agentFacts(weekly)]))).toEqual([]);
    expect(
      reviewsOverdue(watchdogFacts(NOW, [agentFacts(definition('n', { review: 'none' }), { firstRunAt: days(400) })])),
    ).toEqual([]);
    expect(reviewsOverdue(watchdogFacts(NOW, [agentFacts(weekly, { firstRunAt: days(30), mode: 'paused' })]))).toEqual(
      [],
    );
  });
});

describe('a rule that throws', () => {
  const facts = watchdogFacts(
    NOW,
    ['a', 'b', 'c'].map((name) => agentFacts(definition(name, {}))),
  );
  const eachAgent: Rule = function eachAgent(f) {
    return f.agents.map((agent) => {
      if (agent.name === 'b') throw new RangeError('bad zone');
      return condition('non_ok', `non_ok:${agent.name}`, agent.name, agent.name);
    });
  };

  test('for one agent: a fault of that agent; the others keep their conditions from that rule, and every other rule runs', () => {
    const outcome = evaluateRules(facts, [eachAgent, budgets]);
    expect(keys(outcome.conditions)).toEqual(['non_ok:a', 'non_ok:c']);
    expect(outcome.faults).toEqual([
      {
        agent: 'b',
        stage: 'alert rule eachAgent',
        message: 'b: could not work out its alert rule eachAgent: bad zone',
      },
    ]);
    expect(outcome.failed).toEqual([]);
  });

  test('for the fleet (with no agent at all): a failed rule, blamed on no agent', () => {
    const broken: Rule = function broken() {
      throw new Error('bug');
    };
    const outcome = evaluateRules(facts, [broken, eachAgent]);
    expect(outcome.failed).toEqual(['alert rule broken failed: bug']);
    expect(outcome.faults.map((f) => f.agent)).toEqual(['b']);
    expect(keys(outcome.conditions)).toEqual(['non_ok:a', 'non_ok:c']);
  });
});
