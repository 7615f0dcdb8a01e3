import type { MonthTotals } from '../../journal/index.js';
import { roundCents, roundUsd, usdFine } from '../../shared/index.js';
import { monthRange, previousMonth } from '../../shared/index.js';
import { condition, type Condition } from '../conditions.js';
import type { WatchdogFacts } from '../facts.js';

/**
 * The cost anomaly (seed: "an agent that used to cost $3 and now costs $30"),
 * the one rule for `check`'s alert, `nightshift costs` and the console's
 * Costs view, so all three flag the same drifts. Two signs of a cost drifting:
 *
 * - month over month: the month (projected linearly on its elapsed fraction,
 *   or final once over) more than ANOMALY_RATIO × the last one; or, when the
 *   agent ran all last month for nothing (a local model, an extractive
 *   runner), any real spend now: a change of kind;
 * - cost per run: a run costing PER_RUN_RATIO × what it did last month.
 *
 * Nothing under ANOMALY_FLOOR_USD is flagged: pennies tripling is noise. In
 * the first PROJECT_FROM_DAYS of a month the projection multiplies a day or
 * two of noise, so what was already spent is judged instead. An agent that
 * never ran last month has nothing to compare with.
 */
export const ANOMALY_RATIO = 3;
export const PER_RUN_RATIO = 2;
export const ANOMALY_FLOOR_USD = 1;
export const PROJECT_FROM_DAYS = 3;

const DAY_MS = 86_400_000;

export type CostAnomalyKind = 'month_over_month' | 'cost_per_run';

export interface CostAnomaly {
  kind: CostAnomalyKind;
  /** null: nothing was spent last month to compare with */
  ratio: number | null;
  /** what drifted, in words, without the agent's name: "is on course for $30.00 in 2026-11, 10.0× 2026-10's $3.00" */
  message: string;
}

/** How far a month has gone in a zone: 1 once it is over. */
export interface MonthElapsed {
  fraction: number;
  /** days gone, to two decimals */
  days: number;
  daysInMonth: number;
}

export function monthElapsed(month: string, now: Date, timezone: string): MonthElapsed {
  const { start, end } = monthRange(month, timezone);
  const length = end.getTime() - start.getTime();
  const gone = Math.min(length, Math.max(0, now.getTime() - start.getTime()));
  return { fraction: gone / length, days: round2(gone / DAY_MS), daysInMonth: Math.round(length / DAY_MS) };
}

export interface CostJudgementInput {
  /** "YYYY-MM" judged, and the one before it */
  month: string;
  lastMonth: string;
  elapsed: MonthElapsed;
  current: Pick<MonthTotals, 'costUsd' | 'billableRuns'>;
  last: Pick<MonthTotals, 'costUsd' | 'billableRuns'>;
}

/** The figures the rule judges, rounded as they are stored and shown, and what it found. */
export interface CostJudgement {
  monthToDate: number;
  /** linear on the elapsed fraction of the month; equal to monthToDate for a month that is over */
  projected: number;
  lastMonth: number;
  costPerRun: number | null;
  lastCostPerRun: number | null;
  anomalies: CostAnomaly[];
}

/** Pure: one agent's month against the last one. */
export function judgeCosts(input: CostJudgementInput): CostJudgement {
  const { month, lastMonth: lastKey, elapsed, current, last } = input;
  const complete = elapsed.fraction >= 1;
  const monthToDate = roundUsd(current.costUsd);
  const projected = complete || elapsed.fraction <= 0 ? monthToDate : roundUsd(current.costUsd / elapsed.fraction);
  const lastMonth = roundUsd(last.costUsd);
  const costPerRun = perRun(current);
  const lastCostPerRun = perRun(last);
  const judgement: CostJudgement = { monthToDate, projected, lastMonth, costPerRun, lastCostPerRun, anomalies: [] };

  const judged = complete || elapsed.days >= PROJECT_FROM_DAYS ? projected : monthToDate;
  if (judged < ANOMALY_FLOOR_USD) return judgement;
  const how = spendWords(judged, month, { complete, projected: judged === projected });
  if (lastMonth > 0 && judged > ANOMALY_RATIO * lastMonth) {
    const ratio = judged / lastMonth;
    judgement.anomalies.push({
      kind: 'month_over_month',
      ratio: round2(ratio),
      message: `${how}, ${ratio.toFixed(1)}× ${lastKey}'s ${usdFine(lastMonth)}`,
    });
  } else if (lastMonth === 0 && last.billableRuns > 0) {
    judgement.anomalies.push({
      kind: 'month_over_month',
      ratio: null,
      message: `${how}; its ${last.billableRuns} runs in ${lastKey} cost nothing`,
    });
  }
  if (
    costPerRun !== null &&
    lastCostPerRun !== null &&
    lastCostPerRun > 0 &&
    costPerRun >= PER_RUN_RATIO * lastCostPerRun
  ) {
    const ratio = costPerRun / lastCostPerRun;
    judgement.anomalies.push({
      kind: 'cost_per_run',
      ratio: round2(ratio),
      message: `a run costs ${usdFine(costPerRun)}, ${ratio.toFixed(1)}× ${lastKey}'s ${usdFine(lastCostPerRun)}`,
    });
  }
  return judgement;
}

/** What an agent's anomalies say, as one phrase: "is on course for …; a run costs …". */
export function anomalyText(anomalies: readonly CostAnomaly[]): string {
  return anomalies.map((anomaly) => anomaly.message).join('; ');
}

/** The phrase about the agent: "research-digest is on course for …", "research-digest: a run costs …". */
export function anomalySentence(agent: string, text: string): string {
  // the month's messages start with a verb ("is on course…", "has spent…", "cost…"), the cost per run with a clause
  return `${agent}${/^(is|has|cost) /.test(text) ? ' ' : ': '}${text}`;
}

/** `check`'s rule: an alert per agent and month the judgement flags; disabled agents are not alerted on. */
export function costAnomalies(facts: WatchdogFacts): Condition[] {
  const elapsed = monthElapsed(facts.month, facts.now, facts.timezone);
  const lastKey = previousMonth(facts.month);
  const out: Condition[] = [];
  for (const agent of facts.agents) {
    if (agent.mode === 'disabled' || agent.mode === 'retired') continue;
    const judgement = judgeCosts({
      month: facts.month,
      lastMonth: lastKey,
      elapsed,
      current: { costUsd: agent.monthToDate, billableRuns: agent.billableRuns.month },
      last: { costUsd: agent.lastMonth, billableRuns: agent.billableRuns.lastMonth },
    });
    if (judgement.anomalies.length > 0) out.push(costAnomalyCondition(agent.name, facts.month, judgement));
  }
  return out;
}

/**
 * The alert for a judgement that found something: one per agent and month, its
 * words and figures. A projection moves with the clock between runs: its text
 * counts as changed (an `update`) only when the spend, the kinds of drift or
 * the way it is judged (spent so far, on course, final) changed.
 */
export function costAnomalyCondition(agent: string, month: string, judgement: CostJudgement): Condition {
  const found = condition(
    'cost_anomaly',
    `cost_anomaly:${agent}:${month}`,
    agent,
    anomalySentence(agent, anomalyText(judgement.anomalies)),
    {
      month,
      month_to_date_usd: judgement.monthToDate,
      projected_usd: roundCents(judgement.projected),
      last_month_usd: judgement.lastMonth,
      cost_per_run_usd: judgement.costPerRun,
      last_cost_per_run_usd: judgement.lastCostPerRun,
      kinds: judgement.anomalies.map((anomaly) => anomaly.kind),
      ratio: ANOMALY_RATIO,
    },
  );
  return { ...found, sameText: (recorded) => sameFigures(found, recorded) };
}

function sameFigures(found: Condition, recorded: { message: string; details?: Record<string, unknown> }): boolean {
  const before = recorded.details ?? {};
  const now = found.details ?? {};
  const judgedAs = (message: string): string => message.split('$')[0] ?? message;
  return (
    before.month_to_date_usd === now.month_to_date_usd &&
    JSON.stringify(before.kinds) === JSON.stringify(now.kinds) &&
    judgedAs(recorded.message) === judgedAs(found.message)
  );
}

function perRun(month: Pick<MonthTotals, 'costUsd' | 'billableRuns'>): number | null {
  return month.billableRuns > 0 ? roundUsd(month.costUsd / month.billableRuns) : null;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** How a month's judged spend is said: spent in a finished month, on course for a projection, or spent so far. */
function spendWords(judged: number, month: string, how: { complete: boolean; projected: boolean }): string {
  if (how.complete) return `cost ${usdFine(judged)} in ${month}`;
  if (how.projected) return `is on course for ${usdFine(judged)} in ${month}`;
  return `has spent ${usdFine(judged)} in ${month} already`;
}
