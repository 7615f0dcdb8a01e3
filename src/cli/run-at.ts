/**
 * `node dist/cli/run-at.js <due ms> <bin/nightshift.js> run <agent> …`
 *
 * What the daemon starts a moment before a cron slot: the process loads the
 * CLI and the harness while the slot is still ahead (a cold `nightshift run`
 * spends a good part of a second starting on a busy machine), waits for the
 * due millisecond, then runs the command as bin/nightshift.js would. The run
 * so starts on its second, not a second late.
 */
import { start } from './program.js';

const [due, bin, ...args] = process.argv.slice(2);
process.argv = [process.argv[0] as string, bin ?? 'nightshift', ...args];
const startAt = Number(due);
await start(process.argv, Number.isFinite(startAt) ? { startAt } : {});
