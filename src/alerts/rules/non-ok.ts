import type { RunRecord } from '../../journal/index.js';
import { condition, type Condition } from '../conditions.js';
import type { AgentFacts, WatchdogFacts } from '../facts.js';
import { retryPending } from './retry-pending.js';
import { activeAgents, lastRealRun } from './tracking.js';
import { isNotOk, type RunStatus } from '../../shared/index.js';

/**
 * Non-OK status: the agent's last `failures_before_alert` runs (SKIPPED and
 * KILLED ones not counted: a refusal or an operator's kill is no failure) all
 * ended other than OK. One key per agent; an OK run resolves it. Its words
 * name every status of the streak, newest first, so they stay true as the
 * streak grows ("its last 3 runs ended OUTPUT_LIMIT, BAD_FORMAT and TIMEOUT").
 */
export function nonOkRuns(facts: WatchdogFacts): Condition[] {
  const out: Condition[] = [];
  for (const agent of activeAgents(facts)) {
    const threshold = agent.definition.alerts.failures_before_alert;
    if (agent.failureStreak < threshold) continue;
    const last = lastRealRun(agent);
    if (!last || !isNotOk(last.status)) continue;
    // a failed attempt that its retry policy follows with another: the alert waits for the last attempt
    if (retryPending(agent, facts.now)) continue;
    const streak = agent.failureStreak === 1 ? 'its last run' : `its last ${agent.failureStreak} runs`;
    const failures = streakRuns(agent);
    out.push(
      condition(
        'non_ok',
        `non_ok:${agent.name}`,
        agent.name,
        `${agent.name}: ${streak} ended ${streakWords(failures, agent.failureStreak)}`,
        {
          status: last.status,
          reason: last.reason,
          run_id: last.run_id,
          ended_at: last.ended_at,
          streak: agent.failureStreak,
          /** the streak's statuses, newest first (as far as the last 30 runs reach) */
          statuses: failures.map((run) => run.status),
          failures_before_alert: threshold,
        },
      ),
    );
  }
  return out;
}

/** The failed runs of the streak that the recent runs hold, newest first (SKIPPED and KILLED passed over). */
function streakRuns(agent: AgentFacts): RunRecord[] {
  const out: RunRecord[] = [];
  for (const run of agent.recentRuns) {
    if (out.length >= agent.failureStreak) break;
    if (run.status === 'OK') break;
    if (isNotOk(run.status)) out.push(run);
  }
  return out;
}

/**
 * "TIMEOUT (ran 5m, …)" for one status, the newest run's reason with it;
 * "OUTPUT_LIMIT (…), BAD_FORMAT and 3 × RUNNER_FAILED" for several, grouped
 * by status in the order they were last seen; "…, and earlier failures" when
 * the streak reaches past the recent runs.
 */
function streakWords(failures: readonly RunRecord[], streak: number): string {
  const newest = failures[0];
  if (!newest) return 'other than OK';
  const counts = new Map<RunStatus, number>();
  for (const run of failures) counts.set(run.status, (counts.get(run.status) ?? 0) + 1);
  const parts = [...counts].map(([status, n], i) => {
    const counted = n > 1 && counts.size > 1 ? `${n} × ${status}` : status;
    return i === 0 && newest.reason ? `${counted} (${newest.reason})` : counted;
  });
  if (failures.length < streak && counts.size > 1) parts.push('earlier failures');
  if (parts.length === 1) return parts[0] as string;
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
