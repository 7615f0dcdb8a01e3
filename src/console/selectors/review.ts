import { own } from '../../shared/index.js';
import { relativeTime, usd } from '../../fleet/index.js';
import { oneLine, plural } from '../format.js';
import type { ConsoleState, ReviewAgentData } from '../state/types.js';
import { ALERT_COLOR, type Line } from './cells.js';
import { findAgent, stateCell, statusSegment } from './fleet.js';
import { textLines } from './text.js';
import { isNotOk, type RunStatus } from '../../shared/index.js';
import { isReviewOverdue, type LookReason, lookReasonText, needsALook } from '../../governance/index.js';

/**
 * The Monday ritual as lines: one agent at a time (its last run, the week in
 * numbers, the week's alerts, one random output of the week), a progress line,
 * and at the end a summary of what needs a look.
 */
export function reviewCounts(state: ConsoleState): { total: number; reviewed: number; concerns: number } {
  const total = state.review?.agents.length ?? 0;
  const marks = Object.entries(state.progress.marks).filter(([name]) =>
    state.review?.agents.some((a) => a.name === name),
  );
  return { total, reviewed: marks.length, concerns: marks.filter(([, mark]) => mark.concern).length };
}

export function progressLine(state: ConsoleState, index: number): Line {
  const { total, reviewed, concerns } = reviewCounts(state);
  const line: Line = [
    { text: `${reviewed}/${total} reviewed`, bold: true, color: reviewed === total && total > 0 ? 'green' : undefined },
    { text: ', ' },
    { text: `${concerns} with concerns`, color: concerns > 0 ? 'yellow' : undefined, bold: concerns > 0 },
  ];
  if (index < total) line.push({ text: ` · agent ${index + 1} of ${total}`, dim: true });
  if (state.review)
    line.push({ text: ` · week ${state.review.from.slice(0, 10)} → ${state.review.to.slice(0, 10)}`, dim: true });
  return line;
}

export function weekStatusCounts(byStatus: ReviewAgentData['week']['byStatus']): string {
  return (Object.entries(byStatus) as Array<[string, number]>)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
}

export interface ReviewAgentModel {
  name: string;
  lines: Line[];
  outputFile: string | null;
  output: Line[];
}

export function reviewAgentModel(state: ConsoleState, data: ReviewAgentData, width: number): ReviewAgentModel {
  const now = new Date(state.now);
  const fleet = findAgent(state, data.name);
  const mark = own(state.progress.marks, data.name);
  const title: Line = [{ text: data.name, bold: true }, { text: '  ' }];
  if (fleet) title.push(stateCell(fleet, state.now, own(state.starting, data.name)));
  if (fleet?.owner) title.push({ text: ` · owner ${fleet.owner}`, dim: true });
  title.push({
    text: data.lastReview
      ? ` · last reviewed ${relativeTime(data.lastReview.at, now)} by ${data.lastReview.by}`
      : ' · never reviewed',
    dim: true,
  });
  if (mark)
    title.push(
      mark.concern
        ? { text: '  ⚑ concern noted', color: 'yellow', bold: true }
        : { text: '  ✓ reviewed', color: 'green', bold: true },
    );

  const last = fleet?.lastRun ?? null;
  const lastLine: Line = [{ text: 'last run ', dim: true }];
  if (fleet && !fleet.valid) lastLine.push({ text: `INVALID: ${oneLine(fleet.problem)}`, color: 'red' });
  else if (!last) lastLine.push({ text: 'never ran', dim: true });
  else {
    lastLine.push(statusSegment(last.status), { text: ` ${relativeTime(last.started_at, now)}`, dim: true });
    if (last.reason) lastLine.push({ text: ` — ${oneLine(last.reason)}` });
  }

  const { runs, costUsd } = data.week;
  const week: Line = [
    { text: 'this week ', dim: true },
    { text: runs === 0 ? 'no runs' : `${plural(runs, 'run')} (${weekStatusCounts(data.week.byStatus)})` },
    { text: ` · ${usd(costUsd)} spent`, bold: costUsd > 0 },
  ];

  const alerts: Line = [{ text: 'alerts this week ', dim: true }];
  if (data.alerts.length === 0) alerts.push({ text: 'none', color: 'green' });
  else {
    const worst =
      data.alerts.find((a) => a.severity === 'critical') ??
      data.alerts.find((a) => a.severity === 'warning') ??
      (data.alerts[0] as ReviewAgentData['alerts'][number]);
    alerts.push(
      { text: `${data.alerts.length}: `, bold: true },
      { text: `▲ ${worst.severity} `, color: ALERT_COLOR[worst.severity], bold: true },
      { text: oneLine(worst.message) },
    );
  }

  const drawn = own(state.progress.drawn, data.name);
  const outputFile = drawn ?? null;
  const head: Line =
    outputFile === null
      ? [
          {
            text: `── no output this week${data.week.runs > 0 ? ' (no run left one still on disk)' : ''} ──`,
            dim: true,
          },
        ]
      : [
          { text: '── random output ', dim: true },
          { text: outputFile, bold: true },
          {
            text: ` (${data.outputs.indexOf(outputFile) + 1} of ${data.outputs.length} this week${data.outputs.length > 1 ? '; n draws another' : ''}) ──`,
            dim: true,
          },
        ];
  return {
    name: data.name,
    lines: [title, lastLine, week, alerts, head],
    outputFile,
    output: outputFile === null ? [] : textLines(own(state.texts, outputFile), width),
  };
}

function notOkRuns(byStatus: ReviewAgentData['week']['byStatus']): number {
  let n = 0;
  for (const [status, count] of Object.entries(byStatus) as Array<[RunStatus, number]>) if (isNotOk(status)) n += count;
  return n;
}

/** One reason as a summary line: what is broken in red, what to keep in mind in yellow. */
function lookLine(name: string, reason: LookReason): Line {
  const who = { text: name, bold: true };
  switch (reason.kind) {
    case 'invalid':
    case 'error':
      return [
        { text: '✗ ', color: 'red', bold: true },
        who,
        { text: `: ${reason.kind.toUpperCase()} — ${oneLine(reason.problem)}` },
      ];
    case 'last_run':
      return [
        { text: '✗ ', color: 'red', bold: true },
        who,
        { text: ': last run ' },
        statusSegment(reason.status),
        { text: reason.reason ? ` — ${oneLine(reason.reason)}` : '' },
      ];
    case 'open_alerts':
      return [
        { text: '▲ ', color: 'red', bold: true },
        who,
        { text: `: ${plural(reason.count, 'open alert')} (A lists them)` },
      ];
    default:
      return [{ text: '! ', color: 'yellow', bold: true }, who, { text: `: ${lookReasonText(reason)}` }];
  }
}

/** What the reviewer should look at after the walk: this walk's concerns and skipped agents, then what needs a look by review's rule. */
export function reviewSummary(state: ConsoleState): Line[] {
  const review = state.review;
  if (!review) return [];
  const { total, reviewed, concerns } = reviewCounts(state);
  const lines: Line[] = [
    [
      {
        text: `Review done: ${reviewed} of ${total} agents reviewed, ${concerns} with concerns.`,
        bold: true,
        color: concerns > 0 ? 'yellow' : 'green',
      },
    ],
    [{ text: 'Marks are in logs/reviews.jsonl.', dim: true }],
    [],
  ];
  const look: Line[] = [];
  for (const data of review.agents) {
    const mark = own(state.progress.marks, data.name);
    const fleet = findAgent(state, data.name);
    if (mark?.concern)
      look.push([
        { text: '⚑ ', color: 'yellow', bold: true },
        { text: data.name, bold: true },
        { text: `: concern — ${oneLine(mark.note) || '(no note)'}` },
      ]);
    if (!mark)
      look.push([
        { text: '· ', dim: true },
        { text: data.name, bold: true },
        { text: ': not reviewed', dim: true },
      ]);
    if (!fleet) continue;
    // governance's rule, as `nightshift review` applies it; a mark made in this walk is the last review now (its concern is listed above)
    const reasons = needsALook({
      state: fleet.display,
      problem: fleet.problem,
      lastRun: fleet.lastRun,
      week: { runs: data.week.runs, nonOk: notOkRuns(data.week.byStatus) },
      openAlerts: fleet.openAlerts.length,
      lastReview: mark ? { concern: false } : data.lastReview,
      reviewOverdue:
        !mark &&
        isReviewOverdue(
          fleet.definition?.review ?? null,
          data.lastReview?.at ?? null,
          fleet.lastRun !== null,
          state.now,
        ),
    });
    for (const reason of reasons) look.push(lookLine(data.name, reason));
  }
  if (look.length === 0) lines.push([{ text: 'Nothing needs a look. Good week.', color: 'green' }]);
  else lines.push([{ text: 'Needs a look:', bold: true }], ...look);
  return lines;
}
