import { type AgentDefinition } from '../../../src/agents/index.js';
import { parseAgentText } from '../../../src/agents/parse.js';
import type { AgentFacts, WatchdogFacts } from '../../../src/alerts/index.js';
import type { RunRecord } from '../../../src/journal/index.js';
import { stringify } from 'yaml';
import { PROMPT } from './home.js';

/** An agent definition from front-matter, through the real parser (so defaults are the real ones). */
export function definition(name: string, front: Record<string, unknown>): AgentDefinition {
  const text = `---\n${stringify({ name, description: `test agent ${name}`, ...front })}---\n${PROMPT}`;
  const entry = parseAgentText(text, { name, file: `agents/${name}.md`, absolutePath: `/nowhere/agents/${name}.md` });
  if (!entry.ok) throw new Error(entry.problems.map((p) => p.message).join('; '));
  return entry.agent;
}

/** Facts for one agent: its runs newest first, as the trail gives them. */
export function agentFacts(def: AgentDefinition, fields: Partial<AgentFacts> = {}): AgentFacts {
  return {
    name: def.name,
    definition: def,
    mode: 'enabled',
    stateSince: null,
    running: null,
    recentRuns: [],
    failureStreak: 0,
    okSizes: [],
    firstRunAt: null,
    definedAt: new Date('2020-01-01T00:00:00Z'),
    monthToDate: 0,
    lastMonth: 0,
    billableRuns: { month: 0, lastMonth: 0 },
    lastReviewAt: null,
    ...fields,
  };
}

export function watchdogFacts(
  now: Date | string,
  agents: AgentFacts[],
  fields: Partial<WatchdogFacts> = {},
): WatchdogFacts {
  const at = new Date(now);
  return {
    now: at,
    timezone: 'UTC',
    month: at.toISOString().slice(0, 7),
    global: { stopped: false, since: null },
    scheduler: { beatAt: at, stoppedAt: null, pid: 1 },
    plainCron: false,
    lookbackMs: 7 * 86_400_000,
    agents,
    ...fields,
  };
}

/** Newest first, like RunTrail.recentRuns. */
export function newestFirst(runs: RunRecord[]): RunRecord[] {
  return [...runs].sort((a, b) => Date.parse(b.ended_at) - Date.parse(a.ended_at));
}
