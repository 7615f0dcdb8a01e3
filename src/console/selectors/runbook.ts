import { renderMarkdown } from '../markdown.js';
import type { ConsoleState } from '../state/types.js';
import { findMatches } from '../state/search.js';
import { highlight, type Line } from './cells.js';

export function runbookFile(name: string): string {
  return `runbooks/${name}.md`;
}

const cache = new WeakMap<object, { width: number; lines: Line[] }>();

/** A runbook rendered for the pane's width; the same array until the file or the width changes. */
export function runbookLines(state: ConsoleState, name: string, width: number): Line[] {
  const file = state.texts[runbookFile(name)];
  if (!file) return [[{ text: 'reading…', dim: true }]];
  if (file.text === null) return [[{ text: file.error ?? 'unreadable', color: 'red' }]];
  const hit = cache.get(file);
  if (hit && hit.width === width) return hit.lines;
  const lines = renderMarkdown(file.text, width);
  cache.set(file, { width, lines });
  return lines;
}

/** Line numbers holding the search text, for n/N (state/search.ts, shared with the output pane). */
export function searchMatches(lines: Line[], search: string): number[] {
  return findMatches(lines, search);
}

export function highlightLine(line: Line, search: string): Line {
  if (!search) return line;
  return line.flatMap(({ text, ...style }) => highlight(text, search, style));
}
