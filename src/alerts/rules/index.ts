import { agentFault, type AgentFault, forAgent } from '../../agents/index.js';
import { errorMessage } from '../../shared/index.js';
import type { Condition } from '../conditions.js';
import type { WatchdogFacts } from '../facts.js';
import { budgets } from './budget.js';
import { costAnomalies } from './cost-anomaly.js';
import { nonOkRuns } from './non-ok.js';
import { outputDrop } from './output-drop.js';
import { runCost } from './run-cost.js';
import { reviewsOverdue } from './review-overdue.js';
import { schedulerDown } from './scheduler-down.js';

export type Rule = (facts: WatchdogFacts) => Condition[];

/** The rules that a finished run can change, evaluated right after it (afterRun). */
export const RUN_RULES: readonly Rule[] = [nonOkRuns, runCost, outputDrop, budgets];

export interface RuleOutcome {
  conditions: Condition[];
  /** agents a rule threw for: their conditions of that rule are unknown, the others' are in `conditions` */
  faults: AgentFault[];
  /** rules that threw with no agent at all (a bug of the rule, not of an agent): nothing is known from them */
  failed: string[];
}

/**
 * Every rule over the facts. A rule that throws is asked again about each
 * agent alone, so the agents it fails for become faults of those agents and
 * every other agent gets its conditions as if nothing had happened. Only on
 * a throw does this cost more than one call per rule.
 */
export function evaluateRules(facts: WatchdogFacts, rules: readonly Rule[]): RuleOutcome {
  const outcome: RuleOutcome = { conditions: [], faults: [], failed: [] };
  for (const rule of rules) {
    try {
      outcome.conditions.push(...rule(facts));
      continue;
    } catch {
      // whose fault: the rule's own, or one agent's?
    }
    const stage = `alert rule ${rule.name || 'unnamed'}`;
    try {
      rule({ ...facts, agents: [] });
    } catch (error) {
      outcome.failed.push(`${stage} failed: ${errorMessage(error)}`);
      continue;
    }
    const healthy = facts.agents.filter((agent) => {
      const alone = forAgent(agent.name, stage, () => rule({ ...facts, agents: [agent] }));
      if (!alone.ok) outcome.faults.push(alone.fault);
      return alone.ok;
    });
    try {
      outcome.conditions.push(...rule({ ...facts, agents: healthy }));
    } catch (error) {
      // fine alone, failing together: nothing can be said for any of them
      for (const agent of healthy) outcome.faults.push(agentFault(agent.name, stage, error));
    }
  }
  return outcome;
}

export { budgets, costAnomalies, nonOkRuns, outputDrop, reviewsOverdue, runCost, schedulerDown };
export {
  ANOMALY_FLOOR_USD,
  ANOMALY_RATIO,
  anomalySentence,
  anomalyText,
  costAnomalyCondition,
  judgeCosts,
  monthElapsed,
  PER_RUN_RATIO,
  PROJECT_FROM_DAYS,
} from './cost-anomaly.js';
export type { CostAnomaly, CostAnomalyKind, CostJudgement, CostJudgementInput, MonthElapsed } from './cost-anomaly.js';
export { CADENCE_DAYS, REVIEW_SLACK_DAYS } from './review-overdue.js';
export { MIN_BASELINE_RUNS } from './output-drop.js';
export { DEFAULT_MAX_DROP, driftKey, evalDrift, MIN_SCORE_HISTORY, SCORE_WINDOW, scoreFinding } from './eval-drift.js';
export type { CaseScore, DriftFailure, EvalDriftFacts } from './eval-drift.js';
export { lastStartOf, trackedSince } from './tracking.js';
