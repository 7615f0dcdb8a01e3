/**
 * The alerts room (DESIGN §5): pure rules that turn the watchdog's facts into
 * conditions, the reconciler that turns conditions into open / resend /
 * resolve events against the open alerts, and the channels that deliver them.
 */
export { applyEvents, foldAlerts, openAlertsByAgent } from './open-alerts.js';
export type { OpenAlert } from './open-alerts.js';
export { condition, RESENT_RULES, RULE_SEVERITY } from './conditions.js';
export type { Condition, Severity } from './conditions.js';
export type { AgentFacts, SchedulerFacts, WatchdogFacts } from './facts.js';
export {
  ANOMALY_FLOOR_USD,
  ANOMALY_RATIO,
  anomalySentence,
  anomalyText,
  budgets,
  CADENCE_DAYS,
  costAnomalies,
  costAnomalyCondition,
  evaluateRules,
  judgeCosts,
  monthElapsed,
  lastStartOf,
  MIN_BASELINE_RUNS,
  missedRuns,
  nonOkRuns,
  outputDrop,
  PER_RUN_RATIO,
  PROJECT_FROM_DAYS,
  REVIEW_SLACK_DAYS,
  reviewsOverdue,
  RUN_RULES,
  runCost,
  schedulerDown,
  trackedSince,
  WATCHDOG_RULES,
} from './rules/index.js';
export type { CostAnomaly, CostAnomalyKind, CostJudgement, CostJudgementInput, MonthElapsed, Rule, RuleOutcome } from './rules/index.js';
export { formatWall } from './rules/wall-time.js';
export { reconcile } from './reconcile.js';
export type { ReconcileInput } from './reconcile.js';
export { eventText } from './event-text.js';
export { redactEvent } from './redact-event.js';
export { deliverEvents, reportChannelHealth } from './deliver.js';
export type { Delivery, DeliveryOptions } from './deliver.js';
export type { Channel, ChannelOptions } from './channels/channel.js';
export { ChannelError } from './channels/channel.js';
export { commandChannel } from './channels/command.js';
export { webhookChannel } from './channels/webhook.js';
export { channelsFromConfig } from './channels/from-config.js';
export { healthcheckUrl, ping, pingUrl } from './channels/healthchecks.js';
export type { PingKind, PingResult } from './channels/healthchecks.js';
