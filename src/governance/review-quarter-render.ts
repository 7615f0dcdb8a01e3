import { usd } from '../fleet/index.js';
import { formatSize } from '../agents/index.js';
import { localDay } from './history-time.js';
import type { QuarterAgent, QuarterReview } from './review-quarter.js';

/** The quarterly review as markdown for the team: one section per agent, each question with its evidence. */
export function renderQuarterMarkdown(review: QuarterReview): string {
  const { quarter, timezone } = review;
  const span = `${quarter.fromDay} – ${quarter.toDay}${quarter.complete ? '' : ' (so far)'}`;
  const out = [
    `# Quarterly review ${quarter.key}`,
    '',
    `${review.agents.length} agent${review.agents.length === 1 ? '' : 's'}, ${span}, days in ${timezone}.`,
    'Answer each with `nightshift review --quarter ' +
      `${quarter.key} --answer <agent>=keep|tune|retire --note "…"\` (recorded in logs/reviews.jsonl).`,
    '',
  ];
  for (const agent of review.agents) out.push(...agentSection(agent, timezone), '');
  return out.join('\n');
}

function agentSection(agent: QuarterAgent, timezone: string): string[] {
  const day = (iso: string | null) => (iso ? localDay(iso, timezone) : 'never');
  const { needed, worth, healthy, right } = agent;
  const share = healthy.nonOkShare === null ? '—' : `${Math.round(healthy.nonOkShare * 100)}%`;
  const months = worth.months.map((m) => `${m.month} ${usd(m.costUsd)}`).join(', ');
  const perOk = worth.costPerOkRunUsd === null ? 'no OK run' : `${usd(worth.costPerOkRunUsd)} per OK run`;
  const sizes =
    right.okSizes.length === 0
      ? 'no OK output kept'
      : `last OK outputs ${right.okSizes.slice(-5).map(formatSize).join(', ')} (oldest first)`;
  const reviewer = needed.lastReviewBy ? ` by ${needed.lastReviewBy}` : '';
  const concern = right.concern ? '; ⚑ the last review flagged a concern' : '';
  const note = right.lastNote ? `; last note: "${right.lastNote}"` : '';
  const answerNote = agent.answer?.note ? `: ${agent.answer.note}` : '';
  const answer = agent.answer
    ? `**${agent.answer.answer}** (${agent.answer.by}, ${day(agent.answer.at)})${answerNote}`
    : '_not answered yet_ (keep / tune / retire)';
  return [
    `## ${agent.name}${agent.owner ? ` (${agent.owner})` : ''} · ${agent.state}`,
    '',
    `1. **Does anyone still need what it makes?** ${needed.runs} runs this quarter; last run ${day(needed.lastRunAt)}; ` +
      `last reviewed ${day(needed.lastReviewAt)}${reviewer}.`,
    `2. **Is it worth what it costs?** ${usd(worth.costUsd)} this quarter (${months}) ${worth.sparkline} ${worth.trend}; ${perOk}.`,
    `3. **Is it healthy?** ${healthy.nonOk} of ${healthy.runs - healthy.skipped} runs not OK (${share}), ` +
      `${healthy.skipped} skipped; failure streak ${healthy.failureStreak}.`,
    `4. **Is its output still right?** ${sizes}; size ${right.sizeTrend}${concern}${note}.`,
    '',
    `Answer: ${answer}`,
  ];
}
