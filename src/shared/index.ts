/**
 * The shared vocabulary every room may use, and which uses no other room:
 * errors, time in a zone, the build's version, the exec limits, the seeded
 * random numbers of the review, the one locale-free string order.
 */
export { BUILD_ID, VERSION } from './version.js';
export { dayKey, formatIsoWeek, isoWeekOf, isoWeekRange, monthKey, monthRange, parseIsoWeek, parseZonedDateTime, previousMonth, wallTime, zoneOffset, zonedToUtc } from './time/index.js';
export { ConcurrentEditError, CorruptFileError, HomeMissingError, NightshiftError, UsageError, ValidationError, errorMessage } from './errors.js';
export { MAX_ARGV_BYTES, MAX_ARG_BYTES, MAX_PROMPT_BYTES, measureCommandLine, utf8Bytes } from './arg-limits.js';
export type { ErrorDetails } from './errors.js';
export { fnv1a, mulberry32, mulberry32Step } from './prng.js';
export { currentUser } from './user.js';
export { contentHash, sha256Hex } from './content-hash.js';
export { once } from './once.js';
export { byCodeUnits } from './compare.js';
