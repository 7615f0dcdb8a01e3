import { expect } from 'vitest';
import { RECENT_RUNS } from '../../../src/journal/agent-summary.js';
import { STREAK_CAP } from '../../../src/journal/failure-streak.js';
import type { RunRecord } from '../../../src/journal/records.js';
import type { RunTrail } from '../../../src/journal/trail.js';
import {
  localDay,
  naiveDays,
  naiveOkSizes,
  naiveRecent,
  naiveStatusCounts,
  naiveStreak,
  naiveTrail,
  ofAgent,
} from './naive-trail.js';

const idOf = (run: RunRecord): string => `${run.run_id}@${run.ended_at}#${run.status}`;

/**
 * Asserts that every answer of the trail equals the answer of a full scan of
 * the journals as they are now. `ranges` are extra [from, to) to check the
 * time-range queries on.
 */
export async function expectMatchesFullScan(
  trail: RunTrail,
  logsDir: string,
  ranges: Array<[Date | undefined, Date | undefined]> = [],
): Promise<void> {
  const naive = await naiveTrail(logsDir);
  const timezone = trail.timezone;

  expect(trail.stats().map((stats) => [stats.name, stats.good, stats.bad])).toEqual(
    trail.files().map((file) => [file.name, expect.any(Number), naive.badPerFile.get(file.name) ?? 0]),
  );
  expect(trail.stats().reduce((sum, stats) => sum + stats.good, 0)).toBe(naive.good);
  expect(trail.badLineCount()).toBe(naive.bad);

  const agents = [...new Set(naive.runs.map((entry) => entry.run.agent))].sort();
  expect(trail.agents()).toEqual(agents);
  expect([...trail.lastRunPerAgent().entries()]).toEqual(
    agents.map((agent) => [agent, ofAgent(naive, agent).at(-1)?.run]),
  );

  for (const agent of agents) {
    expect(trail.recentRuns(agent)).toEqual(naiveRecent(naive, agent, RECENT_RUNS));
    expect(trail.recentRuns(agent, 3)).toEqual(naiveRecent(naive, agent, 3));
    expect([agent, trail.failureStreak(agent)]).toEqual([agent, naiveStreak(naive, agent, STREAK_CAP)]);
    expect(trail.lastOkOutputSizes(agent)).toEqual(naiveOkSizes(naive, agent));

    const days = naiveDays(naive, agent, timezone);
    const summaries = trail.dailySummaries(agent);
    expect(summaries.map((day) => day.day)).toEqual([...days.keys()].sort());
    for (const summary of summaries) {
      const day = days.get(summary.day);
      expect(summary).toMatchObject({ runs: day?.runs, durationMs: day?.durationMs, byStatus: day?.byStatus });
      expect(summary.costUsd).toBeCloseTo(day?.costUsd ?? Number.NaN, 9);
    }
    // the cost per day of a span in the middle of its history, as the costs report asks for it
    const keys = [...days.keys()].sort();
    const [first, last] = [keys[Math.floor(keys.length / 4)], keys[Math.floor((keys.length * 3) / 4)]];
    if (first !== undefined && last !== undefined) {
      const costs = trail.dailyCosts(agent, first, last);
      expect([...costs.keys()].sort()).toEqual(keys.filter((key) => key >= first && key <= last));
      for (const [key, cost] of costs) expect(cost).toBeCloseTo(days.get(key)?.costUsd ?? Number.NaN, 9);
    }
  }

  const months = trail.costPerAgentPerMonth();
  for (const agent of agents) {
    const expected = new Map<string, number>();
    for (const { run, ms } of ofAgent(naive, agent)) {
      const month = localDay(ms, timezone).slice(0, 7);
      expected.set(month, (expected.get(month) ?? 0) + run.cost_usd);
    }
    const got = months.get(agent) ?? new Map<string, number>();
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [month, cost] of expected) expect(got.get(month)).toBeCloseTo(cost, 9);
  }

  for (const [from, to] of [[undefined, undefined] as [undefined, undefined], ...ranges]) {
    const fromMs = from?.getTime() ?? Number.NEGATIVE_INFINITY;
    const toMs = to?.getTime() ?? Number.POSITIVE_INFINITY;
    for (const agent of [null, agents[0] ?? 'nobody']) {
      const counts = await trail.runsPerStatus(agent, from, to);
      const expected = naiveStatusCounts(naive, agent, fromMs, toMs);
      expect([from?.toISOString(), to?.toISOString(), agent, counts.byStatus]).toEqual([
        from?.toISOString(),
        to?.toISOString(),
        agent,
        expected,
      ]);
      expect(counts.total).toBe(Object.values(expected).reduce((sum, n) => sum + n, 0));
      if (from !== undefined && to !== undefined) {
        const inRange: string[] = [];
        for await (const run of trail.runsInRange(agent, from, to)) inRange.push(idOf(run));
        const wanted = naive.runs
          .filter(({ run, ms }) => (agent === null || run.agent === agent) && ms >= fromMs && ms < toMs)
          .map(({ run }) => idOf(run));
        expect(inRange.sort()).toEqual(wanted.sort());
      }
    }
  }
}
