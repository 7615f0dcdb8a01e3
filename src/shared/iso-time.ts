/**
 * Date.parse, faster for the one format the harness writes
 * ("2026-04-18T21:00:42.310Z", from toISOString): a cold index parses two
 * timestamps per record, a million records, and Date.parse costs ~300 ns.
 * The fast path takes only dates that are plainly valid (a real day of the
 * month, hours 00-23, years from 1970), where both give the same number;
 * anything else goes to Date.parse itself, so the answer is always
 * Date.parse's, including NaN.
 */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY_MS = 86_400_000;

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

export function parseIsoMs(text: string): number {
  if (
    text.length === 24 &&
    text.charCodeAt(4) === 45 && // -
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(10) === 84 && // T
    text.charCodeAt(13) === 58 && // :
    text.charCodeAt(16) === 58 &&
    text.charCodeAt(19) === 46 && // .
    text.charCodeAt(23) === 90 // Z
  ) {
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 2);
    const day = digits(text, 8, 2);
    const hour = digits(text, 11, 2);
    const minute = digits(text, 14, 2);
    const second = digits(text, 17, 2);
    const ms = digits(text, 20, 3);
    if (
      year >= 1970 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59 &&
      ms >= 0
    ) {
      const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      if (day <= (DAYS_IN_MONTH[month - 1] as number) + (leap ? 1 : 0))
        return utcMs(year, month, day, hour, minute, second, ms);
    }
  }
  return Date.parse(text);
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil); no Date object, no call out of JS. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function utcMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  return daysFromCivil(year, month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

const d = (text: string, at: number): number => text.charCodeAt(at) - 48;

/**
 * For text already known to match CANONICAL_TIME (digits in place, fields in
 * range): the same number as Date.parse, without its cost.
 */
export function canonicalIsoMs(text: string): number {
  const day = d(text, 8) * 10 + d(text, 9);
  // days 29-31 exist only in some months; Date.parse knows which
  if (day > 28) return Date.parse(text);
  return utcMs(
    d(text, 0) * 1000 + d(text, 1) * 100 + d(text, 2) * 10 + d(text, 3),
    d(text, 5) * 10 + d(text, 6),
    day,
    d(text, 11) * 10 + d(text, 12),
    d(text, 14) * 10 + d(text, 15),
    d(text, 17) * 10 + d(text, 18),
    d(text, 20) * 100 + d(text, 21) * 10 + d(text, 22),
  );
}

/**
 * toISOString's format with every field in range (regular-expression source).
 * Date.parse accepts every string it matches: test/journal/iso-time.test.ts
 * checks each month and day.
 */
export const CANONICAL_TIME =
  '(?:19[7-9][0-9]|[2-9][0-9]{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\\.[0-9]{3}Z';
