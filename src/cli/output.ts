import { relative } from 'node:path';
import { safeJson, visible } from '../text/index.js';
import { colorEnabled } from '../text/index.js';

/**
 * Where every command's text leaves nightshift. What a command prints quotes
 * text it did not write (outputs, reasons, runbooks, alerts, problems in
 * agent files), so nothing is written raw: control characters and escape
 * sequences are shown, not obeyed (src/text/visible.ts).
 */
type Out = Pick<NodeJS.WriteStream, 'write' | 'isTTY'>;

/** Plain text (every renderer but status and logs): nothing in it may steer the terminal. */
export function printText(text: string, stream: Out = process.stdout): void {
  stream.write(visible(text));
}

/**
 * Text painted by style.ts whose foreign parts paint, the table or visible()
 * already showed: nightshift's own colour sequences stay when the stream
 * shows colour, anything else is shown.
 */
export function printStyled(text: string, stream: Out = process.stdout): void {
  stream.write(visible(text, { keepStyle: colorEnabled(stream) }));
}

/** `--json`: one document, C1 and bidi controls escaped as well as C0 (src/text/safe-json.ts). */
export function printJson(value: unknown): void {
  process.stdout.write(`${safeJson(value, 2)}\n`);
}

/**
 * How wide a table may be: the terminal's width on a terminal; on a pipe or a
 * file, no limit, since `nightshift logs | grep` or `status > report.txt`
 * must keep every character of every cell (a cut is for eyes, not for grep).
 * `fallback` is for a terminal that does not say its width.
 */
export function tableWidth(
  fallback: number,
  stream: Pick<NodeJS.WriteStream, 'isTTY' | 'columns'> = process.stdout,
): number {
  if (!stream.isTTY) return Number.POSITIVE_INFINITY;
  return stream.columns || fallback;
}

/** What a state change (pause, stop-all, ack, silence…) came to: its record, or why nothing changed. */
export type ChangeOutcome<R> = { applied: true; record: R } | { applied: false; noop: unknown; message: string };

/**
 * A state change for a script (`--json`: the record, or why nothing changed) or for a person: what was done, by
 * whom and why, a note (what a second pause replaced), and where it is recorded. Returns the exit code, 0.
 */
export function printChange<R extends { by: string; reason?: string | null }>(
  result: ChangeOutcome<R>,
  json: boolean | undefined,
  done: (record: R) => { text: string; note?: string },
  journal: string,
): number {
  if (json) {
    printJson(
      result.applied
        ? { applied: true, record: result.record }
        : { applied: false, noop: result.noop, message: result.message },
    );
    return 0;
  }
  if (!result.applied) {
    printText(`Nothing to do: ${result.message}\n`);
    return 0;
  }
  const r = result.record;
  const { text, note } = done(r);
  printText(
    `${text} (by ${r.by}${r.reason ? `, reason: ${r.reason}` : ''}).${note ? ` ${note}` : ''} Recorded in ${journal}.\n`,
  );
  return 0;
}

/** A journal's path as the operator reads it: relative to the home (a shared home's is this host's own file). */
export function shownJournal(homeRoot: string, file: string): string {
  return relative(homeRoot, file);
}
