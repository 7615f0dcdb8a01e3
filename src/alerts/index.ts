/**
 * The alerts room (DESIGN §5): pure rules that turn the watchdog's facts into
 * conditions, the reconciler that turns conditions into open / resend /
 * resolve events against the open alerts, and the channels that deliver them.
 */
export { foldAlerts, openAlertsByAgent } from './open-alerts.js';
export type { OpenAlert } from './open-alerts.js';
export { condition } from './conditions.js';
export type { Condition } from './conditions.js';
export type { AgentFacts, WatchdogFacts } from './facts.js';
export {
  ANOMALY_FLOOR_USD,
  ANOMALY_RATIO,
  anomalySentence,
  anomalyText,
  CADENCE_DAYS,
  costAnomalyCondition,
  evaluateRules,
  judgeCosts,
  monthElapsed,
  lastStartOf,
  PER_RUN_RATIO,
  PROJECT_FROM_DAYS,
  REVIEW_SLACK_DAYS,
  RUN_RULES,
  trackedSince,
} from './rules/index.js';
export type { CostAnomaly, MonthElapsed, Rule } from './rules/index.js';
export { DEFAULT_MAX_DROP, driftKey, evalDrift, MIN_SCORE_HISTORY, SCORE_WINDOW, scoreFinding } from './rules/index.js';
export type { CaseScore, DriftFailure, EvalDriftFacts } from './rules/index.js';
export { formatWall } from './rules/wall-time.js';
export { reconcile } from './reconcile.js';
export { findOpenAlert } from './find-alert.js';
export { alertQuiet, holdReason, NOTHING_QUIET, quietText, withQuiet } from './quiet.js';
export type { AlertQuiet, QuietNote } from './quiet.js';
export { redactConditions } from './redact-event.js';
export { deliverEvents, reportChannelHealth } from './deliver.js';
export type { Channel } from './channels/channel.js';
export { channelsFromConfig } from './channels/from-config.js';
export { healthcheckUrl, ping } from './channels/healthchecks.js';
export type { PingKind, PingResult } from './channels/healthchecks.js';

/** Every rule `check` evaluates; missed runs bring the cron math with them (see rules/watchdog-rules.ts). */
export const loadWatchdogRules = (): Promise<typeof import('./rules/watchdog-rules.js')> =>
  import('./rules/watchdog-rules.js');
