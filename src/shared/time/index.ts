export {
  dayKey,
  dayRange,
  monthKey,
  monthRange,
  parseZonedDateTime,
  previousMonth,
  wallTime,
  zonedToUtc,
  zoneOffset,
} from './zoned.js';
export type { WallTime } from './zoned.js';
export { offsetChangeAfter, offsetChangeAtOrBefore, offsetFromChanges, wallInstants } from './offset-changes.js';
export type { OffsetChange } from './offset-changes.js';
export { formatIsoWeek, isoWeekOf, isoWeekOfDate, isoWeekRange, isoWeeksInYear, parseIsoWeek } from './iso-week.js';
export type { IsoWeek } from './iso-week.js';
export { formatIsoWall, formatWall, wallClock, wallMinute } from './wall-format.js';
