import type { AgentDefinition, ResolvedTrigger } from '../agents/index.js';
import { type AgentFault, cronStage, forAgentAsync } from '../agents/index.js';
import { lastDueIn, startCovers } from '../cron/index.js';
import { lastStartOf, trackedSince } from '../alerts/index.js';
import { readRunLock } from '../harness/index.js';
import type { HomePaths } from '../home/index.js';
import type { RunTrail } from '../journal/index.js';
import { entryOf, readState } from '../state/index.js';
import { agentFacts } from '../hooks/index.js';

type CronTrigger = Extract<ResolvedTrigger, { kind: 'cron' }>;

/**
 * `catch_up: once` after downtime (DESIGN §2): at start, the latest due time
 * within `deadline` that no run started at or after gets ONE run — not one
 * per missed slot. Nothing when the agent did not exist (or was paused) then.
 * Pure; returns the due time to catch up, or null.
 */
export function catchUpDue(
  trigger: CronTrigger,
  now: number,
  lastStart: number | null,
  trackedSince: number,
): number | null {
  if (trigger.catchUp !== 'once') return null;
  const latest = lastDueIn(
    trigger.expression,
    trigger.timezone,
    Math.max(now - trigger.deadline, trackedSince) - 1,
    now,
  );
  if (latest === null) return null;
  if (lastStart !== null && startCovers(lastStart, latest)) return null;
  return latest;
}

/**
 * At daemon start: the agents owed a catch-up run, with the due time each
 * makes up for. An agent whose catch-up cannot be worked out is a fault of
 * that agent; the others are still caught up.
 */
export async function catchUpsOwed(
  paths: HomePaths,
  agents: readonly AgentDefinition[],
  trail: RunTrail,
  now: Date,
): Promise<{ owed: Array<{ agent: AgentDefinition; due: number }>; faults: AgentFault[] }> {
  const owed: Array<{ agent: AgentDefinition; due: number }> = [];
  const faults: AgentFault[] = [];
  const candidates = agents.filter((agent) => agent.trigger?.kind === 'cron' && agent.trigger.catchUp === 'once');
  if (candidates.length === 0) return { owed, faults };
  const state = await readState(paths);
  for (const agent of candidates) {
    const trigger = agent.trigger;
    if (trigger?.kind !== 'cron') continue;
    const due = await forAgentAsync(agent.name, cronStage('catch-up', trigger), async () => {
      // a run in flight (or one whose harness died) started when its lock says
      const lock = await readRunLock(paths, agent.name).catch(() => null);
      const facts = await agentFacts({
        definition: agent,
        operator: entryOf(state, agent.name),
        running: lock,
        trail,
        month: null,
        lastReviewAt: null,
        now,
      });
      const since = trackedSince(
        facts,
        state.global.since ? new Date(state.global.since) : null,
        now.getTime() - trigger.deadline,
      );
      return catchUpDue(trigger, now.getTime(), lastStartOf(facts), since);
    });
    if (!due.ok) faults.push(due.fault);
    else if (due.value !== null) owed.push({ agent, due: due.value });
  }
  return { owed, faults };
}
