import type { Rate } from '../../agents/index.js';

/**
 * The requests an agent's webhook accepted within its rate's window, per
 * agent, in this daemon's memory: a restart forgets them (documented), which
 * at worst lets one more window's worth in.
 */
export class RateWindows {
  private readonly accepted = new Map<string, number[]>();

  /** Would one more be over the rate now? Also drops what left the window. */
  full(agent: string, rate: Rate, nowMs: number): boolean {
    const kept = (this.accepted.get(agent) ?? []).filter((at) => at > nowMs - rate.windowMs);
    this.accepted.set(agent, kept);
    return kept.length >= rate.count;
  }

  /** Seconds until the oldest accepted request leaves the window: the Retry-After of a 429. */
  retryAfterSeconds(agent: string, rate: Rate, nowMs: number): number {
    const oldest = this.accepted.get(agent)?.[0];
    return oldest === undefined ? 1 : Math.max(1, Math.ceil((oldest + rate.windowMs - nowMs) / 1000));
  }

  take(agent: string, nowMs: number): void {
    const list = this.accepted.get(agent) ?? [];
    list.push(nowMs);
    this.accepted.set(agent, list);
  }
}
