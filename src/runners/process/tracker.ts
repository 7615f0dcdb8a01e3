import { descendantsOf } from './descendants.js';
import { listProcesses, type ProcInfo, procAvailable, stillRunning } from './proc-table.js';

/**
 * Remembers every process seen below a run's leader while the run lives. A
 * Bash-tool child that claude started in its own session is still found by
 * this list after a SIGKILL of claude has reparented it to PID 1, when a
 * parent walk can no longer reach it.
 */
export class DescendantTracker {
  private readonly seen = new Map<string, ProcInfo>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly rootPid: number,
    private readonly everyMs = 500,
    private readonly maxRemembered = 10_000,
  ) {}

  start(): void {
    if (!procAvailable || this.timer) return;
    this.snapshot();
    this.timer = setInterval(() => this.snapshot(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  snapshot(): void {
    if (!procAvailable) return;
    for (const proc of descendantsOf(this.rootPid, listProcesses())) this.seen.set(`${proc.pid}:${proc.startTime}`, proc);
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
