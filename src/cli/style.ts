/**
 * Colour for human output: only on a TTY, never with NO_COLOR set, forced with
 * FORCE_COLOR. Plain ANSI codes: the CLI must not pull in a terminal library.
 */
export function colorEnabled(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1, dim: 2 } as const;
export type Color = keyof typeof CODES;

export function paint(text: string, color: Color, enabled = colorEnabled()): string {
  if (!enabled) return text;
  return `\x1b[${CODES[color]}m${text}\x1b[${color === 'bold' || color === 'dim' ? 22 : 39}m`;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
export function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}
