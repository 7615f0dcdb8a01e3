import { own, usdSet } from '../../shared/index.js';
import {
  bar,
  type FleetAgent,
  nextLabel,
  relativeTime,
  runDuration,
  SEVERITY_RANK,
  STATE_COLOR,
  statusSeverity,
  usd,
} from '../../fleet/index.js';
import { oneLine } from '../format.js';
import type { ConsoleState, SortKey } from '../state/types.js';
import { type Color, highlight, type Line, SEVERITY_COLOR, ALERT_COLOR, type Segment } from './cells.js';
import { type ColumnId, MONTH_BAR_WIDTH } from './columns.js';

/**
 * The fleet table as view models: which agents show (filter), in what order
 * (sort), and each row's cells. Everything here reads the FleetSnapshot; no
 * status, cost or next run is worked out again.
 */

export const SORT_LABEL: Record<SortKey, string> = {
  name: 'name',
  status: 'last status',
  next: 'next run',
  cost: 'month-to-date cost',
};

/** What `/` matches: name, owner, trigger in words, last status, state. */
export function matchesFilter(agent: FleetAgent, filter: string): boolean {
  if (!filter) return true;
  const needle = filter.toLowerCase();
  return [agent.name, agent.owner ?? '', agent.trigger, agent.lastRun?.status ?? '', agent.display].some((field) =>
    field.toLowerCase().includes(needle),
  );
}

/** Retired agents (`nightshift retire`) are hidden unless the filter asks for them: `/retired`. */
function showsRetired(agent: FleetAgent, filter: string): boolean {
  return agent.operator.state !== 'retired' || filter.toLowerCase().includes('retired');
}

function severityRank(agent: FleetAgent): number {
  if (!agent.valid || agent.display === 'error') return -1;
  const severity = statusSeverity(agent.lastRun?.status);
  return severity === null ? 99 : SEVERITY_RANK[severity];
}

const COMPARE: Record<SortKey, (a: FleetAgent, b: FleetAgent) => number> = {
  name: () => 0,
  status: (a, b) => severityRank(a) - severityRank(b),
  next: (a, b) =>
    (a.nextDue === null ? Infinity : Date.parse(a.nextDue)) - (b.nextDue === null ? Infinity : Date.parse(b.nextDue)) ||
    0,
  cost: (a, b) => b.cost.monthToDate - a.cost.monthToDate,
};

function compareBy(sort: SortKey): (a: FleetAgent, b: FleetAgent) => number {
  return (a, b) => {
    const primary = COMPARE[sort](a, b);
    return Number.isNaN(primary) || primary === 0 ? a.name.localeCompare(b.name) : primary;
  };
}

const visibleCache = new WeakMap<object, { sort: SortKey; filter: string; agents: FleetAgent[] }>();

/** The agents the table lists, filtered and sorted; the same array while snapshot, sort and filter stay the same. */
export function visibleAgents(state: ConsoleState): FleetAgent[] {
  const snapshot = state.snapshot;
  if (!snapshot) return [];
  const { sort, filter } = state.fleet;
  const cached = visibleCache.get(snapshot);
  if (cached && cached.sort === sort && cached.filter === filter) return cached.agents;
  const agents = snapshot.agents
    .filter((agent) => showsRetired(agent, filter) && matchesFilter(agent, filter))
    .sort(compareBy(sort));
  visibleCache.set(snapshot, { sort, filter, agents });
  return agents;
}

/** Index of the cursor's agent in the visible list (0 when it is filtered out or gone). */
export function fleetCursorIndex(state: ConsoleState): number {
  const index = visibleAgents(state).findIndex((agent) => agent.name === state.fleet.cursor);
  return index === -1 ? 0 : index;
}

export function selectedAgent(state: ConsoleState): FleetAgent | null {
  return visibleAgents(state)[fleetCursorIndex(state)] ?? null;
}

export function findAgent(state: ConsoleState, name: string): FleetAgent | null {
  return state.snapshot?.agents.find((agent) => agent.name === name) ?? null;
}

export type RowCells = Record<ColumnId, Line>;

export interface FleetRow {
  name: string;
  selected: boolean;
  cells: RowCells;
  /** the cells of columns drawn in their narrow form (Column.rich false): the month without its bar */
  narrow: Partial<RowCells>;
  /** cheap equality for React.memo: every text and colour of the row */
  sig: string;
}

/** A fault's message without the agent's name, which the row already shows. */
function troubleOf(agent: FleetAgent): string {
  const problem = oneLine(agent.problem);
  return problem.startsWith(`${agent.name}: `) ? problem.slice(agent.name.length + 2) : problem;
}

/** How long a run in flight has been going: 0s, 42s, 4m12s. */
export function elapsed(startedAt: string, now: number): string {
  const ms = Math.max(0, now - Date.parse(startedAt));
  return ms < 1000 ? '0s' : runDuration(ms);
}

/** In a home shared by several hosts, the host a run is in flight on, in front of its elapsed time: "web-1 ". */
function runningWhere(running: NonNullable<FleetAgent['running']>): string {
  return running.host === undefined ? '' : `${running.host} `;
}

/** The state cell: running beats everything and shows its elapsed time; a run started from here shows as starting. */
export function stateCell(agent: FleetAgent, now: number, startedHere: number | undefined): Segment {
  if (agent.running)
    return {
      text: `▶ ${runningWhere(agent.running)}${elapsed(agent.running.started_at, now)}`,
      color: 'blue',
      bold: true,
    };
  if (startedHere !== undefined) return { text: 'starting', color: 'blue' };
  if (agent.display === 'invalid') return { text: 'INVALID', color: 'red', bold: true };
  if (agent.display === 'error') return { text: 'ERROR', color: 'red', bold: true };
  return { text: agent.display, color: STATE_COLOR[agent.display] ?? 'gray' };
}

export function statusSegment(status: string | null | undefined): Segment {
  if (!status) return { text: '—', dim: true };
  const severity = statusSeverity(status as Parameters<typeof statusSeverity>[0]);
  return { text: status, color: severity ? SEVERITY_COLOR[severity] : undefined, bold: severity === 'error' };
}

export function monthSegment(agent: FleetAgent, barWidth = 5): Segment {
  const { monthToDate, budget, fraction } = agent.cost;
  const amount = usd(monthToDate);
  if (budget === null) return { text: `${' '.repeat(barWidth)} ${amount}` };
  const warnAt = agent.definition?.budget?.warn_at ?? 0.8;
  return { text: `${bar(fraction, barWidth)} ${amount}`, color: budgetColor(fraction, warnAt) };
}

/** The month's spend against its budget, "$9.06/$40" ("$0.60" alone without a budget): the fleet's month cell without its bar. */
export function monthText(agent: FleetAgent): string {
  const { monthToDate, budget } = agent.cost;
  return budget === null ? usd(monthToDate) : `${usd(monthToDate)}/${usdSet(budget)}`;
}

/** The fleet's month cell: the bar (blank without a budget), then the spend against the budget, in the budget's colour. */
export function monthCells(agent: FleetAgent): { rich: Line; narrow: Line } {
  const color = budgetColor(agent.cost.fraction, agent.definition?.budget?.warn_at ?? 0.8);
  const amount: Segment = { text: monthText(agent), color: agent.cost.budget === null ? undefined : color };
  const gauge: Segment =
    agent.cost.budget === null
      ? { text: ' '.repeat(MONTH_BAR_WIDTH + 1) }
      : { text: `${bar(agent.cost.fraction, MONTH_BAR_WIDTH)} `, color };
  return { rich: [gauge, amount], narrow: [amount] };
}

/** Red once the month's budget is spent, yellow from its warn_at fraction, else the terminal's own color. */
function budgetColor(fraction: number | null, warnAt: number): Color | undefined {
  if (fraction === null) return undefined;
  if (fraction >= 1) return 'red';
  if (fraction >= warnAt) return 'yellow';
  return undefined;
}

export function alertsSegment(agent: FleetAgent): Segment {
  const n = agent.openAlerts.length;
  if (n === 0) return { text: '' };
  return { text: `!${n}`, color: ALERT_COLOR[worstSeverity(agent.openAlerts)], bold: true };
}

function worstSeverity(alerts: FleetAgent['openAlerts']): keyof typeof ALERT_COLOR {
  if (alerts.some((a) => a.severity === 'critical')) return 'critical';
  if (alerts.some((a) => a.severity === 'warning')) return 'warning';
  return 'info';
}

export function fleetRow(
  agent: FleetAgent,
  now: number,
  filter: string,
  selected: boolean,
  startedHere: number | undefined,
): FleetRow {
  const date = new Date(now);
  const run = agent.lastRun;
  const month = monthCells(agent);
  const cells: RowCells = {
    state: [stateCell(agent, now, startedHere)],
    name: highlight(agent.name, filter, { bold: true }),
    owner: highlight(agent.owner ?? '—', filter),
    // an agent that could not be evaluated says why where its trigger would be: the row is the first place anyone looks
    trigger:
      agent.display === 'error' && agent.problem
        ? highlight(`✗ ${troubleOf(agent)}`, filter, { color: 'red' })
        : highlight(agent.trigger, filter, { dim: !agent.valid }),
    next: [{ text: nextLabel(agent, now) }],
    last: [statusSegment(run?.status)],
    when: [{ text: relativeTime(run?.started_at, date) }],
    duration: [{ text: runDuration(run?.duration_ms) }],
    cost: [{ text: usd(run?.cost_usd) }],
    month: month.rich,
    alerts: [alertsSegment(agent)],
  };
  const sig = `${selected ? 1 : 0}|${Object.values(cells)
    .map((line) => line.map((s) => `${s.text}\u0001${s.color ?? ''}${s.inverse ? 'i' : ''}`).join('\u0002'))
    .join('|')}`;
  return { name: agent.name, selected, cells, narrow: { month: month.narrow }, sig };
}

export function fleetRows(state: ConsoleState): FleetRow[] {
  return fleetRowWindow(state, 0, Number.MAX_SAFE_INTEGER);
}

/** Only the rows a window shows: a fleet of hundreds costs the same per frame as one that fits. */
export function fleetRowWindow(state: ConsoleState, offset: number, height: number): FleetRow[] {
  const cursor = fleetCursorIndex(state);
  return visibleAgents(state)
    .slice(offset, offset + height)
    .map((agent, i) =>
      fleetRow(agent, state.now, state.fleet.filter, offset + i === cursor, own(state.starting, agent.name)),
    );
}
