/** What a component draws: text with at most one colour and a couple of styles. Colours are dropped under NO_COLOR. */
export type Color = 'green' | 'red' | 'yellow' | 'cyan' | 'blue' | 'magenta' | 'gray';

export interface Segment {
  text: string;
  color?: Color;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** A line is a list of segments; components draw one <Text> per line. */
export type Line = Segment[];

export { SEVERITY_COLOR } from '../../fleet/index.js';
export const ALERT_COLOR: Record<'info' | 'warning' | 'critical', Color> = {
  info: 'cyan',
  warning: 'yellow',
  critical: 'red',
};
/** The order alerts are listed in: the worst first. */
export const ALERT_RANK: Record<'info' | 'warning' | 'critical', number> = { critical: 0, warning: 1, info: 2 };

export function plainText(line: Line): string {
  return line.map((segment) => segment.text).join('');
}

/** Splits `text` so the (case-insensitive) matches of `needle` are marked: filter and search highlights. */
export function highlight(text: string, needle: string, base: Omit<Segment, 'text'> = {}): Line {
  if (!needle) return [{ text, ...base }];
  const lower = text.toLowerCase();
  const want = needle.toLowerCase();
  const out: Line = [];
  let from = 0;
  for (let at = lower.indexOf(want); at !== -1 && want.length > 0; at = lower.indexOf(want, at + want.length)) {
    if (at > from) out.push({ text: text.slice(from, at), ...base });
    out.push({ text: text.slice(at, at + want.length), ...base, inverse: true, color: 'yellow' });
    from = at + want.length;
  }
  if (from < text.length) out.push({ text: text.slice(from), ...base });
  return out;
}

function length(text: string): number {
  return Array.from(text).length;
}

/** A line cut (with …) or padded to exactly `width` cells, styles kept. */
export function fitLine(line: Line, width: number, align: 'left' | 'right' = 'left'): Line {
  if (width <= 0) return [];
  const total = line.reduce((sum, segment) => sum + length(segment.text), 0);
  if (total <= width) {
    const pad: Segment = { text: ' '.repeat(width - total) };
    if (pad.text === '') return line;
    return align === 'right' ? [pad, ...line] : [...line, pad];
  }
  const out: Line = [];
  let room = width - 1;
  for (const segment of line) {
    if (room <= 0) break;
    const chars = Array.from(segment.text);
    out.push({ ...segment, text: chars.slice(0, room).join('') });
    room -= Math.min(room, chars.length);
  }
  const last = out[out.length - 1];
  out.push({ ...(last ?? {}), text: '…' });
  return out;
}

/** A line word-wrapped over at most `max` lines of `width`, the last cut with … when it does not fit. */
export function wrapLine(line: Line, width: number, max: number): Line[] {
  const words: Segment[] = line.flatMap(({ text, ...style }) =>
    text.split(/(?<=\s)/).map((part) => ({ ...style, text: part })),
  );
  const lines: Line[] = [[]];
  let used = 0;
  for (const word of words) {
    const size = length(word.text);
    if (used + length(word.text.trimEnd()) > width && used > 0) {
      lines.push([]);
      used = 0;
    }
    (lines[lines.length - 1] as Line).push(word);
    used += size;
  }
  for (const wrapped of lines) {
    const last = wrapped[wrapped.length - 1];
    if (last) wrapped[wrapped.length - 1] = { ...last, text: last.text.trimEnd() };
  }
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = fitLine([...(kept[max - 1] as Line), { text: ' ' }, ...(lines[max] as Line)], width);
  return kept;
}

function sameStyle(a: Segment, b: Segment): boolean {
  return (
    a.color === b.color &&
    a.bold === b.bold &&
    a.dim === b.dim &&
    a.inverse === b.inverse &&
    a.italic === b.italic &&
    a.underline === b.underline
  );
}

/** Neighbouring segments of one style as one: fewer text nodes for Ink to lay out and measure on every frame. */
export function mergeSegments(line: Line): Line {
  const out: Line = [];
  for (const segment of line) {
    if (segment.text === '') continue;
    const last = out[out.length - 1];
    if (last && sameStyle(last, segment)) out[out.length - 1] = { ...last, text: last.text + segment.text };
    else out.push(segment);
  }
  return out;
}
