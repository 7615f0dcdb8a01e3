import { wrapText } from '../format.js';
import type { TextFile } from '../state/types.js';
import type { Line } from './cells.js';

const cache = new WeakMap<TextFile, { width: number; lines: Line[] }>();

/** A text file as wrapped lines for a pane; the same array while the file and the width stay the same. */
export function textLines(file: TextFile | undefined, width: number): Line[] {
  if (!file) return [[{ text: 'reading…', dim: true }]];
  if (file.error !== null || file.text === null) return [[{ text: file.error ?? 'unreadable', color: 'red' }]];
  const hit = cache.get(file);
  if (hit && hit.width === width) return hit.lines;
  const lines: Line[] = wrapText(file.text, width).map((text) => [{ text }]);
  if (lines.length === 0) lines.push([{ text: '(empty file)', dim: true }]);
  if (file.truncated) lines.push([{ text: '… (file continues; open it with your editor or pager)', dim: true }]);
  cache.set(file, { width, lines });
  return lines;
}
