import { condition, type Condition } from '../conditions.js';
import type { WatchdogFacts } from '../facts.js';
import { activeAgents, lastRealRun } from './tracking.js';
import { usdCents } from '../../shared/index.js';

/**
 * One run over `alerts.cost_over_usd`: keyed by the run, opened once. It
 * resolves when a later run of the agent stays under the threshold (or is
 * itself over, which opens its own key).
 */
export function runCost(facts: WatchdogFacts): Condition[] {
  const out: Condition[] = [];
  for (const agent of activeAgents(facts)) {
    const limit = agent.definition.alerts.cost_over_usd;
    if (limit === undefined) continue;
    const last = lastRealRun(agent);
    if (!last || !(last.cost_usd > limit)) continue;
    out.push(
      condition(
        'run_cost',
        `run_cost:${agent.name}:${last.run_id}`,
        agent.name,
        `${agent.name}: run ${last.run_id} cost ${usdCents(last.cost_usd)}, over the $${limit} set in alerts.cost_over_usd`,
        {
          run_id: last.run_id,
          cost_usd: last.cost_usd,
          cost_over_usd: limit,
          ended_at: last.ended_at,
        },
      ),
    );
  }
  return out;
}
