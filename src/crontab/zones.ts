import { zoneOffset } from '../shared/index.js';

/**
 * Whether a schedule written for one time zone can run from a crontab that
 * runs in another. Names are not compared: UTC and Etc/UTC, or Europe/Paris
 * and Europe/Berlin, keep the same clock all year and need nothing.
 */
const HOUR = 3_600_000;
const STEP = 6 * HOUR;
const YEAR = 366 * 24 * HOUR;

const shifts = new Map<string, number | null>();

/**
 * agent clock − system clock (ms) if it is the same all through the coming
 * year, else null (their daylight-saving dates or rules differ). Sampled every
 * 6 hours, hour by hour around each change of either zone.
 */
export function constantShift(agentZone: string, systemZone: string, from: Date): number | null {
  const year = new Date(from).getUTCFullYear();
  const cacheKey = `${agentZone}\n${systemZone}\n${year}`;
  if (shifts.has(cacheKey)) return shifts.get(cacheKey) as number | null;
  const start = Date.UTC(year, 0, 1);
  const diff = (at: number) => zoneOffset(at, agentZone) - zoneOffset(at, systemZone);
  const first = diff(start);
  let shift: number | null = first;
  let previous = { a: zoneOffset(start, agentZone), s: zoneOffset(start, systemZone) };
  for (let at = start + STEP; at <= start + YEAR + STEP && shift !== null; at += STEP) {
    const current = { a: zoneOffset(at, agentZone), s: zoneOffset(at, systemZone) };
    if (current.a !== previous.a || current.s !== previous.s) {
      for (let fine = at - STEP + HOUR; fine <= at; fine += HOUR) if (diff(fine) !== first) shift = null;
    } else if (current.a - current.s !== first) shift = null;
    previous = current;
  }
  shifts.set(cacheKey, shift);
  return shift;
}

/**
 * The five-field expression moved by a whole number of hours (the agent's
 * 23:00 in Europe/Berlin is 22:00 on a UTC machine in winter and summer
 * alike only if the system zone keeps the same rules — that is what
 * constantShift checks). Null when the move would cross midnight (the day
 * fields would change too) or is not whole hours.
 */
export function shiftExpression(expression: string, shiftMs: number): string | null {
  if (shiftMs === 0) return expression;
  if (shiftMs % HOUR !== 0) return null;
  const fields = expression.split(/\s+/);
  if (fields.length !== 5) return null;
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  if (hour === '*') return dom === '*' && month === '*' && dow === '*' ? expression : null;
  const hours = expandHours(hour);
  if (hours === null) return null;
  const moved = hours.map((h) => h - shiftMs / HOUR);
  if (moved.some((h) => h < 0 || h > 23)) return null;
  return [minute, moved.join(','), dom, month, dow].join(' ');
}

/** "3", "1-4", "2,14" → hours; steps and names are not translated. */
function expandHours(field: string): number[] | null {
  const out: number[] = [];
  for (const part of field.split(',')) {
    const range = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(part);
    if (!range) return null;
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (from > to || to > 23) return null;
    for (let h = from; h <= to; h++) out.push(h);
  }
  return out;
}
