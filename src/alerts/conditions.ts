import type { AlertEvent, AlertRule } from '../journal/index.js';

/**
 * A condition is what a rule finds true right now (DESIGN §5). It becomes an
 * alert only through the reconciler, which decides whether it is new, due to
 * be sent again, or gone (resolved).
 */
export type Severity = AlertEvent['severity'];

export interface Condition {
  /** stable identity: the same problem keeps the same key across checks */
  key: string;
  rule: AlertRule;
  agent: string | null;
  severity: Severity;
  message: string;
  details?: Record<string, unknown>;
  /**
   * false for facts that cannot change any more (one run's cost, a month's
   * budget crossing): opened once, never re-sent, resolved when they clear.
   */
  resend?: boolean;
  /**
   * Does the alert as last recorded still say what this condition says? When
   * not, the reconciler records an `update`. Default: the same message. A rule
   * whose words move with the clock alone (a projection) says which of its
   * figures matter, so its alert is not rewritten every minute.
   */
  sameText?: (recorded: { message: string; details?: Record<string, unknown> }) => boolean;
}

/** The order severities rise in: an alert whose severity rises is sent again at once. */
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export const RULE_SEVERITY: Record<AlertRule, Severity> = {
  missed: 'critical',
  non_ok: 'critical',
  run_cost: 'warning',
  output_drop: 'warning',
  budget_warn: 'warning',
  budget_reached: 'critical',
  cost_anomaly: 'warning',
  scheduler_down: 'critical',
  drift: 'warning',
  review_overdue: 'info',
  channel_failed: 'warning',
  config_invalid: 'critical',
};

/** The rules whose alerts describe something broken now: re-sent every `realert` while they last. */
export const RESENT_RULES: ReadonlySet<AlertRule> = new Set([
  'missed',
  'non_ok',
  'output_drop',
  'scheduler_down',
  'channel_failed',
  'config_invalid',
]);

export function condition(
  rule: AlertRule,
  key: string,
  agent: string | null,
  message: string,
  details?: Record<string, unknown>,
): Condition {
  return { key, rule, agent, severity: RULE_SEVERITY[rule], message, details, resend: RESENT_RULES.has(rule) };
}
