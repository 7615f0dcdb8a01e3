import { HIDDEN } from './hidden.js';
import { OWN_SGR_SOURCE } from './sgr.js';

/**
 * Text that did not come from nightshift — an agent's output, a stderr
 * excerpt, a failure reason, a runbook, a description, an alert, a change
 * reason, an eval diff — made safe to print on a terminal: every hidden
 * character (hidden.ts) is shown instead of obeyed. The one function the
 * commands and the console use for it.
 *
 *   ESC and the other C0 controls  caret notation: ESC ^[, BEL ^G, NUL ^@, a bare CR ^M
 *   DEL                            ^?
 *   C1 controls, bidi controls     <U+009B>, <U+202E>
 *
 * So `\x1b]52;c;…\x07` prints as `^[]52;c;…^G`. Newline and tab stay; CR LF
 * is a line end and prints as a newline. Pure, and idempotent: what it
 * returns holds nothing it would change.
 *
 * `keepStyle`: leave nightshift's own colour sequences (sgr.ts) as they are.
 * Only for text whose foreign parts were already made visible (paint and the
 * table do that), written to a stream that shows colour.
 */
export interface VisibleOptions {
  keepStyle?: boolean;
}

const HIDDEN_OR_CRLF = new RegExp(`\\r\\n|[${HIDDEN}]`, 'g');
const STYLE_OR_HIDDEN = new RegExp(`(${OWN_SGR_SOURCE})|\\r\\n|[${HIDDEN}]`, 'g');
const ANY_HIDDEN = new RegExp(`[${HIDDEN}]`);

export function visible(text: string, options: VisibleOptions = {}): string {
  if (!ANY_HIDDEN.test(text)) return text;
  if (options.keepStyle) return text.replace(STYLE_OR_HIDDEN, (match, own: string | undefined) => own ?? shown(match));
  return text.replace(HIDDEN_OR_CRLF, shown);
}

/** How one hidden character (or a CR LF) is shown. */
function shown(match: string): string {
  if (match === '\r\n') return '\n';
  const code = match.charCodeAt(0);
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}
