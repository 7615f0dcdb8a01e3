import { type Line, plainText } from '../selectors/cells.js';
import { scrollBy } from './list.js';

/**
 * `/` in a pane of lines (a run's output, a runbook): which lines match, which
 * one n / N go to, where the pane scrolls so it shows, and what the status
 * line says. Pure: the lines and the pane's size come in, a position goes out.
 */

const cache = new WeakMap<Line[], { query: string; found: number[] }>();

/** Line numbers holding the query, case-insensitive; the same array while the lines and the query stay. */
export function findMatches(lines: Line[], query: string): number[] {
  if (!query) return [];
  const hit = cache.get(lines);
  if (hit && hit.query === query) return hit.found;
  const needle = query.toLowerCase();
  const found: number[] = [];
  lines.forEach((line, index) => {
    if (plainText(line).toLowerCase().includes(needle)) found.push(index);
  });
  cache.set(lines, { query, found });
  return found;
}

export interface SearchPosition {
  /** the current match's line, -1 when there is none */
  match: number;
  offset: number;
}

export type SearchStep = SearchPosition & { message: string; found: boolean };

/**
 * The match n (dir 1) or N (dir -1) goes to, wrapping round. Without a
 * current match, the first from the top of what is on screen (enter after
 * typing the query) — or the last above it going back.
 */
export function stepMatch(lines: Line[], query: string, at: SearchPosition, dir: 1 | -1, height: number): SearchStep {
  const matches = findMatches(lines, query);
  if (matches.length === 0) return { ...at, match: -1, found: false, message: `no match for “${query}”` };
  const from = at.match >= 0 ? at.match : at.offset - (dir === 1 ? 1 : 0);
  const forward = matches.find((line) => line > from) ?? (matches[0] as number);
  const backward = [...matches].reverse().find((line) => line < from) ?? (matches[matches.length - 1] as number);
  const line = dir === 1 ? forward : backward;
  // the match goes a third of the way down the pane, so what follows it is visible
  const offset = scrollBy(line - Math.floor(height / 3), 0, height, lines.length);
  return { match: line, offset, found: true, message: matchLabel(matches, line, query) };
}

/** "match 2/5 for “timeout” (n/N)": where the current match is among all. */
export function matchLabel(matches: readonly number[], line: number, query: string): string {
  const ordinal = matches.indexOf(line) + 1;
  if (ordinal === 0) return `${matches.length} ${matches.length === 1 ? 'match' : 'matches'} for “${query}” (n/N)`;
  return `match ${ordinal}/${matches.length} for “${query}” (n/N)`;
}
