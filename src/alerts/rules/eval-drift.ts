import { median } from '../../journal/index.js';
import { condition, type Condition } from '../conditions.js';

/**
 * Drift seen by the evals (DESIGN §5, §7). Two pure parts:
 * - scoreFinding: does a case's content score say its output drifted? It
 *   does when the score is under the case's `min_similarity`, or when it fell
 *   more than `max_drop` below the median of the case's last scores (at
 *   least MIN_SCORE_HISTORY of them, since the baseline was last stored:
 *   scores against another baseline measure something else).
 * - evalDrift: the one `drift:<agent>` condition, open while any case of the
 *   agent fails (a check, the judge, or a finding above), gone when all pass.
 * Only `nightshift eval` evaluates it (the watchdog leaves drift to evals).
 */
export const SCORE_WINDOW = 5;
export const MIN_SCORE_HISTORY = 3;
export const DEFAULT_MAX_DROP = 0.15;

export interface CaseScore {
  /** this eval's content score; null when there was none (no baseline, no output) */
  score: number | null;
  /** the case's earlier scores since its baseline was stored, oldest first */
  history: readonly number[];
  min_similarity?: number;
  max_drop?: number;
}

export function scoreFinding(input: CaseScore): string | null {
  const { score } = input;
  if (score === null) return null;
  if (input.min_similarity !== undefined && score < input.min_similarity)
    return `content score ${score.toFixed(3)} is under min_similarity ${input.min_similarity}: the output no longer says what the baseline says`;
  const recent = input.history.slice(-SCORE_WINDOW);
  if (recent.length < MIN_SCORE_HISTORY) return null;
  const middle = median(recent) as number;
  const maxDrop = input.max_drop ?? DEFAULT_MAX_DROP;
  const drop = middle - score;
  // 1e-9: scores are rounded to 3 decimals, a drop of exactly max_drop is not more than it
  if (drop > maxDrop + 1e-9)
    return (
      `content score ${score.toFixed(3)} fell ${drop.toFixed(3)} below its median ${middle.toFixed(3)} ` +
      `of the last ${recent.length} evals (max_drop ${maxDrop})`
    );
  return null;
}

export interface DriftFailure {
  case: string;
  failures: string[];
}

export interface EvalDriftFacts {
  agent: string;
  /** the cases that fail this eval, each with its failures in words */
  failing: readonly DriftFailure[];
}

export function driftKey(agent: string): string {
  return `drift:${agent}`;
}

function message(agent: string, failing: readonly DriftFailure[]): string {
  const first = failing[0] as DriftFailure;
  const more = failing.length > 1 ? ` (and ${failing.length - 1} more case${failing.length === 2 ? '' : 's'})` : '';
  return `${agent} drifted: eval case ${first.case} fails: ${first.failures[0]}${more}; see nightshift eval ${agent}`;
}

export function evalDrift(facts: EvalDriftFacts): Condition[] {
  if (facts.failing.length === 0) return [];
  return [
    condition('drift', driftKey(facts.agent), facts.agent, message(facts.agent, facts.failing), {
      cases: facts.failing.map((f) => f.case),
    }),
  ];
}
