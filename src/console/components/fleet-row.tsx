import { memo } from 'react';
import { type Column, fitLine, type FleetRow, type Line, MARKER_WIDTH } from '../selectors.js';
import { LineText } from './line-text.js';

/** The row's cells fitted to the columns, as one line. */
export function rowLine(row: FleetRow, columns: Column[]): Line {
  const line: Line = [{ text: row.selected ? '› ' : ' '.repeat(MARKER_WIDTH), bold: true, color: 'magenta' }];
  columns.forEach((column, index) => {
    if (index > 0) line.push({ text: ' ' });
    const cell = column.rich === false ? (row.narrow[column.id] ?? row.cells[column.id]) : row.cells[column.id];
    line.push(...fitLine(cell, column.width, column.align));
  });
  return row.selected ? line.map((segment) => ({ ...segment, inverse: !segment.inverse })) : line;
}

interface Props {
  row: FleetRow;
  columns: Column[];
  noColor: boolean;
}

/** One agent's row. Memoized on its view model's signature: a tick or a reload redraws only the rows whose text changed. */
export const FleetRowView = memo(
  function FleetRowView({ row, columns, noColor }: Props) {
    return <LineText line={rowLine(row, columns)} noColor={noColor} />;
  },
  (before, after) =>
    before.row.sig === after.row.sig && before.columns === after.columns && before.noColor === after.noColor,
);
