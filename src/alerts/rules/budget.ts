import { condition, type Condition } from '../conditions.js';
import type { WatchdogFacts } from '../facts.js';
import { roundUsd, usdCents } from '../../shared/index.js';

/**
 * Budget warning (month-to-date at `warn_at` of `budget.monthly_usd`) and
 * budget reached. Keys carry the month, counted in the home's zone: a new
 * month's spend starts at zero, so last month's alerts resolve by themselves.
 * Paused agents are still looked at (a budget pause is one); disabled ones not.
 */
export function budgets(facts: WatchdogFacts): Condition[] {
  const out: Condition[] = [];
  for (const agent of facts.agents) {
    const budget = agent.definition.budget;
    if (!budget || agent.mode === 'disabled' || agent.mode === 'retired') continue;
    const spent = agent.monthToDate;
    const details = {
      month: facts.month,
      month_to_date_usd: roundUsd(spent),
      monthly_usd: budget.monthly_usd,
      warn_at: budget.warn_at,
    };
    if (spent >= budget.warn_at * budget.monthly_usd) {
      const percent = budget.monthly_usd > 0 ? Math.round((spent / budget.monthly_usd) * 100) : 100;
      out.push(
        condition(
          'budget_warn',
          `budget_warn:${agent.name}:${facts.month}`,
          agent.name,
          `${agent.name} has spent ${usdCents(spent)} of its $${budget.monthly_usd} budget for ${facts.month} (${percent}%)`,
          details,
        ),
      );
    }
    if (spent >= budget.monthly_usd) {
      out.push(
        condition(
          'budget_reached',
          `budget_reached:${agent.name}:${facts.month}`,
          agent.name,
          `${agent.name} reached its $${budget.monthly_usd} budget for ${facts.month} (${usdCents(spent)} spent): paused until the month ends`,
          details,
        ),
      );
    }
  }
  return out;
}
