/**
 * `node dist/schedule/daemon/run-at.js <due ms> <bin/nightshift.js> run <agent> …`
 *
 * What the daemon starts a moment before a cron slot: the process loads the
 * CLI and the harness while the slot is still ahead (a cold `nightshift run`
 * spends most of a second importing on a busy machine), waits for the due
 * millisecond, then runs the command as bin/nightshift.js would. The run so
 * starts on its second, not a second late. Warming is best effort: a module
 * that fails to load here is simply loaded later.
 */
const [due, bin, ...args] = process.argv.slice(2);
const dueMs = Number(due);

// literal specifiers, one by one: the bundler then maps each to the very chunk `nightshift run` loads later
const ignore = () => undefined;
await Promise.all([
  import('../../cli/commands/index.js').catch(ignore),
  import('../../harness/index.js').catch(ignore),
  import('../../runners/index.js').catch(ignore),
  import('../../journal/index.js').catch(ignore),
  import('../../state/index.js').catch(ignore),
  import('../../agents/index.js').catch(ignore),
  import('../../home/index.js').catch(ignore),
]);
const wait = dueMs - Date.now();
if (Number.isFinite(wait) && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
process.argv = [process.argv[0] as string, bin ?? 'nightshift', ...args];
await import('../../cli/main.js');

export {};
