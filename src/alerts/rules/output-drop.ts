import { median } from '../../journal/index.js';
import { condition, type Condition } from '../conditions.js';
import type { WatchdogFacts } from '../facts.js';
import { activeAgents, lastRealRun } from './tracking.js';

/** Fewer earlier OK runs than this make no baseline worth comparing against. */
export const MIN_BASELINE_RUNS = 3;

/**
 * Output drop, judged on the agent's last run and only when it was OK (a
 * failed run is the non-OK rule's business): zero bytes, or less than
 * `output_drop` × the median of the OK runs before it (up to nine of them,
 * the trail keeps ten OK sizes including the last).
 */
export function outputDrop(facts: WatchdogFacts): Condition[] {
  const out: Condition[] = [];
  for (const agent of activeAgents(facts)) {
    const last = lastRealRun(agent);
    if (!last || last.status !== 'OK') continue;
    const size = last.output_size_bytes;
    const before = agent.okSizes.slice(0, -1);
    const baseline = before.length >= MIN_BASELINE_RUNS ? median(before) : undefined;
    const factor = agent.definition.alerts.output_drop;
    let message: string | null = null;
    if (size === 0) message = `${agent.name}: its last run was OK but produced no output`;
    else if (baseline !== undefined && size < factor * baseline) {
      message = `${agent.name}: its last output is ${size} bytes, under ${factor} × the median ${Math.round(baseline)} bytes of its OK runs before`;
    }
    if (message === null) continue;
    out.push(
      condition('output_drop', `output_drop:${agent.name}`, agent.name, message, {
        run_id: last.run_id,
        size,
        median: baseline ?? null,
        output_drop: factor,
      }),
    );
  }
  return out;
}
