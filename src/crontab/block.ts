import { NightshiftError } from '../shared/index.js';

/**
 * The managed block in a crontab, as text, and nothing else: find it, put a
 * new one in its place (or at the end), take it out. Every byte outside the
 * block is kept as it was — comments, environment lines, other tools'
 * blocks, CRLF endings, a last line without its newline. The one byte ever
 * added is the newline that must separate such a last line from a block
 * appended after it (crontab(1) refuses a file that does not end in one).
 *
 * Texts are "binary strings" (one char per byte, latin1), so bytes that are
 * not UTF-8 survive the round trip; `binary()` turns a home path into one.
 */
export class CrontabBlockError extends NightshiftError {
  constructor(message: string, details: { expected: string; actual: string }) {
    super(
      'CRONTAB_BLOCK',
      message,
      { ...details, fix: 'run `crontab -e` and repair or delete the nightshift marker lines by hand' },
      1,
    );
  }
}

export function binary(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

export function beginMarker(home: string): string {
  return `# BEGIN nightshift ${home}`;
}

export function endMarker(home: string): string {
  return `# END nightshift ${home}`;
}

export interface FoundBlock {
  /** offset of the BEGIN line */
  start: number;
  /** offset just past the END line (and its newline, if it has one) */
  end: number;
  /** the lines between the markers, without their line ends */
  body: string[];
}

interface Line {
  start: number;
  /** past the line's newline, or the end of the text */
  end: number;
  text: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let at = 0;
  while (at < text.length) {
    const newline = text.indexOf('\n', at);
    const end = newline === -1 ? text.length : newline + 1;
    lines.push({ start: at, end, text: text.slice(at, newline === -1 ? text.length : newline).replace(/\r$/, '') });
    at = end;
  }
  return lines;
}

/** A marker line, allowing for trailing blanks an editor may have left. */
function isMarker(line: string, marker: string): boolean {
  return line.trimEnd() === marker;
}

/** The block for `home`, or null. A BEGIN without its END (or twice) is an error, never guessed at. */
export function findBlock(text: string, home: string): FoundBlock | null {
  const begin = beginMarker(home);
  const end = endMarker(home);
  const lines = linesOf(text);
  const begins = lines.flatMap((line, i) => (isMarker(line.text, begin) ? [i] : []));
  const ends = lines.flatMap((line, i) => (isMarker(line.text, end) ? [i] : []));
  if (begins.length === 0 && ends.length === 0) return null;
  if (begins.length !== 1 || ends.length !== 1 || (ends[0] as number) < (begins[0] as number)) {
    throw new CrontabBlockError(
      `the crontab's nightshift block for ${home} is damaged: found ${begins.length} BEGIN and ${ends.length} ` +
        `END marker line(s)${begins.length === 1 && ends.length === 1 ? ', END before BEGIN' : ''}`,
      {
        expected: `one "${begin}" line, then one "${end}" line`,
        actual: `${begins.length} BEGIN, ${ends.length} END`,
      },
    );
  }
  const first = begins[0] as number;
  const last = ends[0] as number;
  return {
    start: (lines[first] as Line).start,
    end: (lines[last] as Line).end,
    body: lines.slice(first + 1, last).map((line) => line.text),
  };
}

export function renderBlock(home: string, body: readonly string[]): string {
  return [beginMarker(home), ...body, endMarker(home)].map((line) => `${line}\n`).join('');
}

/** The crontab with the block for `home` replaced (in place) or added (at the end). */
export function replaceBlock(text: string, home: string, body: readonly string[]): string {
  const block = renderBlock(home, body);
  const found = findBlock(text, home);
  if (found) {
    // an END line that was the file's unterminated last line gets its newline back from renderBlock: crontab needs it
    return text.slice(0, found.start) + block + text.slice(found.end);
  }
  if (text.length === 0) return block;
  return text.endsWith('\n') ? text + block : `${text}\n${block}`;
}

/** The crontab without the block for `home`; unchanged when there is none. */
export function removeBlock(text: string, home: string): string {
  const found = findBlock(text, home);
  if (!found) return text;
  return text.slice(0, found.start) + text.slice(found.end);
}

/**
 * The CRON_TZ in force where the block starts (cronie applies it to every
 * entry below it until the next one), so the block can hand it back.
 */
export function inheritedCronTz(text: string, home: string): string | null {
  const found = findBlock(text, home);
  const before = found ? text.slice(0, found.start) : text;
  let zone: string | null = null;
  for (const line of linesOf(before)) {
    const match = /^\s*CRON_TZ\s*=\s*(["']?)(.*?)\1\s*$/.exec(line.text);
    if (match) zone = match[2] ?? null;
  }
  return zone;
}
