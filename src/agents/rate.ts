import { formatDuration, parseDuration } from './units.js';

/**
 * A request rate as written in an agent file: `10/h`, `100/d`, `5/30m` — a
 * count and the window it is counted over. A bare unit means one of it
 * (`/h` is `/1h`). Returns null on bad input so the schema can name the value.
 */
export interface Rate {
  count: number;
  windowMs: number;
}

const RATE = /^(\d+)\s*\/\s*(\d*(?:\.\d+)?\s*(?:ms|s|m|h|d|w))$/;

export function parseRate(text: string): Rate | null {
  const match = RATE.exec(text.trim());
  if (!match) return null;
  const count = Number(match[1]);
  const unit = match[2]!.trim();
  const windowMs = parseDuration(/^\d/.test(unit) ? unit : `1${unit}`);
  if (!Number.isSafeInteger(count) || count <= 0 || windowMs === null) return null;
  return { count, windowMs };
}

/** `10/h`, `5/30m`: the short form back. */
export function formatRate(rate: Rate): string {
  const window = formatDuration(rate.windowMs);
  return `${rate.count}/${window.startsWith('1') && /^1[a-z]+$/.test(window) ? window.slice(1) : window}`;
}
