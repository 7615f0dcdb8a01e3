import type { AgentDefinition } from '../agents/index.js';
import { pathInside, type Home } from '../home/index.js';
import type { SkipReason } from '../journal/index.js';
import { agentState, applyChange, readState } from '../state/index.js';
import type { HarnessPorts } from './ports.js';
import { usdCents } from '../shared/index.js';

/**
 * Refusals before any model call (DESIGN §3 step 1), except overlap, which
 * the lock decides. An expired pause is lifted here, through the state
 * module so the resume is recorded, and the run goes ahead.
 */
export interface Refusal {
  reason: SkipReason;
  /** for the person at the terminal; the record's reason is the bare word */
  detail: string;
}

export interface Admission {
  refusal: Refusal | null;
  /** USD left of the monthly budget, null without a budget: it caps this run's cost limit */
  budgetLeftUsd: number | null;
  /** the budget it is left of, null without one */
  budgetUsd: number | null;
}

export async function admit(
  home: Home,
  agent: AgentDefinition,
  now: Date,
  ports: Pick<HarnessPorts, 'monthToDateUsd'>,
): Promise<Admission> {
  const state = await readState(home.paths);
  const effective = agentState(state, agent.name, now);
  if (pathInside(home.paths.retired, agent.absolutePath) && effective.blockedBy !== 'retired') {
    // its file lies under retired/ though state.json says otherwise (edited by hand): the files decide, it stays retired
    const detail = `${agent.name} is retired: its file is ${agent.absolutePath} (nightshift unretire ${agent.name} brings it back)`;
    return { refusal: { reason: 'retired', detail }, budgetLeftUsd: null, budgetUsd: null };
  }
  if (effective.blockedBy) {
    const entry = effective.entry;
    const detail =
      effective.blockedBy === 'stopped'
        ? `the global stop is on${state.global.reason ? ` (${state.global.reason})` : ''}`
        : `${agent.name} is ${effective.blockedBy}${entry.by ? ` by ${entry.by}` : ''}${entry.reason ? `: ${entry.reason}` : ''}`;
    return { refusal: { reason: effective.blockedBy, detail }, budgetLeftUsd: null, budgetUsd: null };
  }
  if (effective.status === 'pause-expired') {
    await applyChange(home.paths, { action: 'auto-resume', agent: agent.name, source: 'harness' }, now);
  }
  if (!agent.budget) return { refusal: null, budgetLeftUsd: null, budgetUsd: null };
  const spent = await ports.monthToDateUsd(home.paths, agent.name, now, home.defaults.timezone);
  const left = agent.budget.monthly_usd - spent;
  if (left <= 0) {
    return {
      refusal: {
        reason: 'budget',
        detail: `month-to-date spend ${usdCents(spent)} has reached the budget of $${agent.budget.monthly_usd}`,
      },
      budgetLeftUsd: 0,
      budgetUsd: agent.budget.monthly_usd,
    };
  }
  return { refusal: null, budgetLeftUsd: left, budgetUsd: agent.budget.monthly_usd };
}
