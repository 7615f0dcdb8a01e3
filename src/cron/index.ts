/**
 * Cron expressions in a time zone: checked and explained in words, and their
 * due times read one way (DST as cronie reads it) by the daemon, the
 * watchdog, catch-up and the fleet view. The matcher is nightshift's own
 * (parse-expression.ts, local-match.ts, due-times.ts); its own room because
 * cronstrue is heavy to load: a run never needs it, and reaches this room
 * only when it parses an agent file the parse cache does not know.
 */
export { checkCron, describeCron, dueTimesBetween } from './cron.js';
export { dueAfter, firstUncoveredDue, lastDueIn, startCovers } from './due-times.js';
export { type DueMemo, memoDueAfter } from './due-memo.js';
export { type UpcomingDue, upcomingDues } from './upcoming.js';
export { type KubernetesSchedule, kubernetesSchedule } from './kubernetes-schedule.js';
