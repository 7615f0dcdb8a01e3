import { descendantsOf } from './descendants.js';
import { listProcesses, type ProcInfo, procAvailable, stillRunning } from './proc-table.js';

/**
 * Remembers every process seen below a run's leader while the run lives. A
 * Bash-tool child that claude started in its own session is still found by
 * this list after a SIGKILL of claude has reparented it to PID 1, when a
 * parent walk can no longer reach it.
 */
/** A process just spawned has forked nothing yet: the first look comes this much later, so a run that ends at once pays for none. */
export const FIRST_LOOK_MS = 50;

export class DescendantTracker {
  private readonly seen = new Map<string, ProcInfo>();
  private timer: NodeJS.Timeout | undefined;
  private firstLook: NodeJS.Timeout | undefined;

  constructor(
    private readonly rootPid: number,
    private readonly everyMs = 500,
    private readonly maxRemembered = 10_000,
  ) {}

  start(): void {
    if (!procAvailable || this.timer) return;
    this.firstLook = setTimeout(() => this.snapshot(), Math.min(FIRST_LOOK_MS, this.everyMs));
    this.firstLook.unref();
    this.timer = setInterval(() => this.snapshot(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.firstLook);
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Looks at the process table (or at `table`, read by the caller just now) and remembers what is below the root. */
  snapshot(table?: readonly ProcInfo[]): void {
    if (!procAvailable) return;
    for (const proc of descendantsOf(this.rootPid, table ?? listProcesses()))
      this.seen.set(`${proc.pid}:${proc.startTime}`, proc);
    if (this.seen.size > this.maxRemembered) this.forgetDead();
  }

  known(): ProcInfo[] {
    return [...this.seen.values()];
  }

  /** A process that forks thousands of short-lived children must not grow this list without end. */
  private forgetDead(): void {
    for (const [key, proc] of this.seen) if (!stillRunning(proc)) this.seen.delete(key);
  }
}
