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
