/**
 * Text helpers for the console's cells and panes. Times, durations and money
 * come from src/fleet/format.ts so they read the same as `nightshift status`;
 * what is here is only about fitting text into a terminal.
 */
import { visible } from '../text/index.js';

const BARS = '▁▂▃▄▅▆▇█';

/** ▁▂▃▅▇ of the values, scaled from 0 to their maximum (a flat zero series is all ▁). */
export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  const max = Math.max(...values);
  if (!(max > 0)) return BARS[0]!.repeat(values.length);
  return values.map((v) => BARS[Math.max(0, Math.min(7, Math.round((Math.max(0, v) / max) * 7)))]).join('');
}

/**
 * Text from a file or a journal (an agent's output, a reason, an alert) may
 * hold escape sequences; drawn as is they would steer the terminal. They are
 * shown instead, as every command shows them (src/text/visible.ts: ESC as ^[,
 * a C1 or bidi control as <U+009B>); tabs become spaces.
 */
export function clean(text: string): string {
  return visible(text.replace(/\t/g, '  '));
}

/** One line: newlines folded into spaces. */
export function oneLine(text: string | null | undefined): string {
  if (!text) return '';
  return clean(text)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** Exactly `width` cells: cut with … or padded. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const chars = Array.from(text);
  if (chars.length > width) return width === 1 ? '…' : `${chars.slice(0, width - 1).join('')}…`;
  const pad = ' '.repeat(width - chars.length);
  return align === 'right' ? pad + text : text + pad;
}

/** One line word-wrapped to `width` cells; a word longer than the width is cut. */
export function wordWrap(line: string, width: number): string[] {
  const w = Math.max(1, width);
  if (Array.from(line).length <= w) return [line];
  const out: string[] = [];
  let current = '';
  for (const word of line.split(/(?<=\s)(?=\S)/)) {
    const candidate = current + word;
    if (Array.from(candidate.replace(/\s+$/, '')).length <= w) {
      current = candidate;
      continue;
    }
    if (current) out.push(current.replace(/\s+$/, ''));
    let rest = Array.from(word);
    while (rest.length > w) {
      out.push(rest.slice(0, w).join(''));
      rest = rest.slice(w);
    }
    current = rest.join('');
  }
  if (current.replace(/\s+$/, '') || out.length === 0) out.push(current.replace(/\s+$/, ''));
  return out;
}

/** Text wrapped at word boundaries to `width` cells, blank lines kept. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const raw of clean(text).split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line === '') out.push('');
    else out.push(...wordWrap(line, width));
  }
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
