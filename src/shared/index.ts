/**
 * The shared vocabulary (the bottom room): errors, statuses and their
 * severity, money, time in a zone, who the user is, the record formats
 * nightshift writes, and the small pure rules every room answers the same
 * way ("is the scheduler up?"). Imports no other room.
 */
export { BUILD_ID, VERSION } from './version.js';
export {
  dayKey,
  formatIsoWall,
  formatIsoWeek,
  formatWall,
  isoWeekOf,
  isoWeekRange,
  monthKey,
  monthRange,
  type OffsetChange,
  offsetChangeAfter,
  offsetChangeAtOrBefore,
  offsetFromChanges,
  parseIsoWeek,
  parseZonedDateTime,
  previousMonth,
  wallInstants,
  wallClock,
  wallMinute,
  wallTime,
  zoneOffset,
  zonedToUtc,
} from './time/index.js';
export {
  ConcurrentEditError,
  CorruptFileError,
  HomeMissingError,
  NightshiftError,
  UsageError,
  ValidationError,
  errorMessage,
} from './errors.js';
export { MAX_ARGV_BYTES, MAX_ARG_BYTES, MAX_PROMPT_BYTES, measureCommandLine, utf8Bytes } from './arg-limits.js';
export type { ErrorDetails } from './errors.js';
export { fnv1a, mulberry32, mulberry32Step } from './prng.js';
export { contentHash, sha256Hex } from './content-hash.js';
export { type Cached, parseKey } from './parse-key.js';
export { once } from './once.js';
export { own } from './own.js';
export { byCodeUnits } from './compare.js';
export * from './statuses.js';
export * from './money.js';
export * from './user.js';
export * from './scheduler-health.js';
export * from './format.js';
export * from './iso-time.js';
export * from './records.js';
export { exitCodeFor, RUN_EXIT, RUN_EXIT_HELP } from './exit-code.js';
export * from './host.js';
