import { usd } from '../fleet/index.js';
import { localDay } from './history-time.js';
import type { ReviewReport } from './review-report.js';
import { reviewOrder, statusCounts } from './review-render.js';

/**
 * The review as markdown for a team channel: what needs a look first, then
 * one short block per agent with its random output quoted. Plain markdown
 * (headings, bullets, quotes, inline code), which Slack, Teams, Mattermost
 * and GitHub all show readably; no tables.
 */
export function reviewDigest(report: ReviewReport, options: { outputLines?: number } = {}): string {
  const maxLines = options.outputLines ?? 8;
  const tz = report.timezone;
  const { totals } = report;
  const out = [
    `## Agent review — ${report.window.label}`,
    '',
    `${totals.agents} agents · ${totals.runs} runs, ${totals.nonOk} not OK · ${usd(totals.costUsd)} spent`,
    '',
  ];
  const look = reviewOrder(report.agents).filter((agent) => agent.attention.length > 0);
  if (look.length === 0) out.push('**Nothing needs a look.** Every agent ran OK and is reviewed.', '');
  else {
    out.push(`**Needs a look (${look.length}):**`);
    for (const agent of look)
      out.push(
        `- \`${agent.name}\`${agent.owner ? ` (${agent.owner})` : ''}: ${agent.attention.map(oneLine).join('; ')}`,
      );
    out.push('');
  }
  for (const agent of reviewOrder(report.agents)) {
    const why = agent.lastRun?.reason && agent.lastRun.status !== 'OK' ? ` (${oneLine(agent.lastRun.reason)})` : '';
    const last = agent.lastRun ? `${agent.lastRun.status} ${localDay(agent.lastRun.endedAt, tz)}${why}` : 'never ran';
    const week =
      agent.week.runs === 0
        ? 'no runs'
        : `${agent.week.runs} run${agent.week.runs === 1 ? '' : 's'} (${statusCounts(agent.week)}), ${usd(agent.week.costUsd)}`;
    const review = agent.lastReview;
    const mark = review
      ? `${localDay(review.at, tz)} by ${review.by}${review.concern ? ' ⚑ concern' : ''}${review.note ? ` — “${oneLine(review.note)}”` : ''}`
      : 'never';
    out.push(`### ${agent.attention.length > 0 ? '▲' : '✓'} ${agent.name} — ${agent.state}`);
    out.push(`- Last run: ${last}`, `- This week: ${week}`, `- Last review: ${mark}`);
    if (agent.output) {
      out.push(`- Random output: \`${agent.output.file}\``);
      const lines = agent.output.lines.slice(0, maxLines);
      for (const line of lines) out.push(`> ${line}`.trimEnd());
      const more = agent.output.lines.length - lines.length + agent.output.moreLines;
      if (more > 0 || agent.output.cut) out.push(`> … (${more > 0 ? `${more} more lines` : 'more'})`);
    } else out.push('- No output this week.');
    out.push('');
  }
  out.push(
    `_Drawn with \`nightshift review --seed ${report.seed}${report.window.week ? ` --week ${report.window.week}` : ''}\`._`,
  );
  return `${out.join('\n')}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}
