import { runBoundedCommand } from '../../alerts/index.js';
import type { Clock } from './clock.js';

/**
 * A `when` trigger: every `every`, `sh -c <command>` with its own timeout; it
 * fires when the command succeeds after it did not (exit 0 after non-0). A
 * command that hangs is killed, whole process group, at the timeout and
 * counts as not true. The first answer after start only sets the baseline:
 * a condition already true when the daemon starts is not an edge.
 */
export interface WhenTriggerOptions {
  command: string;
  everyMs: number;
  timeoutMs: number;
  cwd: string;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  onFire: () => void;
  onResult?: (result: { ok: boolean; timedOut: boolean; exitCode: number | null; stderr: string }) => void;
}

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

  /** Ends the loop and kills a command still running; resolves when it is gone. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.polling;
  }

  /** One look: the loop calls it, tests may too. */
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
    const result = await runBoundedCommand({ command: options.command, timeoutMs: options.timeoutMs, cwd: options.cwd, env: options.env, signal: this.abort.signal });
    if (this.stopped) return;
    const now = result.ok;
    options.onResult?.({ ok: now, timedOut: result.timedOut, exitCode: result.exitCode, stderr: result.stderr });
    if (this.last === false && now) options.onFire();
    this.last = now;
  }
}
