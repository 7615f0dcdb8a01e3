import type { AgentFacts, WatchdogFacts } from '../facts.js';
import { isNeutral } from '../../shared/index.js';

/**
 * Since when an agent is owed its runs: not before it existed (its first run
 * or its file, whichever is older), not before it was last resumed or
 * enabled, not before the fleet was last started again. Shared by the
 * missed-run rule and by catch-up, so both forgive the same downtime.
 */
export function trackedSince(agent: AgentFacts, globalSince: Date | null, fallback: number): number {
  const origins = [agent.firstRunAt, agent.definedAt].filter((d): d is Date => d !== null).map((d) => d.getTime());
  let since = origins.length > 0 ? Math.min(...origins) : fallback;
  if (agent.stateSince) since = Math.max(since, agent.stateSince.getTime());
  if (globalSince) since = Math.max(since, globalSince.getTime());
  return since;
}

/** The latest start of a run of the agent: the one in flight, else the newest recorded (SKIPPED too: it was fired). */
export function lastStartOf(agent: Pick<AgentFacts, 'recentRuns' | 'running'>): number | null {
  let last: number | null = agent.running ? Date.parse(agent.running.started_at) : null;
  for (const run of agent.recentRuns) {
    const started = Date.parse(run.started_at);
    if (Number.isFinite(started) && (last === null || started > last)) last = started;
  }
  return last !== null && Number.isFinite(last) ? last : null;
}

/** The newest run that says something about the agent's health (SKIPPED runs do not). */
export function lastRealRun(agent: Pick<AgentFacts, 'recentRuns'>) {
  return agent.recentRuns.find((run) => !isNeutral(run.status));
}

export function activeAgents(facts: WatchdogFacts): AgentFacts[] {
  return facts.agents.filter((agent) => agent.mode === 'enabled');
}
