import { formatDuration } from '../../agents/index.js';
import { dueAfter, firstUncoveredDue, lastDueIn } from '../../cron/index.js';
import { condition, type Condition } from '../conditions.js';
import type { WatchdogFacts } from '../facts.js';
import { formatWall } from './wall-time.js';
import { activeAgents, lastStartOf, trackedSince } from './tracking.js';

/**
 * MISSED: a cron agent's due time passed by more than its grace with no run
 * started at or after it. One alert per outage, keyed by its first missed due
 * time (`missed:<agent>:<due ISO>`), so the key stays put while the outage
 * lasts; it resolves when a run starts. Only outages that reach into the
 * lookback window are alerted. Paused and disabled agents, and the whole
 * fleet under the global stop, are owed nothing.
 */
export function missedRuns(facts: WatchdogFacts): Condition[] {
  if (facts.global.stopped) return [];
  const now = facts.now.getTime();
  const out: Condition[] = [];
  for (const agent of activeAgents(facts)) {
    const trigger = agent.definition.trigger;
    if (trigger?.kind !== 'cron') continue;
    const { expression, timezone, grace } = trigger;
    const since = trackedSince(agent, facts.global.since, now - facts.lookbackMs);
    const lastStart = lastStartOf(agent);
    const first = firstUncoveredDue(expression, timezone, since - 1, lastStart);
    if (!(first + grace < now)) continue;
    // an outage counts only if some slot of it lies within the lookback window
    const windowStart = now - facts.lookbackMs;
    if (dueAfter(expression, timezone, Math.max(first, windowStart) - 1) > now - grace) continue;
    const gap = dueAfter(expression, timezone, first) - first;
    const latest = lastDueIn(expression, timezone, first - 1, now - grace, 2 * gap) ?? first;
    const more = latest > first ? `, nor for any due time since (the latest ${formatWall(latest, timezone)})` : '';
    out.push(
      condition(
        'missed',
        `missed:${agent.name}:${new Date(first).toISOString()}`,
        agent.name,
        `${agent.name} missed its run due ${formatWall(first, timezone)}: no run started within ${formatDuration(grace)}${more}`,
        {
          due: new Date(first).toISOString(),
          latest_due: new Date(latest).toISOString(),
          grace_ms: grace,
          timezone,
          last_started_at: lastStart === null ? null : new Date(lastStart).toISOString(),
        },
      ),
    );
  }
  return out;
}
