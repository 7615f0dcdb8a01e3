import { condition, type Condition } from '../conditions.js';
import type { WatchdogFacts } from '../facts.js';
import { activeAgents, lastRealRun } from './tracking.js';
import { isNotOk } from '../../shared/index.js';

/**
 * Non-OK status: the agent's last `failures_before_alert` runs (SKIPPED ones
 * not counted) all ended other than OK. One key per agent; an OK run resolves it.
 */
export function nonOkRuns(facts: WatchdogFacts): Condition[] {
  const out: Condition[] = [];
  for (const agent of activeAgents(facts)) {
    const threshold = agent.definition.alerts.failures_before_alert;
    if (agent.failureStreak < threshold) continue;
    const last = lastRealRun(agent);
    if (!last || !isNotOk(last.status)) continue;
    const streak = agent.failureStreak === 1 ? 'its last run' : `its last ${agent.failureStreak} runs`;
    out.push(
      condition(
        'non_ok',
        `non_ok:${agent.name}`,
        agent.name,
        `${agent.name}: ${streak} ended ${last.status}${last.reason ? ` (${last.reason})` : ''}`,
        {
          status: last.status,
          reason: last.reason,
          run_id: last.run_id,
          ended_at: last.ended_at,
          streak: agent.failureStreak,
          failures_before_alert: threshold,
        },
      ),
    );
  }
  return out;
}
