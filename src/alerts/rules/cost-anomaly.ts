import { monthRange } from '../../time/index.js';
import { condition, type Condition } from '../conditions.js';
import type { WatchdogFacts } from '../facts.js';
import { roundCents, usdCents } from '../../shared/index.js';

/**
 * Cost anomaly: this month on course for more than RATIO × last month.
 * The projection is month-to-date divided by the elapsed fraction of the
 * month, which is wild in its first days, so it is trusted only after
 * MIN_ELAPSED_DAYS and above MIN_MONTH_TO_DATE_USD; an agent with nothing
 * spent last month has nothing to compare with.
 */
export const ANOMALY_RATIO = 3;
export const MIN_ELAPSED_DAYS = 3;
export const MIN_MONTH_TO_DATE_USD = 1;

export function costAnomalies(facts: WatchdogFacts): Condition[] {
  const { start, end } = monthRange(facts.month, facts.timezone);
  const now = facts.now.getTime();
  const elapsed = now - start.getTime();
  if (elapsed < MIN_ELAPSED_DAYS * 86_400_000) return [];
  const fraction = Math.min(1, elapsed / (end.getTime() - start.getTime()));
  const out: Condition[] = [];
  for (const agent of facts.agents) {
    if (agent.mode === 'disabled') continue;
    const { monthToDate, lastMonth } = agent;
    if (monthToDate < MIN_MONTH_TO_DATE_USD || !(lastMonth > 0)) continue;
    const projected = monthToDate / fraction;
    if (!(projected > ANOMALY_RATIO * lastMonth)) continue;
    out.push(
      condition(
        'cost_anomaly',
        `cost_anomaly:${agent.name}:${facts.month}`,
        agent.name,
        `${agent.name} is on course for ${usdCents(projected)} in ${facts.month}, ${(projected / lastMonth).toFixed(1)}× last month's ${usdCents(lastMonth)}`,
        { month: facts.month, month_to_date_usd: monthToDate, projected_usd: roundCents(projected), last_month_usd: lastMonth, ratio: ANOMALY_RATIO },
      ),
    );
  }
  return out;
}
