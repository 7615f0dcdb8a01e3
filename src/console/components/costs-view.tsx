import { Box } from 'ink';
import { usd } from '../../fleet/index.js';
import { DETAIL_LINES, frameWidth, listHeight } from '../layout.js';
import { costDetail, costHeader, costLayout, costLine, costRows, type Line, wrapLine } from '../selectors.js';
import { plural } from '../format.js';
import { follow } from '../state/list.js';
import type { ConsoleState, View } from '../state/types.js';
import { LineText, Lines } from './line-text.js';

/** Spend by agent as a bar chart with the numbers beside it; anomalies in red with a ▲. */
export function CostsView({ state, view }: { state: ConsoleState; view: Extract<View, { kind: 'costs' }> }) {
  const report = state.costs;
  if (!report) return <LineText line={[{ text: 'adding up the month…', dim: true }]} noColor={state.noColor} />;
  const rows = costRows(state);
  const { totals, elapsed } = report;
  const layout = costLayout(frameWidth(state), rows);
  const max = Math.max(0, ...rows.map((row) => row.monthToDate));
  const height = listHeight(state, 'costs');
  const offset = follow(view.offset, view.cursor, height, rows.length);
  const title: Line = [
    {
      text: totals.anomalies > 0 ? `▲ ${plural(totals.anomalies, 'anomaly', 'anomalies')}` : 'no anomaly',
      color: totals.anomalies > 0 ? 'red' : 'green',
      bold: true,
    },
    { text: ` · fleet ${usd(totals.monthToDate)} this month`, bold: true },
    {
      text:
        ` → on course for ${usd(totals.projected)} · ${report.previousMonth}: ${usd(totals.lastMonth)} · ` +
        `day ${Math.ceil(elapsed.days)}/${elapsed.daysInMonth}`,
    },
  ];
  const lines = rows
    .slice(offset, offset + height)
    .map((row, i) => costLine(row, layout, max, offset + i === view.cursor));
  return (
    <Box flexDirection="column">
      <LineText line={title} noColor={state.noColor} />
      <LineText line={costHeader(layout)} noColor={state.noColor} />
      <Lines lines={lines} noColor={state.noColor} />
      {lines.length < height ? <Box height={height - lines.length} /> : null}
      <Lines lines={wrapLine(costDetail(rows[view.cursor]), frameWidth(state), DETAIL_LINES)} noColor={state.noColor} />
    </Box>
  );
}
