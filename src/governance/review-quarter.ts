import type { FleetSnapshot } from '../fleet/index.js';
import type { QuarterAnswer, ReviewRecord, RunTrail } from '../journal/index.js';
import { sparkline } from './costs-render.js';
import { dayKey, UsageError } from '../shared/index.js';
import type { RunStatus } from '../journal/index.js';

/**
 * The quarterly review (issue 17 part 4): per agent, four questions with the
 * evidence beside each, and the answer the team gave (keep, tune, retire).
 * Every number comes from the journal index's day rows (totalsOfDays,
 * monthTotals) and its kept recent runs, never from a scan of journal lines.
 * A quarter is whole local days in the home's zone; the current quarter ends today.
 */
export interface Quarter {
  key: string;
  months: [string, string, string];
  fromDay: string;
  /** the quarter's last day, or today when the quarter is not over */
  toDay: string;
  complete: boolean;
}

export type Trend = 'rising' | 'falling' | 'flat' | 'none';

export interface QuarterAgent {
  name: string;
  owner: string | null;
  state: string;
  needed: { runs: number; lastRunAt: string | null; lastReviewAt: string | null; lastReviewBy: string | null };
  worth: {
    months: Array<{ month: string; costUsd: number }>;
    sparkline: string;
    trend: Trend;
    costUsd: number;
    costPerOkRunUsd: number | null;
  };
  healthy: {
    runs: number;
    ok: number;
    nonOk: number;
    skipped: number;
    nonOkShare: number | null;
    failureStreak: number;
  };
  /** the last OK runs' output sizes (up to 10, oldest first: the index keeps them) */
  right: { okSizes: number[]; sizeTrend: Trend; concern: boolean; lastNote: string | null };
  /** the answer recorded for this quarter, the newest if several */
  answer: { answer: QuarterAnswer; by: string; at: string; note: string | null } | null;
}

export interface QuarterReview {
  quarter: Quarter;
  timezone: string;
  generatedAt: string;
  agents: QuarterAgent[];
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** `text` like 2026-Q4, or the quarter `now` is in (home zone). */
export function parseQuarter(text: string | undefined, now: Date, timezone: string): Quarter {
  const today = dayKey(now, timezone);
  let year: number;
  let q: number;
  if (text === undefined) {
    year = Number(today.slice(0, 4));
    q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  } else {
    const match = QUARTER.exec(text.trim());
    if (!match)
      throw new UsageError(`--quarter: "${text}" is not a quarter: expected YYYY-Qn, like 2026-Q4`, {
        field: '--quarter',
        expected: 'YYYY-Q1 … YYYY-Q4',
        actual: text,
      });
    year = Number(match[1]);
    q = Number(match[2]);
  }
  const first = (q - 1) * 3 + 1;
  const months = [0, 1, 2].map((i) => `${year}-${String(first + i).padStart(2, '0')}`) as [string, string, string];
  const lastDay = new Date(Date.UTC(year, first + 2, 0)).getUTCDate();
  const end = `${months[2]}-${String(lastDay).padStart(2, '0')}`;
  const fromDay = `${months[0]}-01`;
  if (fromDay > today)
    throw new UsageError(`--quarter: ${year}-Q${q} has not begun (today is ${today} in ${timezone})`, {
      field: '--quarter',
      expected: `a quarter up to ${year}-Q${q}`,
      actual: `${year}-Q${q}`,
    });
  const complete = end < today;
  return { key: `${year}-Q${q}`, months, fromDay, toDay: complete ? end : today, complete };
}

/** Last against first, with a 10% band for "flat": a quarter's three months, or a run of output sizes. */
export function trendOf(values: readonly number[]): Trend {
  if (values.length < 2) return 'none';
  const first = values[0] as number;
  const last = values.at(-1) as number;
  if (first === 0 && last === 0) return 'flat';
  const base = Math.max(Math.abs(first), Math.abs(last));
  if (Math.abs(last - first) <= base * 0.1) return 'flat';
  return last > first ? 'rising' : 'falling';
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Oldest half's median against newest half's: one odd output does not make a trend. */
function sizeTrend(oldestFirst: readonly number[]): Trend {
  if (oldestFirst.length < 2) return 'none';
  const half = Math.floor(oldestFirst.length / 2);
  return trendOf([median(oldestFirst.slice(0, half)), median(oldestFirst.slice(-half))]);
}

export interface QuarterInputs {
  snapshot: FleetSnapshot;
  trail: Pick<RunTrail, 'totalsOfDays' | 'monthTotals' | 'lastRun' | 'lastOkOutputSizes' | 'failureStreak'>;
  reviews: readonly ReviewRecord[];
  quarter: Quarter;
  now: Date;
}

/** Pure: the review of every agent of the fleet, retired ones included (their quarter still happened). */
export function buildQuarterReview(inputs: QuarterInputs): QuarterReview {
  const { snapshot, trail, quarter } = inputs;
  const agents = snapshot.agents.map((agent): QuarterAgent => {
    const name = agent.name;
    const days = trail.totalsOfDays(name, quarter.fromDay, quarter.toDay);
    const count = (status: RunStatus) => days.byStatus[status] ?? 0;
    const ok = count('OK');
    const skipped = count('SKIPPED');
    const real = days.runs - skipped;
    const totals = trail.monthTotals(name, quarter.months);
    const months = quarter.months.map((month) => ({ month, costUsd: totals.get(month)?.costUsd ?? 0 }));
    const costUsd = months.reduce((sum, m) => sum + m.costUsd, 0);
    const mine = inputs.reviews.filter((r) => r.agent === name).sort((a, b) => a.at.localeCompare(b.at));
    const lastMark = mine.at(-1) ?? null;
    const answered = mine.filter((r) => r.quarter === quarter.key && r.answer !== undefined).at(-1) ?? null;
    const sizes = trail.lastOkOutputSizes(name);
    return {
      name,
      owner: agent.owner,
      state: agent.operator.state === 'retired' ? 'retired' : agent.display,
      needed: {
        runs: days.runs,
        lastRunAt: trail.lastRun(name)?.started_at ?? null,
        lastReviewAt: lastMark?.at ?? null,
        lastReviewBy: lastMark?.by ?? null,
      },
      worth: {
        months,
        sparkline: sparkline(months.map((m) => m.costUsd)),
        trend: trendOf(
          quarter.complete
            ? months.map((m) => m.costUsd)
            : months.slice(0, elapsedMonths(quarter)).map((m) => m.costUsd),
        ),
        costUsd,
        costPerOkRunUsd: ok > 0 ? costUsd / ok : null,
      },
      healthy: {
        runs: days.runs,
        ok,
        nonOk: real - ok,
        skipped,
        nonOkShare: real > 0 ? (real - ok) / real : null,
        failureStreak: trail.failureStreak(name),
      },
      right: {
        okSizes: sizes,
        sizeTrend: sizeTrend(sizes),
        concern: lastMark?.concern ?? false,
        lastNote: lastMark?.note ?? null,
      },
      answer: answered
        ? { answer: answered.answer as QuarterAnswer, by: answered.by, at: answered.at, note: answered.note }
        : null,
    };
  });
  return { quarter, timezone: snapshot.timezone, generatedAt: inputs.now.toISOString(), agents };
}

/** Months of the quarter begun by its last counted day: a trend over a month not yet begun would read as a fall. */
function elapsedMonths(quarter: Quarter): number {
  return quarter.months.filter((month) => month <= quarter.toDay.slice(0, 7)).length;
}

/** `agent=keep` → the pair; anything else a UsageError naming the flag. */
export function parseAnswer(text: string, known: ReadonlySet<string>): { agent: string; answer: QuarterAnswer } {
  const match = /^([a-z0-9][a-z0-9-]{0,62})=(keep|tune|retire)$/.exec(text.trim());
  if (!match)
    throw new UsageError(
      `--answer: "${text}" is not an answer: expected <agent>=keep, <agent>=tune or <agent>=retire`,
      {
        field: '--answer',
        expected: '<agent>=keep|tune|retire',
        actual: text,
      },
    );
  const agent = match[1] as string;
  if (!known.has(agent))
    throw new UsageError(`--answer: no agent "${agent}" in this home`, {
      field: '--answer',
      expected: [...known].join(', '),
      actual: agent,
    });
  return { agent, answer: match[2] as QuarterAnswer };
}
