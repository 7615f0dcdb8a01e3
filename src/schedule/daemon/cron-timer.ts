import { dueAfter, lastDueIn } from '../../agents/index.js';
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
  maxSleepMs?: number;
  /**
   * Call back this long before each slot (at most half the gap to the next
   * one), so a run can be started early enough to begin on time.
   */
  leadMs?: number;
}

export class CronTimer {
  private next = 0;
  private handle: unknown = null;
  private stopped = false;

  constructor(private readonly options: CronTimerOptions) {}

  start(): void {
    this.next = dueAfter(this.options.expression, this.options.timezone, this.options.clock.now());
    this.arm();
  }

  get nextDue(): number {
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
    // once per slot: the timer wakes every minute or so, and parsing the schedule is the costly part
    if (this.leadFor !== this.next) {
      this.lead = leadMs > 0 ? Math.min(leadMs, Math.floor((dueAfter(expression, timezone, this.next) - this.next) / 2)) : 0;
      this.leadFor = this.next;
    }
    const wait = Math.min(Math.max(0, this.next - this.lead - clock.now()), this.options.maxSleepMs ?? 60_000);
    this.handle = clock.setTimeout(() => this.wake(), wait);
  }

  private wake(): void {
    this.handle = null;
    if (this.stopped) return;
    const { expression, timezone, clock } = this.options;
    const now = clock.now();
    // timers may wake a hair early; the slot is not due until its millisecond (less the lead)
    if (now < this.next - this.lead) {
      this.arm();
      return;
    }
    const due = now < this.next ? this.next : (lastDueIn(expression, timezone, this.next - 1, now) ?? this.next);
    this.next = dueAfter(expression, timezone, Math.max(due, now));
    this.options.onDue(due, now - due);
    this.arm();
  }
}
