import { randomUUID } from 'node:crypto';
import type { AlertEvent } from '../../journal/index.js';
import { superviseProcess, TextTail } from '../../runners/index.js';
import { type Channel, ChannelError, type ChannelOptions } from './channel.js';

/**
 * `notify.command`: the alert event as JSON on stdin; exit 0 is delivered,
 * anything else (or the timeout) is a failure.
 *
 * It runs under the runners' process supervisor, like a run and a `when`
 * condition: its own process group, plus a marker (NIGHTSHIFT_RUN_ID=notify-<uuid>,
 * fresh for every alert) that every descendant inherits, so a child that
 * called setsid is found through /proc and killed with the group. The sweep
 * also runs after a normal exit: a notify command delivers, it does not
 * launch — anything it leaves running would pile up, one per alert.
 *
 * The marker reuses NIGHTSHIFT_RUN_ID because the supervisor sweeps by that
 * variable; the `notify-` prefix keeps it apart from real run ids and from
 * `when-` conditions, and lookups by run id match the whole value.
 */
export function commandChannel(
  command: string | readonly string[],
  timeoutMs: number,
  options: ChannelOptions = {},
): Channel {
  return {
    name: 'command',
    async send(event: AlertEvent, text: string) {
      const end = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        end.abort();
      }, timeoutMs);
      // its environment holds the secrets too: what it says on stderr is redacted before it is cut for the error
      const stderr = new TextTail(STDERR_KEEP, options.secrets ?? []);
      try {
        const run = await superviseProcess({
          argv: typeof command === 'string' ? ['sh', '-c', command] : [...command],
          cwd: options.cwd ?? process.cwd(),
          env: options.env ?? process.env,
          runId: `notify-${randomUUID()}`,
          input: `${JSON.stringify({ ...event, text })}\n`,
          signal: end.signal,
          killGraceMs: 500,
          onStdout: () => {}, // only the exit code answers; output is drained so a chatty command cannot block on a full pipe
          onStderr: (chunk) => stderr.add(chunk.toString('utf8')),
        });
        if (!run.started) throw new ChannelError('command', `notify.command could not start: ${run.message}`);
        // an exit 0 that left children behind is still delivered: the leftovers are ended, not held against it
        if (run.exitCode === 0 && !run.aborted) return;
        const why =
          timedOut && run.aborted
            ? `timed out after ${timeoutMs} ms (its process group was killed)`
            : `exited ${run.exitCode ?? run.exitSignal}`;
        const tail = stderr.lastLines(3, STDERR_KEEP);
        throw new ChannelError('command', `notify.command ${why}${tail ? `: ${tail}` : ''}`);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

const STDERR_KEEP = 2048;
