import { visible } from './visible.js';
import { type Color, paint } from './style.js';

export interface Column<Row> {
  header: string;
  /** the cell's text, plain: a record's reason or an owner may hold anything, so it is made visible before it is measured */
  value: (row: Row) => string;
  /** nightshift's colour for the cell, painted once the cell is fitted (never cut through) */
  color?: (row: Row) => Color | null | undefined;
  align?: 'left' | 'right';
  /** the column that gives up width first when the table is too wide */
  shrink?: boolean;
  min?: number;
}

/** A plain text table that fits `width` columns, shrinking the marked columns with an ellipsis. */
export function formatTable<Row>(rows: Row[], columns: Column<Row>[], width = 80): string {
  const cells = rows.map((row) => columns.map((column) => oneLine(visible(column.value(row)))));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((line) => line[i]!.length)));
  const total = () => widths.reduce((sum, w) => sum + w, 0) + 2 * (columns.length - 1);
  // the rightmost shrinkable column (usually free text like a reason) gives up width first
  for (let i = columns.length - 1; i >= 0 && total() > width; i--) {
    if (!columns[i]!.shrink) continue;
    widths[i] = Math.max(columns[i]!.min ?? 8, widths[i]! - (total() - width));
  }
  const line = (values: string[], row: Row | null) =>
    values
      .map((value, i) => {
        const column = columns[i]!;
        const fitted = fit(value, widths[i]!, column.align ?? 'left');
        const color = row === null ? null : column.color?.(row);
        return color ? paintPadded(fitted, color) : fitted;
      })
      .join('  ')
      .trimEnd();
  return [
    line(
      columns.map((c) => c.header),
      null,
    ),
    ...cells.map((values, r) => line(values, rows[r]!)),
  ].join('\n');
}

/** A cell is one line: a newline in a reason would break the table's rows. */
function oneLine(text: string): string {
  return text.includes('\n') || text.includes('\t') ? text.replace(/\s*\n\s*/g, ' ').replace(/\t/g, ' ') : text;
}

/** The colour covers the text, not the padding around it. */
function paintPadded(cell: string, color: Color): string {
  const match = /^( *)(.*?)( *)$/.exec(cell)!;
  return match[2] === '' ? cell : `${match[1]}${paint(match[2]!, color)}${match[3]}`;
}

function fit(value: string, width: number, align: 'left' | 'right'): string {
  if (value.length > width) return `${value.slice(0, Math.max(0, width - 1))}…`;
  const pad = ' '.repeat(width - value.length);
  return align === 'right' ? pad + value : value + pad;
}
