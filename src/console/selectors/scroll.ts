import { clamp } from '../state/list.js';
import type { Line } from './cells.js';

/**
 * The line under a scrolled pane: where the window is ("lines 1–12 of 40")
 * and whether more follows, so a reader at 80×24 knows the output goes on.
 * Empty when everything shows.
 */
export function scrollLine(offset: number, height: number, total: number): Line {
  if (total <= height || height <= 0) return [];
  const first = clamp(offset, 0, total - height) + 1;
  const last = first + height - 1;
  const below = total - last;
  const where: Line = [{ text: `── lines ${first}–${last} of ${total}`, dim: true }];
  if (below > 0)
    return [
      ...where,
      { text: ' · ', dim: true },
      { text: `▼ ${below} more below`, color: 'yellow', bold: true },
      { text: ' (j/↓ scrolls, space pages) ──', dim: true },
    ];
  return [...where, { text: ' · end (g: top) ──', dim: true }];
}
