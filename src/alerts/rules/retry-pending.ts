import { backoffBefore, retriesAfter } from '../../agents/index.js';
import type { AgentFacts } from '../facts.js';

/**
 * How long past its due time a retry may still start before the failure it
 * follows counts as final: the process that waits the backoff may have been
 * stopped (a reboot), and an alert must not wait for an attempt that never comes.
 */
export const RETRY_START_SLACK_MS = 5 * 60_000;

/**
 * Whether the agent's newest record is an attempt its retry policy follows
 * with another one, still to come or in flight: the non-OK alert waits for
 * the last attempt (README "Retry policy"). A SKIPPED retry (paused, budget,
 * stop-all) is the newest record then, and ends the wait: the failure before
 * it is final.
 */
export function retryPending(agent: Pick<AgentFacts, 'definition' | 'recentRuns' | 'running'>, now: Date): boolean {
  const newest = agent.recentRuns[0];
  const policy = agent.definition.retry;
  // no attempt on the record: no harness of an attempt chain wrote it (a CRASHED record from a reaped lock,
  // a record from before the policy): nobody will retry it
  if (!newest || !policy || newest.attempt == null) return false;
  const attempt = newest.attempt;
  if (!retriesAfter(policy, newest.status, attempt)) return false;
  if (agent.running !== null) return true;
  const due = Date.parse(newest.ended_at) + backoffBefore(policy, attempt + 1);
  return now.getTime() <= due + RETRY_START_SLACK_MS;
}
