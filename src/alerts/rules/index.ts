import type { Condition } from '../conditions.js';
import type { WatchdogFacts } from '../facts.js';
import { budgets } from './budget.js';
import { costAnomalies } from './cost-anomaly.js';
import { missedRuns } from './missed.js';
import { nonOkRuns } from './non-ok.js';
import { outputDrop } from './output-drop.js';
import { runCost } from './run-cost.js';
import { reviewsOverdue } from './review-overdue.js';
import { schedulerDown } from './scheduler-down.js';

export type Rule = (facts: WatchdogFacts) => Condition[];

/** Every rule `check` evaluates, in a fixed order. */
export const WATCHDOG_RULES: readonly Rule[] = [missedRuns, nonOkRuns, runCost, outputDrop, budgets, costAnomalies, schedulerDown, reviewsOverdue];

/** The rules that a finished run can change, evaluated right after it (afterRun). */
export const RUN_RULES: readonly Rule[] = [nonOkRuns, runCost, outputDrop, budgets];

export function evaluateRules(facts: WatchdogFacts, rules: readonly Rule[] = WATCHDOG_RULES): Condition[] {
  return rules.flatMap((rule) => rule(facts));
}

export { budgets, costAnomalies, missedRuns, nonOkRuns, outputDrop, reviewsOverdue, runCost, schedulerDown };
export { ANOMALY_RATIO, MIN_ELAPSED_DAYS, MIN_MONTH_TO_DATE_USD } from './cost-anomaly.js';
export { HEARTBEAT_STALE_MS } from './scheduler-down.js';
export { CADENCE_DAYS, REVIEW_SLACK_DAYS } from './review-overdue.js';
export { MIN_BASELINE_RUNS } from './output-drop.js';
export { lastStartOf, trackedSince } from './tracking.js';
