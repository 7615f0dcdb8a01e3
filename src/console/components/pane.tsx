import { Box } from 'ink';
import { windowOf } from '../state/list.js';
import type { Line } from '../selectors/cells.js';
import { Lines } from './line-text.js';

/** A scrolled window onto a list of lines: only the visible ones are drawn. */
export function Pane({
  lines,
  offset,
  height,
  noColor,
}: {
  lines: Line[];
  offset: number;
  height: number;
  noColor: boolean;
}) {
  return (
    <Box flexDirection="column">
      <Lines lines={windowOf(lines, offset, height)} noColor={noColor} />
    </Box>
  );
}

/** "lines 20–40 of 120" for a pane's title. */
export function scrollInfo(offset: number, height: number, total: number): string {
  if (total <= height) return '';
  const first = Math.min(total, offset + 1);
  const last = Math.min(total, offset + height);
  return `lines ${first}–${last} of ${total}`;
}
