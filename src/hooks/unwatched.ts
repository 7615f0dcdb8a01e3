import type { Condition, OpenAlert, WatchdogFacts } from '../alerts/index.js';
import type { ChangeRecord } from '../journal/index.js';

/**
 * When an alert closes because its agent stopped being watched (paused,
 * disabled, deleted, the global stop) rather than because it recovered, the
 * record says so: "resolved" would tell the operator something false.
 */
export function unwatchedReason(alert: OpenAlert, facts: WatchdogFacts): string | undefined {
  if (alert.rule === 'scheduler_down' || alert.rule === 'missed') {
    if (facts.global.stopped) return 'the global stop is on';
  }
  if (alert.rule === 'scheduler_down' && facts.plainCron && facts.cronDaemon !== 'absent')
    return 'plain cron runs this home';
  if (alert.agent === null) return undefined;
  const agent = facts.agents.find((a) => a.name === alert.agent);
  if (!agent) return `${alert.agent} has no valid definition any more`;
  if (agent.mode !== 'enabled') return `${agent.name} is ${agent.mode}`;
  return undefined;
}

/** The budget alert names the pause it caused, with its end. */
export function budgetPauseNote(reached: Condition, changes: readonly ChangeRecord[]): Condition {
  const pause = changes.find((change) => change.action === 'budget-pause' && change.agent === reached.agent);
  const until = (pause?.after as { paused_until?: string } | undefined)?.paused_until;
  return until ? { ...reached, details: { ...reached.details, paused_until: until } } : reached;
}
