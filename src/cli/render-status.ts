import {
  SEVERITY_COLOR,
  STATE_COLOR,
  describeScheduler,
  type FleetAgent,
  type FleetSnapshot,
  nextLabel,
  relativeTime,
  statusSeverity,
  usd,
} from '../fleet/index.js';
import { formatIsoWall } from '../shared/index.js';
import { visible } from '../text/index.js';
import { type Color, paint } from '../text/index.js';
import { formatTable } from '../text/index.js';

/**
 * `nightshift status` for a person: a header line, one row per agent, then what
 * needs fixing. Its colours are its own: every foreign text in it (a reason, a
 * problem, a path) goes through the table, paint or visible().
 */
export function renderStatus(snapshot: FleetSnapshot, now: Date, width = 80): string {
  const lines: string[] = [];
  const { totals, scheduler, global } = snapshot;
  const health = describeScheduler(scheduler, now, snapshot.timezone);
  const sched = paint(health.text, SEVERITY_COLOR[health.severity] ?? 'gray');
  lines.push(
    `${visible(snapshot.home)} · ${sched} · ${usd(totals.monthToDate)} this month · ${totals.runsToday} runs ` +
      `today · ${totals.openAlerts} open alert${totals.openAlerts === 1 ? '' : 's'}`,
  );
  if (global.stopped)
    lines.push(
      paint(
        `GLOBAL STOP since ${relativeTime(global.since, now)} by ${global.by ?? '?'}` +
          `${global.reason ? ` (${global.reason})` : ''}: no run starts until \`nightshift start-all\``,
        'red',
      ),
    );
  for (const line of quietLines(snapshot)) lines.push(paint(line, 'yellow'));
  lines.push('');
  lines.push(
    formatTable<FleetAgent>(
      snapshot.agents,
      [
        { header: 'STATE', value: (a) => stateLabel(a, now), color: (a) => STATE_COLOR[a.display] ?? 'gray' },
        { header: 'AGENT', value: (a) => a.name, shrink: true, min: 12 },
        {
          header: 'LAST',
          value: (a) => lastStatus(a),
          color: (a) => (a.lastRun ? (SEVERITY_COLOR[statusSeverity(a.lastRun.status) ?? 'ok'] ?? 'gray') : null),
        },
        { header: 'WHEN', value: (a) => relativeTime(a.lastRun?.started_at, now) },
        { header: 'NEXT', value: (a) => nextLabel(a, now.getTime()) },
        { header: 'MONTH', value: (a) => monthLabel(a), color: monthColor, align: 'right' },
        {
          header: 'AL',
          value: (a) => (a.openAlerts.length > 0 ? String(a.openAlerts.length) : ''),
          color: () => 'red',
          align: 'right',
        },
      ],
      width,
    ),
  );
  const invalid = snapshot.agents.filter((a) => !a.valid);
  if (invalid.length > 0) {
    lines.push('');
    for (const agent of invalid) lines.push(paint(`INVALID ${agent.problem}`, 'red'));
    lines.push('(`nightshift validate` lists every problem)');
  }
  // something about these agents could not be worked out: theirs alone, every other row is as it should be
  const faulty = snapshot.agents.filter((a) => a.faults.length > 0);
  if (faulty.length > 0) {
    lines.push('');
    for (const agent of faulty) for (const fault of agent.faults) lines.push(paint(`ERROR ${fault.message}`, 'red'));
  }
  const bad = Object.entries(snapshot.badLines);
  if (bad.length > 0) {
    lines.push('');
    for (const [file, count] of bad)
      lines.push(paint(`${file}: ${count} line${count === 1 ? '' : 's'} could not be read and were skipped`, 'yellow'));
  }
  return lines.join('\n');
}

/** Maintenance windows, then acknowledged alerts: what is kept from the channels, and by whom. */
function quietLines(snapshot: FleetSnapshot): string[] {
  const lines = (snapshot.silences ?? []).map((s) => {
    const until = formatIsoWall(s.until, snapshot.timezone);
    return `SILENCED ${visible(s.agent ?? 'the fleet')} until ${until} by ${visible(s.by)}: ${visible(s.reason)} (alerts recorded, none sent)`;
  });
  const alerts = [...snapshot.agents.flatMap((a) => a.openAlerts), ...snapshot.fleetAlerts];
  for (const alert of alerts)
    if (alert.quiet?.kind === 'ack') lines.push(`ACKED ${visible(alert.key)}: ${visible(alert.quiet.text)}`);
  return lines;
}

function stateLabel(agent: FleetAgent, now: Date): string {
  if (agent.running) {
    // a shared home: which host it runs on
    const where = agent.running.host === undefined ? '' : ` on ${agent.running.host}`;
    return `run ${relativeTime(agent.running.started_at, now).replace(' ago', '')}${where}`;
  }
  return agent.display;
}

function lastStatus(agent: FleetAgent): string {
  const run = agent.lastRun;
  if (!run) return '—';
  return run.status === 'SKIPPED' && run.reason ? `SKIPPED` : run.status;
}

function monthLabel(agent: FleetAgent): string {
  const { monthToDate, budget } = agent.cost;
  return budget === null ? usd(monthToDate) : `${usd(monthToDate)}/${usd(budget)}`;
}

/** Red once the budget is spent, yellow from its warning fraction. */
function monthColor(agent: FleetAgent): Color | null {
  const { budget, fraction } = agent.cost;
  if (budget === null || fraction === null) return null;
  if (fraction >= 1) return 'red';
  if (fraction >= (agent.definition?.budget?.warn_at ?? 0.8)) return 'yellow';
  return null;
}
