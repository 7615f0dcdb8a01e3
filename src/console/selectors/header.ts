import { describeScheduler, relativeTime, usd } from '../../fleet/index.js';
import { oneLine, plural } from '../format.js';
import type { ConsoleState, View } from '../state/types.js';
import { type Line, SEVERITY_COLOR } from './cells.js';
import { SORT_LABEL } from './fleet.js';

/** The two header lines every view shares, and the GLOBAL STOP banner when the fleet is stopped. */
export interface HeaderModel {
  title: Line;
  totals: Line;
  stop: Line | null;
}

function crumb(view: View): string {
  switch (view.kind) {
    case 'fleet':
      return 'Fleet';
    case 'agent':
      return view.agent;
    case 'output':
      return 'output';
    case 'review':
      return 'Review';
    case 'alerts':
      return 'Alerts';
    case 'costs':
      return 'Costs';
    case 'runbooks':
      return 'Runbooks';
    case 'runbook':
      return view.name;
    case 'help':
      return 'Help';
    case 'live':
      return `live ${view.agent}`;
  }
}

export function headerModel(state: ConsoleState): HeaderModel {
  const now = new Date(state.now);
  const title: Line = [
    { text: 'nightshift', bold: true, color: 'magenta' },
    { text: ` ${state.stack.map(crumb).join(' › ')}`, bold: true },
  ];
  if (state.readonly) title.push({ text: '  READ-ONLY', color: 'yellow', bold: true });
  const snapshot = state.snapshot;
  if (!snapshot) {
    title.push({ text: `  ${state.home}`, dim: true });
    return {
      title,
      totals: [
        {
          text: state.loadError ? `could not read the home: ${state.loadError}` : 'reading the fleet…',
          color: state.loadError ? 'red' : undefined,
        },
      ],
      stop: null,
    };
  }
  const { scheduler, totals, global } = snapshot;
  title.push({ text: '  ' });
  const health = describeScheduler(scheduler, now, snapshot.timezone);
  title.push({ text: health.text, color: SEVERITY_COLOR[health.severity], bold: health.severity === 'error' });
  title.push({ text: `  ${state.home}`, dim: true });

  const line: Line = [
    { text: usd(totals.monthToDate), bold: true },
    { text: ' this month · ' },
    { text: plural(totals.runsToday, 'run') },
    { text: ' today · ' },
    {
      text: plural(totals.openAlerts, 'open alert'),
      color: totals.openAlerts > 0 ? 'red' : undefined,
      bold: totals.openAlerts > 0,
    },
    { text: ` · ${plural(totals.agents, 'agent')}` },
  ];
  const errors = totals.errors ?? 0;
  const extra = [
    totals.running > 0 ? `${totals.running} running` : '',
    totals.invalid > 0 ? `${totals.invalid} invalid` : '',
    errors > 0 ? `${plural(errors, 'error')}` : '',
  ].filter(Boolean);
  if (extra.length > 0) line.push({ text: ` (${extra.join(', ')})` });
  const bad = Object.values(snapshot.badLines).reduce((sum, n) => sum + n, 0);
  if (bad > 0) line.push({ text: ` · ${plural(bad, 'unreadable journal line')}`, color: 'yellow' });
  if (state.stack[state.stack.length - 1]?.kind === 'fleet') {
    line.push({ text: ` · sort: ${SORT_LABEL[state.fleet.sort]}`, dim: true });
    if (state.fleet.filter) line.push({ text: ` · filter: ${state.fleet.filter}`, color: 'yellow' });
  }
  // the first line of the problem names the file; `nightshift validate` names every field
  if (state.configProblem !== null)
    line.push({
      text: ` · ${oneLine(state.configProblem.split('\n')[0] ?? '').replace(/:$/, '')} — runs refuse to start (nightshift validate)`,
      color: 'red',
      bold: true,
    });
  const stop: Line | null = global.stopped
    ? [
        {
          text:
            ` ■ GLOBAL STOP since ${relativeTime(global.since, now)} by ${global.by ?? '?'}` +
            `${global.reason ? `: ${oneLine(global.reason)}` : ''} — no run starts; S starts all again `,
          color: 'red',
          bold: true,
          inverse: true,
        },
      ]
    : null;
  return { title, totals: line, stop };
}
