import { ANOMALY_RATIO, MIN_ELAPSED_DAYS, MIN_MONTH_TO_DATE_USD } from '../../alerts/index.js';
import { usd } from '../../fleet/index.js';
import { fit, sparkline } from '../format.js';
import type { ConsoleState, CostsAgent, CostsData } from '../state/types.js';
import type { Line } from './cells.js';

/**
 * The costs view: month-to-date against last month per agent, cost per run,
 * a 30-day trend, and the anomalies worth a look: a month on course for more
 * than 3× the last one (DESIGN §5), or a cost per run that doubled.
 */
export interface CostRow {
  name: string;
  monthToDate: number;
  lastMonth: number;
  projected: number;
  runs: number;
  perRun: number | null;
  lastPerRun: number | null;
  trend: string;
  anomaly: string | null;
}

type MonthProgress = Pick<CostsData, 'elapsed' | 'daysInMonth'>;

/** What the month is on course for: spend so far over the fraction of the month gone (the watchdog's projection). */
export function projectedMonth(agent: CostsAgent, month: MonthProgress): number {
  return month.elapsed > 0 ? agent.monthToDate / Math.min(1, month.elapsed) : agent.monthToDate;
}

/**
 * Month over month uses the watchdog's own rule and thresholds (alerts room),
 * so the console flags what `check` alerts on; a cost per run that doubled is
 * the console's extra question, for agents that spend at all.
 */
export function costAnomaly(agent: CostsAgent, month: MonthProgress): string | null {
  const found: string[] = [];
  const projected = projectedMonth(agent, month);
  const elapsedDays = month.elapsed * month.daysInMonth;
  if (agent.lastMonth > 0 && agent.monthToDate >= MIN_MONTH_TO_DATE_USD && elapsedDays >= MIN_ELAPSED_DAYS && projected > ANOMALY_RATIO * agent.lastMonth)
    found.push(`on course for ${(projected / agent.lastMonth).toFixed(1)}× last month (${usd(projected)} vs ${usd(agent.lastMonth)})`);
  const perRun = agent.runsThisMonth > 0 ? agent.monthToDate / agent.runsThisMonth : null;
  const lastPerRun = agent.runsLastMonth > 0 ? agent.lastMonth / agent.runsLastMonth : null;
  if (perRun !== null && lastPerRun !== null && lastPerRun > 0 && perRun >= 2 * lastPerRun && agent.monthToDate >= MIN_MONTH_TO_DATE_USD / 10)
    found.push(`cost per run ×${(perRun / lastPerRun).toFixed(1)} (${usd(lastPerRun)} → ${usd(perRun)})`);
  return found.length > 0 ? found.join('; ') : null;
}

export function costRows(state: ConsoleState): CostRow[] {
  const data = state.costs;
  if (!data) return [];
  return data.agents
    .map((agent) => ({
      name: agent.name,
      monthToDate: agent.monthToDate,
      lastMonth: agent.lastMonth,
      projected: projectedMonth(agent, data),
      runs: agent.runsThisMonth,
      perRun: agent.runsThisMonth > 0 ? agent.monthToDate / agent.runsThisMonth : null,
      lastPerRun: agent.runsLastMonth > 0 ? agent.lastMonth / agent.runsLastMonth : null,
      trend: sparkline(agent.daily),
      anomaly: costAnomaly(agent, data),
    }))
    .sort((a, b) => b.monthToDate - a.monthToDate || a.name.localeCompare(b.name));
}

export function costTotals(rows: CostRow[]): { monthToDate: number; lastMonth: number; projected: number; anomalies: number } {
  return rows.reduce(
    (sum, row) => ({ monthToDate: sum.monthToDate + row.monthToDate, lastMonth: sum.lastMonth + row.lastMonth, projected: sum.projected + row.projected, anomalies: sum.anomalies + (row.anomaly ? 1 : 0) }),
    { monthToDate: 0, lastMonth: 0, projected: 0, anomalies: 0 },
  );
}

export interface CostLayout {
  name: number;
  bar: number;
  perRun: boolean;
  trend: boolean;
}

/** The bar chart takes what the numbers leave; per-run and trend columns come in as the terminal widens. */
export function costLayout(width: number, rows: CostRow[]): CostLayout {
  const name = Math.min(24, Math.max(8, ...rows.map((row) => row.name.length)));
  const fixed = 2 + name + 1 + 9 + 9 + 2;
  const perRun = width - fixed >= 10 + 26;
  const trend = width - fixed - (perRun ? 26 : 0) >= 10 + 31;
  const bar = Math.max(6, width - fixed - (perRun ? 26 : 0) - (trend ? 31 : 0) - 1);
  return { name, bar, perRun, trend };
}

export function costHeader(layout: CostLayout): Line {
  let text = `  ${fit('AGENT', layout.name)} ${fit('MONTH', 8, 'right')} ${fit('LAST MO', 8, 'right')}`;
  if (layout.perRun) text += ` ${fit('RUNS', 5, 'right')} ${fit('$/RUN', 9, 'right')} ${fit('WAS/RUN', 9, 'right')}`;
  if (layout.trend) text += `  ${fit('30 DAYS', 30)}`;
  text += `  ${fit('MONTH-TO-DATE', layout.bar)}`;
  return [{ text, dim: true }];
}

export function costLine(row: CostRow, layout: CostLayout, max: number, selected: boolean): Line {
  const flagged = row.anomaly !== null;
  const filled = max > 0 ? Math.round((row.monthToDate / max) * layout.bar) : 0;
  const line: Line = [
    { text: selected ? '› ' : '  ', bold: true, color: 'magenta' },
    { text: fit(row.name, layout.name), bold: true, color: flagged ? 'red' : undefined },
    { text: ` ${fit(usd(row.monthToDate), 8, 'right')} ${fit(usd(row.lastMonth), 8, 'right')}` },
  ];
  if (layout.perRun) line.push({ text: ` ${fit(String(row.runs), 5, 'right')} ${fit(usd(row.perRun), 9, 'right')} ${fit(usd(row.lastPerRun), 9, 'right')}` });
  if (layout.trend) line.push({ text: '  ' }, { text: fit(row.trend, 30), color: 'cyan' });
  line.push({ text: '  ' }, { text: '█'.repeat(Math.max(row.monthToDate > 0 ? 1 : 0, Math.min(layout.bar - 2, filled))), color: flagged ? 'red' : 'green' });
  if (flagged) line.push({ text: ' ▲', color: 'red', bold: true });
  if (selected) for (const segment of line) segment.inverse = true;
  return line;
}

/** Under the table: everything about the selected agent's money in words, anomaly first. */
export function costDetail(row: CostRow | undefined): Line {
  if (!row) return [{ text: 'no agents', dim: true }];
  const line: Line = [];
  if (row.anomaly) line.push({ text: `▲ ${row.name}: ${row.anomaly}. `, color: 'red', bold: true });
  else line.push({ text: `${row.name}: `, bold: true });
  line.push({
    text: `${usd(row.monthToDate)} this month (on course for ${usd(row.projected)}), ${usd(row.lastMonth)} last month; ${row.runs} runs at ${usd(row.perRun)} each (was ${usd(row.lastPerRun)})`,
  });
  return line;
}
