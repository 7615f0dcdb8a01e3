import type { Limits } from '../agents/index.js';
import type { LimitName } from '../journal/index.js';
import { roundUsd, usd } from '../shared/index.js';

/**
 * When a run has gone too far (DESIGN §3 step 3). Pure: the watcher feeds it
 * what it has seen and ends the run on the first answer that is not null.
 * "Crossed" is strictly more than the limit for counts, cost and bytes (10
 * calls are allowed when the limit is 10), and reaching it for wall time.
 */
export interface Observed {
  elapsedMs: number;
  calls: number;
  toolCalls: number;
  costUsd: number;
  outputBytes: number;
}

export interface LimitHit {
  limit: LimitName;
  max: number;
  observed: number;
}

/** Checked in this order when one event crosses several: the cheapest signal to explain first. */
export function crossedLimit(observed: Observed, limits: Limits): LimitHit | null {
  if (observed.elapsedMs >= limits.time) return { limit: 'time', max: limits.time, observed: observed.elapsedMs };
  if (observed.calls > limits.calls) return { limit: 'calls', max: limits.calls, observed: observed.calls };
  if (observed.toolCalls > limits.tool_calls)
    return { limit: 'tool_calls', max: limits.tool_calls, observed: observed.toolCalls };
  if (observed.costUsd > limits.cost_usd)
    return { limit: 'cost_usd', max: limits.cost_usd, observed: roundUsd(observed.costUsd) };
  if (observed.outputBytes > limits.output_bytes)
    return { limit: 'output_bytes', max: limits.output_bytes, observed: observed.outputBytes };
  return null;
}

/**
 * The monthly budget is hard (DESIGN §2), so one run may not spend more than
 * what is left of it, even when its own cost limit is higher.
 */
export function effectiveLimits(limits: Limits, budgetLeftUsd: number | null): Limits {
  if (budgetLeftUsd === null || budgetLeftUsd >= limits.cost_usd) return limits;
  return { ...limits, cost_usd: roundUsd(Math.max(0, budgetLeftUsd)) };
}

/** What is left of the agent's month, as admit() found it before the run. */
export interface BudgetLeft {
  leftUsd: number;
  monthlyUsd: number;
}

/**
 * The one per-run cost ceiling of every runner (DESIGN §2): limits.cost_usd,
 * or what is left of the month's budget when that is less. The watch checks
 * it on every usage a runner reports, so a runner that reports cost as it
 * goes is stopped at it; `lowered` says why the ceiling is below the file's
 * limit, for the operator reading a COST_LIMIT (null when it is not).
 */
export function costCeiling(limits: Limits, budget: BudgetLeft | null): { limits: Limits; lowered: string | null } {
  const capped = effectiveLimits(limits, budget?.leftUsd ?? null);
  if (budget === null || capped.cost_usd >= limits.cost_usd) return { limits: capped, lowered: null };
  return {
    limits: capped,
    lowered:
      `the rest of the monthly budget: limits.cost_usd $${limits.cost_usd} lowered to $${capped.cost_usd}, ` +
      `${usd(Math.max(0, budget.leftUsd))} of the $${budget.monthlyUsd} budget left this month`,
  };
}

/**
 * A runner that also guards a limit itself (claude gets --max-turns from
 * limits.calls) stops the agent AT the limit and reports a failure. A run
 * that did not complete with its calls or cost at the limit ran into that
 * limit: the record says so, rather than RUNNER_FAILED.
 */
export function limitReachedByRunner(usage: { llmCalls: number; costUsd: number }, limits: Limits): LimitHit | null {
  if (usage.llmCalls >= limits.calls) return { limit: 'calls', max: limits.calls, observed: usage.llmCalls };
  if (limits.cost_usd > 0 && usage.costUsd >= limits.cost_usd)
    return { limit: 'cost_usd', max: limits.cost_usd, observed: roundUsd(usage.costUsd) };
  return null;
}
