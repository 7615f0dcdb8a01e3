import type { Limits } from '../agents/index.js';
import type { RunnerEvents, RunnerUsage } from '../runners/index.js';
import { BoundedOutput } from './bounded-output.js';
import { crossedLimit, type LimitHit, type Observed } from './limits.js';
import { emptyUsage } from '../runners/index.js';

/**
 * Watches one run against its limits (DESIGN §3 step 3): counts what the
 * runner reports as it streams, and aborts the runner's signal on the first
 * limit crossed or on an abort from outside. After that, the first reason
 * stands: later events are counted for the record but change nothing.
 */
export type StopCause = { kind: 'limit'; hit: LimitHit } | { kind: 'aborted'; reason: string };

export interface WatchSnapshot extends Observed {
  limits: Limits;
}

/** Milliseconds on a monotonic clock. process.hrtime, not performance.now: the first touch of `performance` loads perf_hooks, ~1 ms of every run. */
function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export class RunWatch {
  readonly controller = new AbortController();
  readonly output: BoundedOutput;
  usage: RunnerUsage = emptyUsage();
  cause: StopCause | null = null;
  private timer: NodeJS.Timeout | undefined;
  private readonly startedMs: number;

  constructor(
    readonly limits: Limits,
    /** monotonic by default: a wall-clock jump (NTP, suspend) must not end or extend a run */
    private readonly clock: () => number = monotonicMs,
    /** called after every change the progress line or the lock may want to show */
    private readonly onChange: (watch: RunWatch) => void = () => undefined,
  ) {
    this.startedMs = clock();
    this.output = new BoundedOutput(limits.output_bytes);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * Arms the wall-time limit; the runner's own clock is never trusted for it.
   * Timers run on the monotonic clock and may fire a millisecond before the
   * wall clock says the limit is reached: then the timer is armed again.
   */
  start(): void {
    const remaining = this.limits.time - this.elapsed();
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.check();
        if (!this.cause) this.start();
      },
      Math.max(1, remaining),
    );
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  elapsed(): number {
    return Math.floor(this.clock() - this.startedMs);
  }

  observed(): Observed {
    return {
      elapsedMs: this.elapsed(),
      calls: this.usage.llmCalls,
      toolCalls: this.usage.toolCalls.length,
      costUsd: this.usage.costUsd,
      outputBytes: this.output.seen,
    };
  }

  snapshot(): WatchSnapshot {
    return { ...this.observed(), limits: this.limits };
  }

  /** The events object handed to the runner. */
  events(extra: Pick<RunnerEvents, 'spawned' | 'tool'> = {}): RunnerEvents {
    return {
      output: (chunk) => {
        this.output.push(chunk);
        this.check();
      },
      usage: (usage) => {
        this.usage = usage;
        this.check();
      },
      ...extra,
    };
  }

  /** The runner's final figures are the truth; a limit they cross still counts (it was crossed). */
  finish(usage: RunnerUsage): void {
    this.usage = usage;
    this.check({ time: false });
    this.stop();
  }

  abort(reason: string): void {
    if (this.cause) return;
    this.cause = { kind: 'aborted', reason };
    this.stop();
    this.controller.abort(new Error(reason));
    this.onChange(this);
  }

  private check(options: { time?: boolean } = {}): void {
    if (!this.cause) {
      const observed = this.observed();
      // A run that finished by itself before the timer fired did not run out of time.
      const hit = crossedLimit(options.time === false ? { ...observed, elapsedMs: 0 } : observed, this.limits);
      if (hit) {
        this.cause = { kind: 'limit', hit };
        this.stop();
        this.controller.abort(new Error(`limit ${hit.limit} crossed`));
      }
    }
    this.onChange(this);
  }
}
