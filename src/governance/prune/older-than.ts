import { parseDuration } from '../../agents/index.js';
import { UsageError } from '../../shared/index.js';
import { DAY_MS } from '../retention/policy.js';

/** `--older-than`: the durations of agent files (30d, 12w) plus years (1y = 365 days), the unit the audit trail is kept in. */
const YEARS = /^(\d+(?:\.\d+)?)\s*y$/;

export function parseOlderThan(text: string): number {
  const years = YEARS.exec(text.trim());
  const ms = years ? Math.round(Number(years[1]) * 365 * DAY_MS) : parseDuration(text);
  if (ms === null || !(ms > 0)) {
    throw new UsageError(`--older-than: "${text}" is not an age: expected a number and a unit, like 1y, 180d or 26w`, {
      field: '--older-than',
      expected: 'a duration such as 1y, 180d, 26w',
      actual: text,
    });
  }
  return ms;
}
