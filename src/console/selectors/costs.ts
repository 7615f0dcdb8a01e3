import { usd } from '../../fleet/index.js';
import { fit, sparkline } from '../format.js';
import type { ConsoleState } from '../state/types.js';
import type { Line } from './cells.js';
import { anomalySentence, anomalyText } from '../../alerts/index.js';

/**
 * The costs view as rows. The numbers and the anomalies are governance's cost
 * report — the one `nightshift costs` prints, judged by the cost anomaly rule
 * `check` alerts on (src/alerts/rules/cost-anomaly.ts) — so the console flags
 * exactly what the command and the watchdog do.
 */
export interface CostRow {
  name: string;
  monthToDate: number;
  lastMonth: number;
  projected: number;
  /** runs that could cost (SKIPPED left out) */
  runs: number;
  perRun: number | null;
  lastPerRun: number | null;
  /** the last 30 days, oldest first */
  trend: string;
  anomaly: string | null;
}

export function costRows(state: ConsoleState): CostRow[] {
  return (state.costs?.rows ?? []).map((row) => ({
    name: row.name,
    monthToDate: row.monthToDate,
    lastMonth: row.lastMonth,
    projected: row.projected,
    runs: row.billableRuns,
    perRun: row.costPerRun,
    lastPerRun: row.lastCostPerRun,
    trend: sparkline(row.daily),
    anomaly: row.anomalies.length > 0 ? anomalyText(row.anomalies) : null,
  }));
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
  if (layout.perRun)
    line.push({
      text: ` ${fit(String(row.runs), 5, 'right')} ${fit(usd(row.perRun), 9, 'right')} ${fit(usd(row.lastPerRun), 9, 'right')}`,
    });
  if (layout.trend) line.push({ text: '  ' }, { text: fit(row.trend, 30), color: 'cyan' });
  line.push(
    { text: '  ' },
    {
      text: '█'.repeat(Math.max(row.monthToDate > 0 ? 1 : 0, Math.min(layout.bar - 2, filled))),
      color: flagged ? 'red' : 'green',
    },
  );
  if (flagged) line.push({ text: ' ▲', color: 'red', bold: true });
  if (selected) for (const segment of line) segment.inverse = true;
  return line;
}

/** Under the table: everything about the selected agent's money in words, anomaly first. */
export function costDetail(row: CostRow | undefined): Line {
  if (!row) return [{ text: 'no agents', dim: true }];
  const line: Line = [];
  if (row.anomaly) line.push({ text: `▲ ${anomalySentence(row.name, row.anomaly)}. `, color: 'red', bold: true });
  else line.push({ text: `${row.name}: `, bold: true });
  line.push({
    text:
      `${usd(row.monthToDate)} this month (on course for ${usd(row.projected)}), ${usd(row.lastMonth)} last ` +
      `month; ${row.runs} runs at ${usd(row.perRun)} each (was ${usd(row.lastPerRun)})`,
  });
  return line;
}
