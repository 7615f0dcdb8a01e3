import { visibleLength } from './style.js';

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  align?: 'left' | 'right';
  /** the column that gives up width first when the table is too wide */
  shrink?: boolean;
  min?: number;
}

/** A plain text table that fits `width` columns, shrinking the marked columns with an ellipsis. */
export function formatTable<Row>(rows: Row[], columns: Column<Row>[], width = 80): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const widths = columns.map((column, i) => Math.max(visibleLength(column.header), ...cells.map((line) => visibleLength(line[i]!))));
  const total = () => widths.reduce((sum, w) => sum + w, 0) + 2 * (columns.length - 1);
  // the rightmost shrinkable column (usually free text like a reason) gives up width first
  for (let i = columns.length - 1; i >= 0 && total() > width; i--) {
    if (!columns[i]!.shrink) continue;
    widths[i] = Math.max(columns[i]!.min ?? 8, widths[i]! - (total() - width));
  }
  const line = (values: string[]) =>
    values
      .map((value, i) => fit(value, widths[i]!, columns[i]!.align ?? 'left'))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n');
}

function fit(value: string, width: number, align: 'left' | 'right'): string {
  const length = visibleLength(value);
  if (length > width) return `${value.slice(0, Math.max(0, width - 1))}…`;
  const pad = ' '.repeat(width - length);
  return align === 'right' ? pad + value : value + pad;
}
