import type { ReviewCadence } from '../../agents/index.js';
import { condition, type Condition } from '../conditions.js';
import type { WatchdogFacts } from '../facts.js';
import { activeAgents } from './tracking.js';

const DAY_MS = 86_400_000;
export const REVIEW_SLACK_DAYS = 2;
export const CADENCE_DAYS: Record<Exclude<ReviewCadence, 'none'>, number> = {
  daily: 1,
  weekly: 7,
  monthly: 31,
  quarterly: 92,
};

/**
 * Review overdue: no review mark within the agent's cadence plus two days.
 * A brand-new agent is counted from its first run; one that never ran owes no
 * review; `review: none` never does.
 */
export function reviewsOverdue(facts: WatchdogFacts): Condition[] {
  const now = facts.now.getTime();
  const out: Condition[] = [];
  for (const agent of activeAgents(facts)) {
    const cadence = agent.definition.review;
    if (cadence === 'none') continue;
    const since = agent.lastReviewAt ?? agent.firstRunAt;
    if (!since) continue;
    const allowed = (CADENCE_DAYS[cadence] + REVIEW_SLACK_DAYS) * DAY_MS;
    const age = now - since.getTime();
    if (age <= allowed) continue;
    const days = Math.floor(age / DAY_MS);
    const what = agent.lastReviewAt
      ? `last reviewed ${days} days ago`
      : `never reviewed, ${days} days after its first run`;
    out.push(
      condition(
        'review_overdue',
        `review_overdue:${agent.name}`,
        agent.name,
        `${agent.name} is due for its ${cadence} review: ${what} (run \`nightshift review\`)`,
        {
          cadence,
          last_review_at: agent.lastReviewAt?.toISOString() ?? null,
          first_run_at: agent.firstRunAt?.toISOString() ?? null,
        },
      ),
    );
  }
  return out;
}
