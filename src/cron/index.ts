/**
 * Cron expressions in a time zone: checked and explained in words, and their
 * due times read one way (DST as Vixie cron reads it) by the daemon, the
 * watchdog, catch-up and the fleet view. Its own room because cron-parser,
 * luxon and cronstrue are heavy to load: a run never needs them, and reaches
 * them only when it parses an agent file the parse cache does not know.
 */
export { checkCron, describeCron, dueTimesBetween } from './cron.js';
export { dueAfter, firstUncoveredDue, lastDueIn, startCovers } from './due-times.js';
export { type DueMemo, memoDueAfter } from './due-memo.js';
