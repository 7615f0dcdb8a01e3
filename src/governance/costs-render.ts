import { bar, usd } from '../fleet/index.js';
import { formatTable, type Column } from '../text/index.js';
import type { CostReport, CostRow } from './costs-report.js';
import { anomalySentence, anomalyText } from '../alerts/index.js';

/** `nightshift costs` for a person: the table, the anomalies in words, the fleet's months as bars. */
const SPARK = '▁▂▃▄▅▆▇█';
const TREND_BAR = 24;

export function renderCosts(report: CostReport, width = 100): string {
  const out: string[] = [];
  out.push(heading(report), '');
  if (report.rows.length === 0) out.push('No agents and no runs.');
  else out.push(formatTable(report.rows, columns(report), width), fleetLine(report));
  const flagged = report.rows.filter((row) => row.anomalies.length > 0);
  out.push('');
  if (flagged.length === 0)
    out.push(
      `No anomaly: no agent on course for more than ${report.thresholds.ratio}× last month or a run ` +
        `costing ${report.thresholds.perRunRatio}× more (ignoring under ${usd(report.thresholds.floorUsd)}).`,
    );
  else {
    out.push(`▲ ${flagged.length} anomal${flagged.length === 1 ? 'y' : 'ies'} — investigate:`);
    for (const row of flagged) out.push(`  ${anomalySentence(row.name, anomalyText(row.anomalies))}`);
  }
  out.push('', 'Fleet by month', ...trendLines(report));
  return out.join('\n');
}

function heading(report: CostReport): string {
  const { elapsed } = report;
  const when = report.complete
    ? 'complete month'
    : `month to date: day ${Math.min(elapsed.daysInMonth, Math.floor(elapsed.days) + 1)} of ${elapsed.daysInMonth}`;
  return `Costs for ${report.month} (${when}, ${report.timezone}) · compared with ${report.previousMonth}`;
}

function columns(report: CostReport): Column<CostRow>[] {
  const cols: Column<CostRow>[] = [
    {
      header: 'AGENT',
      value: (row) => `${row.anomalies.length > 0 ? '▲ ' : '  '}${row.name}${row.defined ? '' : ' (removed)'}`,
    },
    { header: 'OWNER', value: (row) => row.owner ?? '—', shrink: true, min: 5 },
    { header: 'RUNS', value: (row) => String(row.runs), align: 'right' },
    { header: '$/RUN', value: (row) => usd(row.costPerRun), align: 'right' },
    { header: report.complete ? 'MONTH' : 'TO DATE', value: (row) => usd(row.monthToDate), align: 'right' },
  ];
  if (!report.complete) cols.push({ header: 'ON COURSE', value: (row) => usd(row.projected), align: 'right' });
  cols.push(
    { header: 'LAST MO', value: (row) => usd(row.lastMonth), align: 'right' },
    { header: 'WAS/RUN', value: (row) => usd(row.lastCostPerRun), align: 'right' },
    { header: 'BUDGET', value: (row) => budgetCell(row) },
    { header: '6 MONTHS', value: (row) => sparkline(row.trend) },
  );
  return cols;
}

function budgetCell(row: CostRow): string {
  if (!row.budget) return '—';
  return `${Math.round(row.budget.used * 100)}% of ${usd(row.budget.monthlyUsd)}`;
}

function fleetLine(report: CostReport): string {
  const { totals } = report;
  const course = report.complete ? '' : `, on course for ${usd(totals.projected)}`;
  const budget = totals.budgetUsd > 0 ? ` · budgets ${usd(totals.budgetUsd)}` : '';
  return (
    `\nFleet: ${usd(totals.monthToDate)} in ${report.month}${course} · ` +
    `${usd(totals.lastMonth)} in ${report.previousMonth} · ${totals.runs} runs${budget}`
  );
}

/** ▁▂▅█ of a series, scaled to its own maximum; all zero is a flat line. */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values
    .map((value) =>
      max <= 0 ? SPARK[0] : SPARK[Math.min(SPARK.length - 1, Math.round((value / max) * (SPARK.length - 1)))],
    )
    .join('');
}

function trendLines(report: CostReport): string[] {
  const max = Math.max(0, ...report.trend.map((point) => point.costUsd), report.complete ? 0 : report.totals.projected);
  return report.trend.map((point, i) => {
    const last = i === report.trend.length - 1;
    const note = last && !report.complete ? ` (on course for ${usd(report.totals.projected)})` : '';
    return `  ${point.month}  ${bar(max > 0 ? point.costUsd / max : 0, TREND_BAR)}  ${usd(point.costUsd)}${note}`;
  });
}
