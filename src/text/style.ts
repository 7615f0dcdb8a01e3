import { sgr, SGR_CODES, type SgrColor, sgrReset } from './sgr.js';
import { visible } from './visible.js';

/**
 * Colour for human output: only on a TTY, never with NO_COLOR set, forced with
 * FORCE_COLOR. Plain ANSI codes: the CLI must not pull in a terminal library.
 */
export function colorEnabled(
  stream: Pick<NodeJS.WriteStream, 'isTTY'> = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

export type Color = SgrColor;

/** `text` in a colour; what it holds that could steer the terminal is shown, not obeyed (it may quote a reason or a file). */
export function paint(text: string, color: Color, enabled = colorEnabled()): string {
  const safe = visible(text);
  if (!enabled) return safe;
  return `${sgr(SGR_CODES[color])}${safe}${sgr(sgrReset(color))}`;
}
