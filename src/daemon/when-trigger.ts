import { randomUUID } from 'node:crypto';
import { superviseProcess } from '../runners/index.js';
import type { Clock } from './clock.js';

/**
 * A `when` trigger: every `every`, `sh -c <command>` with its own timeout; it
 * fires when the command succeeds after it did not (exit 0 after non-0). A
 * command that hangs is killed at the timeout and counts as not true. The
 * first answer after start only sets the baseline: a condition already true
 * when the daemon starts is not an edge.
 *
 * A condition runs under the runners' process supervisor, like a run: its own
 * process group, and a marker in its environment (NIGHTSHIFT_RUN_ID=when-<uuid>,
 * fresh for every poll) that every descendant inherits. Killing the group
 * alone misses a child that called setsid or daemonized; the supervisor also
 * sweeps /proc for the marker. The sweep runs however the poll ends — timeout,
 * stop, or a normal exit that left something behind — because a condition is
 * a test, not a launcher: what it starts must not outlive the poll, or a
 * condition polled every minute would pile up a process a minute.
 *
 * The marker reuses NIGHTSHIFT_RUN_ID because the supervisor sweeps by that
 * variable. The `when-` prefix keeps it apart from every real run id, and
 * everything that looks a run up by id matches the whole value, so a
 * condition is never taken for a run (nor a run for a condition).
 */
export interface WhenTriggerOptions {
  command: string;
  everyMs: number;
  timeoutMs: number;
  cwd: string;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  onFire: () => void;
  onResult?: (result: WhenResult) => void;
  /** between SIGTERM and SIGKILL when a condition is ended (default 500 ms) */
  killGraceMs?: number;
}

export interface WhenResult {
  ok: boolean;
  timedOut: boolean;
  exitCode: number | null;
  stderr: string;
  /**
   * Processes the sweep had to end after the command exited by itself
   * (children it left running, in its group or escaped from it). Always 0 on
   * a timeout: there the command itself is among the ended.
   */
  leftovers: number;
  /** the command could not be started (cwd gone, no `sh`) */
  spawnError?: string;
}

const STDERR_KEEP = 2048;

export class WhenTrigger {
  private last: boolean | null = null;
  private timer: unknown = null;
  private polling: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private stopped = false;

  constructor(private readonly options: WhenTriggerOptions) {}

  start(): void {
    void this.poll();
  }

  /** Ends the loop and kills a command still running, escaped children included; resolves when they are gone. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.polling;
  }

  /**
   * One look: the loop calls it, tests may too. One poll at a time: a call
   * while a poll runs shares it, and the next poll is armed only when this
   * one has ended — killed at its timeout at the latest. So polls never
   * overlap, whatever `timeout` and `every` are; a condition that hangs is
   * polled every timeout + every.
   */
  poll(): Promise<void> {
    if (this.polling || this.stopped) return this.polling ?? Promise.resolve();
    this.polling = this.pollNow().finally(() => {
      this.polling = null;
      if (!this.stopped) this.timer = this.options.clock.setTimeout(() => void this.poll(), this.options.everyMs);
    });
    return this.polling;
  }

  private async pollNow(): Promise<void> {
    const { options } = this;
    const result = await this.runCondition();
    if (this.stopped) return;
    options.onResult?.(result);
    if (this.last === false && result.ok) options.onFire();
    this.last = result.ok;
  }

  private async runCondition(): Promise<WhenResult> {
    const { options } = this;
    // one controller per poll: the timeout ends this poll, stop() ends whichever poll is running
    const end = new AbortController();
    let timedOut = false;
    // the timeout is real time, not the daemon's clock: it bounds a real process
    const timer = setTimeout(() => {
      timedOut = true;
      end.abort();
    }, options.timeoutMs);
    const onStop = (): void => end.abort();
    this.abort.signal.addEventListener('abort', onStop, { once: true });
    if (this.abort.signal.aborted) onStop();
    let stderr = '';
    try {
      const run = await superviseProcess({
        argv: ['sh', '-c', options.command],
        cwd: options.cwd,
        env: options.env,
        runId: `when-${randomUUID()}`,
        signal: end.signal,
        killGraceMs: options.killGraceMs ?? 500,
        onStdout: () => {}, // a condition answers with its exit code; its output is not read
        onStderr: (chunk) => {
          stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEEP * 2);
        },
      });
      if (!run.started)
        return {
          ok: false,
          timedOut: false,
          exitCode: null,
          stderr: '',
          leftovers: 0,
          spawnError: `${run.code} ${run.message}`,
        };
      return {
        // an exit 0 that left children behind is still a true answer: the leftovers are ended, not held against it
        ok: run.exitCode === 0 && !run.aborted,
        timedOut: timedOut && run.aborted,
        exitCode: run.exitCode,
        stderr: stderr.slice(-STDERR_KEEP),
        leftovers: run.aborted ? 0 : run.termination.processes.length,
      };
    } finally {
      clearTimeout(timer);
      this.abort.signal.removeEventListener('abort', onStop);
    }
  }
}
