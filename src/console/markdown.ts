import { clean, fit } from './format.js';
import type { Line, Segment } from './selectors/cells.js';

/**
 * A small block-level markdown renderer for runbooks: headings, paragraphs
 * (line breaks kept),
 * bullet and numbered lists (nested), fenced code, tables, quotes and rules,
 * with inline code, bold, emphasis and links. It returns wrapped lines of
 * styled segments, so the runbook pane scrolls and searches by line like any
 * other pane. No dependency: runbooks are short and written by people.
 */
type Style = Omit<Segment, 'text'>;

const FENCE = /^\s*(```|~~~)/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const LIST_ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;

const INLINE =
  /(`+)(.+?)\1|\*\*(.+?)\*\*|__(.+?)__|\*(?=\S)(.+?)\*|(?<![\w])_(?=\S)(.+?)_(?![\w])|!?\[([^\]]*)\]\(([^)\s]*)[^)]*\)/g;

/** Inline markup as segments: `code`, **bold**, *em*, [text](url). */
export function inline(text: string, base: Style = {}): Segment[] {
  const out: Segment[] = [];
  let from = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index ?? 0;
    if (at > from) out.push({ text: text.slice(from, at), ...base });
    if (match[2] !== undefined) out.push({ text: match[2], ...base, color: 'cyan' });
    else if (match[3] !== undefined || match[4] !== undefined)
      out.push({ text: (match[3] ?? match[4]) as string, ...base, bold: true });
    else if (match[5] !== undefined || match[6] !== undefined)
      out.push({ text: (match[5] ?? match[6]) as string, ...base, italic: true });
    else if (match[7] !== undefined) {
      out.push({ text: match[7], ...base, underline: true });
      if (match[8] && match[8] !== match[7]) out.push({ text: ` (${match[8]})`, ...base, dim: true });
    }
    from = at + match[0].length;
  }
  if (from < text.length) out.push({ text: text.slice(from), ...base });
  return out;
}

/** Word-wraps styled segments to `width`; continuation lines start with `indent`. */
export function wrapSegments(segments: Segment[], width: number, firstPrefix: Segment[] = [], indent = ''): Line[] {
  const lines: Line[] = [];
  const prefixWidth = (line: Line) => line.reduce((sum, s) => sum + Array.from(s.text).length, 0);
  let line: Line = [...firstPrefix];
  let used = prefixWidth(line);
  const start = used;
  const max = Math.max(start + 4, width);
  const newLine = (): void => {
    lines.push(line);
    line = indent ? [{ text: indent }] : [];
    used = indent.length;
  };
  for (const segment of segments) {
    const { text, ...style } = segment;
    for (const token of text.split(/(\s+)/)) {
      if (token === '') continue;
      const isSpace = /^\s+$/.test(token);
      const length = Array.from(token).length;
      if (isSpace) {
        if (used > (lines.length === 0 ? start : indent.length) && used + 1 <= max) {
          line.push({ text: ' ', ...style });
          used += 1;
        }
        continue;
      }
      if (used + length > max && used > (lines.length === 0 ? start : indent.length)) {
        // drop the trailing space before breaking
        const last = line[line.length - 1];
        if (last && last.text === ' ') line.pop();
        newLine();
      }
      let rest = Array.from(token);
      while (used + rest.length > max) {
        const room = Math.max(1, max - used);
        line.push({ text: rest.slice(0, room).join(''), ...style });
        rest = rest.slice(room);
        newLine();
      }
      line.push({ text: rest.join(''), ...style });
      used += rest.length;
    }
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

function splitRow(row: string): string[] {
  let text = row.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  return text.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function plain(segments: Segment[]): string {
  return segments.map((s) => s.text).join('');
}

function renderTable(rows: string[][], width: number): Line[] {
  const columns = Math.max(...rows.map((row) => row.length));
  const cells = rows.map((row) => Array.from({ length: columns }, (_, i) => plain(inline(row[i] ?? ''))));
  const widths = Array.from({ length: columns }, (_, i) =>
    Math.max(3, ...cells.map((row) => Array.from(row[i] as string).length)),
  );
  const available = Math.max(columns * 4, width - (columns - 1) * 3 - 2);
  while (widths.reduce((a, b) => a + b, 0) > available) {
    const widest = widths.indexOf(Math.max(...widths));
    widths[widest] = (widths[widest] as number) - 1;
    if ((widths[widest] as number) <= 3) break;
  }
  const lines: Line[] = [];
  cells.forEach((row, r) => {
    const line: Line = [{ text: '  ' }];
    row.forEach((cell, i) => {
      if (i > 0) line.push({ text: ' │ ', dim: true });
      line.push({ text: fit(cell, widths[i] as number), bold: r === 0 });
    });
    lines.push(line);
    if (r === 0) lines.push([{ text: `  ${widths.map((w) => '─'.repeat(w)).join('─┼─')}`, dim: true }]);
  });
  return lines;
}

function isBlockStart(line: string, next: string | undefined): boolean {
  return (
    FENCE.test(line) ||
    HEADING.test(line) ||
    RULE.test(line) ||
    LIST_ITEM.test(line) ||
    QUOTE.test(line) ||
    (line.trim().startsWith('|') && next !== undefined && TABLE_SEPARATOR.test(next))
  );
}

/** A numbered item keeps its number (`1.`, `2)`); a bullet (`-`, `*`, `+`) is drawn • at the top level and ◦ below it. */
function listMarker(written: string, level: number): string {
  if (/\d/.test(written)) return written;
  return level === 0 ? '•' : '◦';
}

const HEADING_STYLE: Style[] = [
  { bold: true, color: 'magenta', underline: true },
  { bold: true, color: 'cyan' },
  { bold: true },
  { bold: true, dim: true },
];

export function renderMarkdown(text: string, width: number): Line[] {
  const source = clean(text).split('\n');
  const out: Line[] = [];
  const blank = (): void => {
    if (out.length > 0 && out[out.length - 1]!.length > 0) out.push([]);
  };
  let i = 0;
  while (i < source.length) {
    const line = source[i] as string;
    const next = source[i + 1];
    if (line.trim() === '') {
      blank();
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] as string;
      i++;
      while (i < source.length && !(source[i] as string).trim().startsWith(marker)) {
        // code is wrapped hard, not cut: a command in a runbook must be readable to its end
        const chars = Array.from(source[i] as string);
        const room = Math.max(8, width - 2);
        for (let at = 0; at === 0 || at < chars.length; at += room)
          out.push([{ text: `  ${chars.slice(at, at + room).join('')}`, color: 'cyan' }]);
        i++;
      }
      i++; // closing fence
      blank();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blank();
      const level = (heading[1] as string).length;
      out.push(...wrapSegments(inline(heading[2] as string, HEADING_STYLE[Math.min(level, 4) - 1]), width));
      i++;
      continue;
    }
    if (RULE.test(line)) {
      out.push([{ text: '─'.repeat(Math.min(width, 60)), dim: true }]);
      i++;
      continue;
    }
    if (line.trim().startsWith('|') && next !== undefined && TABLE_SEPARATOR.test(next)) {
      const rows = [splitRow(line)];
      i += 2;
      while (i < source.length && (source[i] as string).trim().startsWith('|'))
        rows.push(splitRow(source[i++] as string));
      out.push(...renderTable(rows, width));
      continue;
    }
    const quote = QUOTE.exec(line);
    if (quote) {
      const parts: string[] = [];
      while (i < source.length && QUOTE.test(source[i] as string))
        parts.push((QUOTE.exec(source[i++] as string) as RegExpExecArray)[1] as string);
      out.push(
        ...wrapSegments(inline(parts.join(' '), { dim: true }), width, [{ text: '│ ', dim: true }], '│ ').map((l, n) =>
          n === 0 ? l : [{ text: '│ ', dim: true }, ...l.slice(1)],
        ),
      );
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const level = Math.floor((item[1] as string).replace(/\t/g, '  ').length / 2);
      const marker = listMarker(item[2] as string, level);
      const parts = [item[3] as string];
      i++;
      while (i < source.length) {
        const more = source[i] as string;
        if (more.trim() === '' || isBlockStart(more, source[i + 1])) break;
        parts.push(more.trim());
        i++;
      }
      const prefix = `${'  '.repeat(level + 1)}${marker} `;
      const task = /^\[( |x|X)\]\s+/.exec(parts[0] as string);
      const body = task
        ? `${task[1] === ' ' ? '☐' : '☑'} ${(parts[0] as string).slice(task[0].length)} ${parts.slice(1).join(' ')}`
        : parts.join(' ');
      out.push(
        ...wrapSegments(inline(body.trim()), width, [{ text: prefix, color: 'yellow' }], ' '.repeat(prefix.length)),
      );
      continue;
    }
    // a paragraph keeps its author's line breaks: runbooks are written line by line ("**Owner:** …")
    out.push(...wrapSegments(inline(line.trim()), width));
    i++;
    while (
      i < source.length &&
      (source[i] as string).trim() !== '' &&
      !isBlockStart(source[i] as string, source[i + 1])
    )
      out.push(...wrapSegments(inline((source[i++] as string).trim()), width));
  }
  while (out.length > 0 && out[out.length - 1]!.length === 0) out.pop();
  return out;
}
