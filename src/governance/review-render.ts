import { relativeTime, usd } from '../fleet/index.js';
import { localMinute } from './history-time.js';
import type { ReviewAgent, ReviewReport } from './review-report.js';

/** `nightshift review` for a terminal: one block per agent, the ones needing a look first. */

export function statusCounts(week: ReviewAgent['week']): string {
  return Object.entries(week.byStatus)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0) || a[0].localeCompare(b[0]))
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
}

export function weekLine(agent: ReviewAgent): string {
  if (agent.week.runs === 0) return 'no runs';
  return `${agent.week.runs} run${agent.week.runs === 1 ? '' : 's'} (${statusCounts(agent.week)}), ${agent.week.nonOk} not OK, ${usd(agent.week.costUsd)}`;
}

export function lastRunLine(agent: ReviewAgent, now: Date): string {
  if (!agent.lastRun) return 'never ran';
  const { status, endedAt, reason } = agent.lastRun;
  return `${status} ${relativeTime(endedAt, now)}${reason ? ` — ${reason}` : ''}`;
}

export function lastReviewLine(agent: ReviewAgent, timezone: string): string {
  const mark = agent.lastReview;
  if (!mark) return agent.reviewCadence === 'none' ? 'not reviewed (review: none)' : 'never reviewed';
  const note = mark.note ? `: "${mark.note}"` : '';
  return `${localMinute(mark.at, timezone)} by ${mark.by}${mark.concern ? ' ⚑ CONCERN' : ''}${note}${agent.reviewOverdue ? ' (overdue)' : ''}`;
}

/** Agents needing a look first, then by name: the reader starts where it matters. */
export function reviewOrder(agents: readonly ReviewAgent[]): ReviewAgent[] {
  return [...agents].sort(
    (a, b) => Number(b.attention.length > 0) - Number(a.attention.length > 0) || a.name.localeCompare(b.name),
  );
}

export function renderReview(report: ReviewReport): string {
  const now = new Date(report.generatedAt);
  const tz = report.timezone;
  const { totals } = report;
  const out = [
    `Review of ${report.window.label}`,
    `${totals.agents} agents · ${totals.runs} runs, ${totals.nonOk} not OK · ${usd(totals.costUsd)} ` +
      `· ${totals.needsLook} need${totals.needsLook === 1 ? 's' : ''} a look · outputs drawn with ` +
      `--seed ${report.seed}`,
  ];
  for (const agent of reviewOrder(report.agents)) {
    out.push(
      '',
      `${agent.attention.length > 0 ? '▲' : '✓'} ${agent.name}  ${agent.state}${agent.owner ? ` · owner ${agent.owner}` : ''}`,
    );
    out.push(`  last run     ${lastRunLine(agent, now)}`);
    out.push(`  this week    ${weekLine(agent)}`);
    out.push(`  last review  ${lastReviewLine(agent, tz)}`);
    for (const reason of agent.attention) out.push(`  ! ${reason}`);
    if (agent.output) {
      out.push(`  ── ${agent.output.file} (drawn from ${agent.week.outputs} this week) ──`);
      for (const line of agent.output.lines) out.push(`  │ ${line}`);
      if (agent.output.moreLines > 0 || agent.output.cut)
        out.push(`  │ … ${agent.output.moreLines > 0 ? `${agent.output.moreLines} more lines` : 'more'}`);
    } else
      out.push(
        `  ── ${agent.week.outputs > 0 ? 'none of its outputs of the week could be read' : 'no output of the week on disk'} ──`,
      );
  }
  out.push('', 'Mark each agent once read: nightshift review mark <agent> [--note "…"] [--concern]');
  return out.join('\n');
}
