import { dueAfter, lastDueIn } from '../cron/index.js';
import type { Clock } from './clock.js';

/**
 * A `cron` trigger: sleeps until the next due time (the same reading of the
 * schedule as the watchdog's, DST included) and calls back with it. Sleeps
 * are capped at a minute, so a wall clock that jumps (NTP, a laptop waking
 * up) is noticed within one. If several due times went by while it could
 * not look, it calls back once, for the latest, with how late that is.
 */
export interface CronTimerOptions {
  expression: string;
  timezone: string;
  clock: Clock;
  /** negative when called ahead of the slot (leadMs) */
  onDue: (due: number, lateMs: number) => void;
  /**
   * The schedule could not be read (the cron engine threw): called when that
   * starts or its message changes, not on every retry. The timer asks again
   * every maxSleepMs meanwhile; nothing escapes into the daemon's event loop.
   */
  onError?: (error: unknown) => void;
  /** it can be read again */
  onRecover?: () => void;
  maxSleepMs?: number;
  /**
   * Call back this long before each slot (at most half the gap to the next
   * one), so a run can be started early enough to begin on time.
   */
  leadMs?: number;
}

export class CronTimer {
  /** the next due time; null while the schedule cannot be read */
  private next: number | null = null;
  private handle: unknown = null;
  private stopped = false;
  /** the message of the error the schedule is in, null when it reads */
  private failing: string | null = null;

  constructor(private readonly options: CronTimerOptions) {}

  start(): void {
    const { expression, timezone, clock } = this.options;
    this.pass(() => {
      this.next = this.read(() => dueAfter(expression, timezone, clock.now()));
    });
    this.arm();
  }

  /** null while the schedule cannot be read */
  get nextDue(): number | null {
    return this.next;
  }

  stop(): void {
    this.stopped = true;
    if (this.handle !== null) this.options.clock.clearTimeout(this.handle);
    this.handle = null;
  }

  private lead = 0;
  private leadFor = Number.NaN;

  private arm(): void {
    if (this.stopped) return;
    const { clock, expression, timezone, leadMs = 0 } = this.options;
    const maxSleep = this.options.maxSleepMs ?? 60_000;
    const next = this.next;
    if (next === null) {
      this.handle = clock.setTimeout(() => this.wake(), maxSleep);
      return;
    }
    // once per slot: the timer wakes every minute or so, and parsing the schedule is the costly part
    if (this.leadFor !== next) {
      this.lead =
        leadMs > 0
          ? Math.min(leadMs, Math.floor(((this.read(() => dueAfter(expression, timezone, next)) ?? next) - next) / 2))
          : 0;
      this.leadFor = next;
    }
    const wait = Math.min(Math.max(0, next - this.lead - clock.now()), maxSleep);
    this.handle = clock.setTimeout(() => this.wake(), wait);
  }

  private wake(): void {
    this.handle = null;
    if (this.stopped) return;
    const { expression, timezone, clock } = this.options;
    const now = clock.now();
    const next = this.next;
    if (next === null) {
      // the schedule could not be read: try again from now (a slot missed meanwhile is the watchdog's to report)
      this.pass(() => {
        this.next = this.read(() => dueAfter(expression, timezone, now));
      });
      this.arm();
      return;
    }
    // timers may wake a hair early; the slot is not due until its millisecond (less the lead)
    if (now < next - this.lead) {
      this.arm();
      return;
    }
    let due = next;
    this.pass(() => {
      due = now < next ? next : (this.read(() => lastDueIn(expression, timezone, next - 1, now)) ?? next);
      this.next = this.read(() => dueAfter(expression, timezone, Math.max(due, now)));
    });
    try {
      this.options.onDue(due, now - due);
    } finally {
      this.arm();
    }
  }

  // ── a schedule that throws ────────────────────────────────────────────

  private error: unknown = undefined;

  /** The answer, or null when the schedule throws (remembered for the end of the pass). */
  private read<T>(question: () => T): T | null {
    try {
      return question();
    } catch (error) {
      this.error ??= error;
      return null;
    }
  }

  /** One look at the schedule; its outcome is told once per change: failing with a new message, or reading again. */
  private pass(look: () => void): void {
    this.error = undefined;
    look();
    if (this.error !== undefined) {
      const message = this.error instanceof Error ? this.error.message : String(this.error);
      if (message !== this.failing) this.options.onError?.(this.error);
      this.failing = message;
    } else if (this.failing !== null) {
      this.failing = null;
      this.options.onRecover?.();
    }
  }
}
