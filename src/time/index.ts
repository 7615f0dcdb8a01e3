export { dayKey, dayRange, monthKey, monthRange, parseZonedDateTime, previousMonth, wallTime, zonedToUtc, zoneOffset } from './zoned.js';
export type { WallTime } from './zoned.js';
