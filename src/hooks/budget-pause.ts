import { type AgentFault, forAgentAsync } from '../agents/index.js';
import type { Condition, WatchdogFacts } from '../alerts/index.js';
import type { HomePaths } from '../home/index.js';
import type { ChangeRecord } from '../journal/index.js';
import { applyChange, type ChangeSource } from '../state/index.js';
import { monthRange } from '../shared/index.js';

/**
 * Budget reached → the agent is paused with reason `budget` until its month
 * ends in the home's zone. A run in flight is not touched: it finishes (its
 * own cost limit was already cut to what the budget had left). When the month
 * turns the pause has expired and resumeExpiredPauses lifts it, recorded as an
 * auto-resume; raising the budget and `resume` lifts it sooner. An operator's
 * own pause or a disable is left as it is.
 */
export async function pauseOverBudget(
  paths: HomePaths,
  facts: WatchdogFacts,
  conditions: readonly Condition[],
  source: ChangeSource,
): Promise<{ changes: ChangeRecord[]; faults: AgentFault[] }> {
  const { end } = monthRange(facts.month, facts.timezone);
  const changes: ChangeRecord[] = [];
  const faults: AgentFault[] = [];
  for (const reached of conditions.filter((c) => c.rule === 'budget_reached' && c.agent !== null)) {
    const agent = facts.agents.find((a) => a.name === reached.agent);
    if (!agent || agent.mode !== 'enabled') continue;
    if (end.getTime() <= facts.now.getTime()) continue;
    // one agent's pause that fails (its state entry, the lock) leaves the others' to be made
    const paused = await forAgentAsync(agent.name, 'budget pause', () =>
      applyChange(paths, { action: 'budget-pause', agent: agent.name, until: end, source }, facts.now),
    );
    if (!paused.ok) faults.push(paused.fault);
    else if (paused.value.applied) {
      changes.push(paused.value.record);
      agent.mode = 'paused';
    }
  }
  return { changes, faults };
}
