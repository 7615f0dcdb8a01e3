import { describeCron } from '../cron/index.js';

/**
 * The comment beside `cron:` that says the schedule in words, kept true when
 * `schedule` changes it: `cron: "0 23 * * *"   # every day at 23:00 ...`
 * (as `nightshift init` writes it) becomes `cron: "0 3 * * *"    # every day
 * at 03:00 ...`. Only a comment that is the old expression's description
 * (describeCron, the words status and the console show) is rewritten; any
 * other comment is the operator's own and stays as it is. The `#` keeps its
 * column when the new value leaves room for it.
 */
export interface CommentChange {
  before: string;
  after: string;
}

const ELLIPSIS = /\s*(\.\.\.|…)$/;

export function followCronComment(
  front: string,
  valueEnd: number,
  before: string,
  after: string,
  oldHashColumn: number | null,
): { text: string; comment: CommentChange | null } {
  const lineEnd = front.indexOf('\n', valueEnd);
  const rest = front.slice(valueEnd, lineEnd === -1 ? front.length : lineEnd);
  const match = /^([ \t]+)#([ \t]*)(.*?)([ \t]*\r?)$/.exec(rest);
  if (!match) return { text: front, comment: null };
  const [, gap, space, body, tail] = match as unknown as [string, string, string, string, string];
  const ending = ELLIPSIS.exec(body)?.[0] ?? '';
  const words = body.slice(0, body.length - ending.length).trim();
  if (words.toLowerCase() !== describeCron(before).toLowerCase()) return { text: front, comment: null };
  const described = `${describeCron(after)}${ending}`;
  const lineStart = front.lastIndexOf('\n', valueEnd - 1) + 1;
  const column = valueEnd - lineStart;
  const pad = oldHashColumn !== null && oldHashColumn > column ? ' '.repeat(oldHashColumn - column) : gap;
  const comment = `${pad}#${space}${described}${tail}`;
  return {
    text: front.slice(0, valueEnd) + comment + front.slice(valueEnd + rest.length),
    comment: { before: body.trim(), after: described },
  };
}

/** The column of the `#` after a value ending at `valueEnd`, before the edit, to keep comments aligned. */
export function hashColumn(front: string, valueEnd: number): number | null {
  const lineStart = front.lastIndexOf('\n', valueEnd - 1) + 1;
  const lineEnd = front.indexOf('\n', valueEnd);
  const rest = front.slice(valueEnd, lineEnd === -1 ? front.length : lineEnd);
  const match = /^[ \t]+#/.exec(rest);
  return match ? valueEnd - lineStart + match[0].length - 1 : null;
}
