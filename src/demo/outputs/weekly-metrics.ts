import { stream } from '../prng.js';
import type { OutputContext, Renderer } from './common.js';
import { harnessEmpty, pct, thousands, trailer } from './common.js';

interface Week {
  signups: number;
  activeUsers: number;
  trialsStarted: number;
  trialsConverted: number;
  mrr: number;
  churned: number;
  p95: number;
  tickets: number;
}

/** A week's totals depend only on the week, so one report's "this week" is the next one's "last week". */
function week(seed: number, weekEnding: string): Week {
  const rng = stream(seed, `metrics-week:${weekEnding}`);
  const weeksSinceStart = Math.floor((Date.parse(`${weekEnding}T00:00:00Z`) - Date.parse('2026-01-04T00:00:00Z')) / (7 * 86_400_000));
  const trend = 1 + weeksSinceStart * 0.006;
  return {
    signups: Math.round(rng.int(290, 380) * trend),
    activeUsers: Math.round(rng.int(3900, 4400) * trend),
    trialsStarted: Math.round(rng.int(95, 140) * trend),
    trialsConverted: rng.int(18, 34),
    mrr: Math.round(41_000 * trend + rng.int(-600, 900)),
    churned: rng.int(2, 9),
    p95: rng.int(205, 265) + (rng.chance(0.15) ? rng.int(90, 300) : 0),
    tickets: rng.int(95, 150),
  };
}

function previousWeek(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
}

const ROWS: Array<[string, keyof Week, (n: number) => string]> = [
  ['Signups', 'signups', thousands],
  ['Weekly active users', 'activeUsers', thousands],
  ['Trials started', 'trialsStarted', thousands],
  ['Trials converted', 'trialsConverted', thousands],
  ['MRR (EUR)', 'mrr', thousands],
  ['Churned accounts', 'churned', thousands],
  ['p95 latency (ms)', 'p95', thousands],
  ['Support tickets', 'tickets', thousands],
];

/** Observations the daily rows support whatever the totals did. */
const CONTEXT = [
  'The daily rows show no single outlier day; the change is spread over the week.',
  'Most of the difference comes from the weekend days.',
  'Weekday numbers are close to last week; the gap opens on Thursday and Friday.',
  'Every day of the export is complete, so the comparison is like for like.',
  'Monday and Tuesday carried most of the week, as usual.',
];

function report(ctx: OutputContext, options: { omitAnomalies?: boolean; dataNote?: string }): string {
  const weekEnding = previousDay(ctx.date);
  const now = week(ctx.seed, weekEnding);
  const before = week(ctx.seed, previousWeek(weekEnding));
  const table = ROWS.map(([label, key, format]) => `| ${label} | ${format(now[key])} | ${format(before[key])} | ${pct(now[key], before[key])} |`).join('\n');
  const anomalies = ROWS.filter(([, key]) => before[key] > 0 && Math.abs((now[key] - before[key]) / before[key]) > 0.2).map(
    ([label, key, format]) => `- ${label}: ${format(before[key])} → ${format(now[key])} (${pct(now[key], before[key])}).`,
  );
  const movers = ROWS.map(([label, key]) => ({ label, change: before[key] > 0 ? (now[key] - before[key]) / before[key] : 0, key }))
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
  const top = movers[0]!;
  const story = `The biggest move: ${top.label}, ${pct(now[top.key], before[top.key])}. ${ctx.rng.pick(CONTEXT)}`;
  const sections = [
    `# Weekly metrics — week ending ${weekEnding}`,
    `## Headline numbers\n| metric | this week | last week | change |\n|---|---|---|---|\n${table}`,
    `## Week over week\nSignups ${pct(now.signups, before.signups)}, weekly actives ${pct(now.activeUsers, before.activeUsers)}, MRR ${pct(now.mrr, before.mrr)}. ${story}`,
    options.omitAnomalies ? null : `## Anomalies\n${anomalies.length > 0 ? anomalies.join('\n') : 'None.'}`,
    `## Data notes\n${options.dataNote ?? '14 complete rows.'}`,
  ];
  return `${sections.filter((s) => s !== null).join('\n\n')}\n\n`;
}

function previousDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

export const weeklyMetrics: Renderer = (ctx) => {
  switch (ctx.status) {
    case 'OK':
      return `${report(ctx, {})}${trailer('OK')}`;
    case 'BAD_FORMAT':
      return `${report(ctx, { omitAnomalies: true })}${trailer('OK')}`;
    case 'PARTIAL':
      return `${report(ctx, { dataNote: `13 complete rows. Row 14 (${previousDay(ctx.date)}) ends after the mrr_eur column: the export was cut off while being written. The last day is left out of both weeks.` })}${trailer('PARTIAL')}`;
    case 'UNEXPECTED_INPUT':
      return `# Weekly metrics — week ending ${previousDay(ctx.date)}\n\nThe export has only its header row and no data rows (${ctx.inputSize} bytes). It looks like it was read while the warehouse job was still writing it; no report was made.\n\n${trailer('UNEXPECTED_INPUT')}`;
    case 'EMPTY':
      return harnessEmpty(`Weekly metrics — week ending ${previousDay(ctx.date)}: no export found`);
    default:
      return null;
  }
};
