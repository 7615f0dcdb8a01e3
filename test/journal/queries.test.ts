import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runRecordSchema, type RunRecord, type RunStatus } from '../../src/journal/records.js';
import { openRunTrail } from '../../src/journal/trail.js';
import { billableRuns } from '../../src/journal/month-totals.js';
import { makeRun, seeded } from './support/random-runs.js';
import { useTempDir } from './support/temp-dir.js';

const tempDir = useTempDir();
const random = seeded(71);

function run(agent: string, endedAt: string, status: RunStatus, cost: number, size = 100): RunRecord {
  return runRecordSchema.parse(
    makeRun(random, {
      agent,
      ended_at: endedAt,
      started_at: endedAt,
      duration_ms: 1000,
      status,
      cost_usd: cost,
      output_size_bytes: size,
    }),
  );
}

async function trailOf(runs: RunRecord[], timezone = 'Europe/Berlin') {
  const logs = tempDir();
  writeFileSync(join(logs, 'runs.jsonl'), `${runs.map((r) => JSON.stringify(r)).join('\n')}\n`);
  return openRunTrail(logs, { timezone });
}

describe('queries', () => {
  test('cost per agent per month counts months in the trail\u2019s zone and fills asked-for months with 0', async () => {
    const trail = await trailOf([
      run('alpha', '2026-01-31T22:30:00.000Z', 'OK', 1), // 23:30 in Berlin: January
      run('alpha', '2026-01-31T23:30:00.000Z', 'OK', 2), // 00:30 in Berlin: February
      run('alpha', '2026-02-10T10:00:00.000Z', 'ERROR', 4),
      run('beta', '2026-03-01T10:00:00.000Z', 'OK', 8),
    ]);
    expect(trail.costPerAgentPerMonth()).toEqual(
      new Map([
        [
          'alpha',
          new Map([
            ['2026-01', 1],
            ['2026-02', 6],
          ]),
        ],
        ['beta', new Map([['2026-03', 8]])],
      ]),
    );
    expect(trail.costPerAgentPerMonth(['2026-02', '2026-03'])).toEqual(
      new Map([
        [
          'alpha',
          new Map([
            ['2026-02', 6],
            ['2026-03', 0],
          ]),
        ],
        [
          'beta',
          new Map([
            ['2026-02', 0],
            ['2026-03', 8],
          ]),
        ],
      ]),
    );
    expect(trail.monthKeyOf(new Date('2026-01-31T23:30:00.000Z'))).toBe('2026-02');
  });

  test('recent runs are newest first, at most 30; the median of the last OK outputs feeds the output-drop alert', async () => {
    const runs = Array.from({ length: 40 }, (_, i) =>
      run('alpha', new Date(Date.UTC(2026, 0, 1, i)).toISOString(), i % 4 === 3 ? 'EMPTY' : 'OK', 0.1, 100 + i),
    );
    const trail = await trailOf(runs);
    expect(trail.recentRuns('alpha', 100)).toHaveLength(30);
    expect(trail.recentRuns('alpha', 2).map((r) => r.output_size_bytes)).toEqual([139, 138]);
    expect(trail.recentRuns('alpha', 0)).toEqual([]);
    expect(trail.recentRuns('nobody')).toEqual([]);
    const okSizes = runs
      .filter((r) => r.status === 'OK')
      .slice(-10)
      .map((r) => r.output_size_bytes);
    expect(trail.lastOkOutputSizes('alpha')).toEqual(okSizes);
    expect(trail.medianOkOutputSize('alpha')).toBe((okSizes[4]! + okSizes[5]!) / 2);
    expect(trail.medianOkOutputSize('nobody')).toBeUndefined();
  });

  test('days, weeks and today come from the daily summaries', async () => {
    const trail = await trailOf([
      run('alpha', '2026-04-13T08:00:00.000Z', 'OK', 1),
      run('alpha', '2026-04-15T08:00:00.000Z', 'ERROR', 2),
      run('beta', '2026-04-15T09:00:00.000Z', 'OK', 4),
      run('alpha', '2026-04-19T21:59:00.000Z', 'OK', 8), // Sunday 23:59 in Berlin
      run('alpha', '2026-04-19T22:01:00.000Z', 'OK', 16), // Monday 00:01
    ]);
    expect(trail.dailySummaries('alpha').map((d) => [d.day, d.runs, d.costUsd, d.byStatus])).toEqual([
      ['2026-04-13', 1, 1, { OK: 1 }],
      ['2026-04-15', 1, 2, { ERROR: 1 }],
      ['2026-04-19', 1, 8, { OK: 1 }],
      ['2026-04-20', 1, 16, { OK: 1 }],
    ]);
    const week = trail.totalsOfDays(null, '2026-04-13', '2026-04-19');
    expect([week.runs, week.costUsd, week.byStatus]).toEqual([4, 15, { OK: 3, ERROR: 1 }]);
    const today = trail.dayKeyOf(new Date('2026-04-19T22:30:00.000Z'));
    expect(trail.totalsOfDays('alpha', today, today).costUsd).toBe(16);
  });

  test("an agent's first day is its earliest, whatever order the runs were appended in", async () => {
    const trail = await trailOf([
      run('alpha', '2026-04-15T08:00:00.000Z', 'OK', 1),
      run('alpha', '2026-04-13T08:00:00.000Z', 'ERROR', 1), // a late writer: ended before the line above
      run('alpha', '2026-04-19T22:01:00.000Z', 'OK', 1),
    ]);
    expect(trail.firstRunDay('alpha')).toBe('2026-04-13');
    expect(trail.firstRunDay('nobody')).toBeUndefined();
  });

  test('the failure streak ignores skips and counts to the last OK', async () => {
    const trail = await trailOf([
      run('alpha', '2026-04-13T08:00:00.000Z', 'OK', 0),
      run('alpha', '2026-04-13T09:00:00.000Z', 'TIMEOUT', 0),
      run('alpha', '2026-04-13T10:00:00.000Z', 'SKIPPED', 0),
      run('alpha', '2026-04-13T11:00:00.000Z', 'ERROR', 0),
      run('beta', '2026-04-13T11:00:00.000Z', 'OK', 0),
    ]);
    expect(trail.failureStreak('alpha')).toBe(2);
    expect(trail.failureStreak('beta')).toBe(0);
    expect(trail.lastRun('alpha')?.status).toBe('ERROR');
  });
});

describe('month totals', () => {
  test('one fold for the fleet and `costs`: cost, runs, and runs that could cost (SKIPPED left out), per local month', async () => {
    const trail = await trailOf([
      run('alpha', '2026-01-31T23:30:00.000Z', 'OK', 2), // 00:30 in Berlin: February
      run('alpha', '2026-02-10T10:00:00.000Z', 'SKIPPED', 0),
      run('alpha', '2026-02-11T10:00:00.000Z', 'ERROR', 4),
      run('alpha', '2026-03-01T10:00:00.000Z', 'OK', 8),
    ]);
    expect(trail.monthTotals('alpha')).toEqual(
      new Map([
        ['2026-02', { costUsd: 6, runs: 3, billableRuns: 2 }],
        ['2026-03', { costUsd: 8, runs: 1, billableRuns: 1 }],
      ]),
    );
    expect(trail.costPerAgentPerMonth(['2026-02']).get('alpha')).toEqual(
      new Map([['2026-02', trail.monthTotals('alpha').get('2026-02')!.costUsd]]),
    );
    expect(billableRuns(5, { OK: 2, SKIPPED: 3 })).toBe(2);
  });
});
