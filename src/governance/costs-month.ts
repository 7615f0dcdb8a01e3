import { UsageError } from '../shared/index.js';
import { monthKey, previousMonth } from '../shared/index.js';

/** The `n` months that end with `month`, oldest first. */
export function monthsEndingWith(month: string, n: number): string[] {
  const out = [month];
  while (out.length < n) out.unshift(previousMonth(out[0] as string));
  return out;
}

/**
 * `--month 2026-11`: a month that has begun in the home's zone. A later month
 * has no costs to show, and `11/2026` or `2026-13` name no month at all.
 */
export function parseMonth(text: string, now: Date, timeZone: string): string {
  const trimmed = text.trim();
  const match = /^(\d{4})-(\d{2})$/.exec(trimmed);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) {
    throw new UsageError(`--month: "${text}" is not a month: expected YYYY-MM, like ${monthKey(now, timeZone)}`, {
      field: '--month',
      actual: text,
      expected: 'YYYY-MM',
    });
  }
  const current = monthKey(now, timeZone);
  if (trimmed > current) {
    throw new UsageError(
      `--month: ${trimmed} has not begun yet (it is ${current} in ${timeZone}): expected this month or an earlier one`,
      {
        field: '--month',
        actual: trimmed,
        expected: `${current} or earlier`,
      },
    );
  }
  return trimmed;
}
