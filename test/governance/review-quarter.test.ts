import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cli } from '../support/cli.js';
import { makeScheduleHome, runRecord, type ScheduleHome } from '../support/schedule/home.js';
import type { RunRecord } from '../../src/journal/records.js';

/**
 * `nightshift review --quarter` on a generated home whose history ends at a
 * fixed "now" (2026-09-20, in Q3), never today's date: every figure of the
 * evidence is known in advance.
 */
let home: ScheduleHome;
const NOW = '2026-09-20T12:00';
const ns = (...args: string[]) => cli([...args, '--home', home.root, '--now', NOW]);

function day(month: number, date: number): Date {
  return new Date(Date.UTC(2026, month - 1, date, 9, 0));
}

function history(): RunRecord[] {
  const runs: RunRecord[] = [];
  // June is Q2: not counted
  runs.push(runRecord('digest', day(6, 30), { cost_usd: 9 }));
  // July: 10 OK runs at $0.10 = $1.00, outputs of 1000 bytes
  for (let d = 1; d <= 10; d++) runs.push(runRecord('digest', day(7, d), { cost_usd: 0.1, output_size_bytes: 1000 }));
  // August: 8 OK and 2 ERROR at $0.20 = $2.00
  for (let d = 1; d <= 10; d++)
    runs.push(
      runRecord('digest', day(8, d), {
        cost_usd: 0.2,
        output_size_bytes: 1000,
        ...(d > 8 ? { status: 'ERROR' as const, reason: 'upstream 503' } : {}),
      }),
    );
  // September so far: 5 OK at $0.60 = $3.00 with outputs twice the size, and one SKIPPED
  for (let d = 1; d <= 5; d++) runs.push(runRecord('digest', day(9, d), { cost_usd: 0.6, output_size_bytes: 2000 }));
  runs.push(runRecord('digest', day(9, 6), { status: 'SKIPPED', reason: 'paused', cost_usd: 0, llm_calls: 0 }));
  // quiet: two OK runs in July only, nothing since
  runs.push(runRecord('quiet', day(7, 2), { cost_usd: 0.05 }), runRecord('quiet', day(7, 3), { cost_usd: 0.05 }));
  return runs;
}

beforeEach(async () => {
  home = await makeScheduleHome('timezone: UTC\n');
  await home.writeAgent('digest', { review: 'none', owner: 'ana' });
  await home.writeAgent('quiet', { review: 'none' });
  await home.appendRuns(history());
});
afterEach(() => home.remove());

interface Review {
  quarter: { key: string; fromDay: string; toDay: string; complete: boolean };
  agents: Array<{
    name: string;
    needed: { runs: number; lastRunAt: string | null; lastReviewAt: string | null };
    worth: { months: Array<{ month: string; costUsd: number }>; sparkline: string; trend: string; costUsd: number };
    healthy: { runs: number; ok: number; nonOk: number; skipped: number; nonOkShare: number | null };
    right: { sizeTrend: string };
    answer: { answer: string; by: string; note: string | null } | null;
  }>;
}

describe('nightshift review --quarter', () => {
  test('the current quarter by default: four questions with evidence from the day rows', async () => {
    const ran = await ns('review', '--quarter', '--json');
    expect(ran.code, ran.stderr).toBe(0);
    const review = JSON.parse(ran.stdout) as Review;
    expect(review.quarter).toMatchObject({
      key: '2026-Q3',
      fromDay: '2026-07-01',
      toDay: '2026-09-20',
      complete: false,
    });
    const digest = review.agents.find((a) => a.name === 'digest')!;
    expect(digest.needed.runs).toBe(26);
    expect(digest.healthy).toMatchObject({ runs: 26, ok: 23, nonOk: 2, skipped: 1 });
    expect(digest.healthy.nonOkShare).toBeCloseTo(2 / 25, 6);
    expect(digest.worth.months.map((m) => [m.month, Number(m.costUsd.toFixed(2))])).toEqual([
      ['2026-07', 1],
      ['2026-08', 2],
      ['2026-09', 3],
    ]);
    expect(digest.worth.costUsd).toBeCloseTo(6, 6);
    expect(digest.worth.sparkline).toBe('▃▆█');
    expect(digest.worth.trend).toBe('rising');
    expect(digest.right.sizeTrend).toBe('rising');
    expect(digest.answer).toBeNull();
    const quiet = review.agents.find((a) => a.name === 'quiet')!;
    expect(quiet.needed.runs).toBe(2);
    expect(quiet.worth.trend).toBe('falling');

    const markdown = await ns('review', '--quarter', '2026-Q3');
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('# Quarterly review 2026-Q3');
    expect(markdown.stdout).toContain('## digest (ana)');
    expect(markdown.stdout).toContain('26 runs this quarter; last run 2026-09-06');
    expect(markdown.stdout).toContain('$6.00 this quarter (2026-07 $1.00, 2026-08 $2.00, 2026-09 $3.00) ▃▆█ rising');
    expect(markdown.stdout).toContain('2 of 25 runs not OK (8%), 1 skipped');
    expect(markdown.stdout).toContain('_not answered yet_');

    // the quarter before holds only the June run
    const q2 = JSON.parse((await ns('review', '--quarter', '2026-Q2', '--json')).stdout) as Review;
    expect(q2.quarter).toMatchObject({ toDay: '2026-06-30', complete: true });
    expect(q2.agents.find((a) => a.name === 'digest')!.needed.runs).toBe(1);
  });

  test('answers are recorded in reviews.jsonl with who, when, the quarter and the note, and shown', async () => {
    const answered = await ns(
      'review',
      '--quarter',
      '--answer',
      'digest=keep',
      'quiet=retire',
      '--note',
      'quiet has had no reader since July',
    );
    expect(answered.code, answered.stderr).toBe(0);
    expect(answered.stdout).toMatch(/Answer: \*\*keep\*\* \(\S+, 2026-09-20\): quiet has had no reader since July/);
    const lines = (await readFile(join(home.root, 'logs', 'reviews.jsonl'), 'utf8')).trim().split('\n');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({
      agent: 'quiet',
      quarter: '2026-Q3',
      answer: 'retire',
      note: 'quiet has had no reader since July',
      at: '2026-09-20T12:00:00.000Z',
    });
    expect(typeof records[1]!.by).toBe('string');
    const review = JSON.parse((await ns('review', '--quarter', '--json')).stdout) as Review;
    expect(review.agents.find((a) => a.name === 'quiet')!.answer).toMatchObject({ answer: 'retire' });
    expect(review.agents.find((a) => a.name === 'digest')!.needed.lastReviewAt).toBe('2026-09-20T12:00:00.000Z');
    // another quarter has no answer yet
    const q2 = JSON.parse((await ns('review', '--quarter', '2026-Q2', '--json')).stdout) as Review;
    expect(q2.agents.every((a) => a.answer === null)).toBe(true);
  });

  test('bad input is refused with the expected form', async () => {
    const bad = await ns('review', '--quarter', '2026-Q5');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected YYYY-Qn');
    const future = await ns('review', '--quarter', '2026-Q4');
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('has not begun');
    const answer = await ns('review', '--quarter', '--answer', 'digest=drop');
    expect(answer.code).toBe(2);
    expect(answer.stderr).toContain('<agent>=keep');
    const unknown = await ns('review', '--quarter', '--answer', 'nobody=keep');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no agent "nobody"');
  });
});
