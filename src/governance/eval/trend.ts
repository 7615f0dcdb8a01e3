import type { EvalRecord } from '../../journal/index.js';
import { median } from '../../journal/index.js';

/**
 * A case's content score over its last evals, for `eval --history` and the
 * console's agent view. Scores live on a fixed 0–1 scale, so the sparkline
 * is drawn against it (▁ is 0, █ is 1), never scaled to its own maximum:
 * a case that always scores 0.4 must not look perfect. An eval without a
 * score (no baseline yet, no output) is a `·`. Pure.
 */
export const HISTORY_EVALS = 10;
const BARS = '▁▂▃▄▅▆▇█';

export interface CaseTrend {
  case: string;
  /** oldest first; null where that eval had no score */
  scores: Array<number | null>;
  median: number | null;
  last: number | null;
  /** whether the last eval of the case passed */
  passed: boolean;
  at: string;
  min_similarity: number | null;
  /**
   * the last judge verdict, when the case has a judge, and the judge's scores
   * (0–10) over the same evals, oldest first (null: no verdict that time)
   */
  judge: { score: number | null; min_score: number; scores: Array<number | null>; sparkline: string } | null;
  sparkline: string;
}

export function scoreSpark(scores: ReadonlyArray<number | null>): string {
  return scores.map((score) => (score === null ? '·' : BARS[Math.max(0, Math.min(7, Math.round(score * 7)))])).join('');
}

export function caseTrend(name: string, records: readonly EvalRecord[], last = HISTORY_EVALS): CaseTrend | null {
  const recent = records.slice(-last);
  const newest = recent[recent.length - 1];
  if (!newest) return null;
  const scores = recent.map((record) => (typeof record.similarity === 'number' ? record.similarity : null));
  const known = scores.filter((score): score is number => score !== null);
  return {
    case: name,
    scores,
    median: median(known) ?? null,
    last: scores[scores.length - 1] ?? null,
    passed: newest.passed,
    at: newest.at,
    min_similarity: newest.min_similarity ?? null,
    judge: newest.judge ? judgeTrend(recent, newest.judge) : null,
    sparkline: scoreSpark(scores),
  };
}

/** The judge's 0–10 scores drawn on the same fixed scale as the content score (▁ 0, █ 10). */
function judgeTrend(
  recent: readonly EvalRecord[],
  last: NonNullable<EvalRecord['judge']>,
): NonNullable<CaseTrend['judge']> {
  const scores = recent.map((record) => record.judge?.score ?? null);
  return {
    score: last.score,
    min_score: last.min_score,
    scores,
    sparkline: scoreSpark(scores.map((score) => (score === null ? null : score / 10))),
  };
}

export function agentTrends(history: ReadonlyMap<string, readonly EvalRecord[]>, last = HISTORY_EVALS): CaseTrend[] {
  return [...history.keys()]
    .sort()
    .map((name) => caseTrend(name, history.get(name) ?? [], last))
    .filter((trend): trend is CaseTrend => trend !== null);
}

/** "0.912", or "—" for no score. */
export function scoreText(score: number | null): string {
  return score === null ? '—' : score.toFixed(3);
}
