import { utimes } from 'node:fs/promises';
import type { HomePaths } from '../home/index.js';

/**
 * A run's lock is a lease (a home shared by several hosts over NFS, SMB,
 * sshfs): a host cannot ask another host's kernel whether a pid is alive, so
 * the harness that holds run/<name>.lock renews it every `lease_ms` (written
 * in the lock, so every reader judges it by the writer's own period), and a
 * lock of another host not renewed for MISSED_RENEWALS periods belongs to a
 * run whose host crashed (or lost the home). On its own host a lock is still
 * judged by pid, boot id and start time: exact, and at once.
 *
 * Renewal sets the lock's mtime with utimes(2) to the renewer's clock, and a
 * reader compares it with its own clock: hosts sharing a home must keep their
 * clocks within a lease period of each other (NTP). utimes, not a rewrite:
 * it never creates the file, so a harness renewing a lock that another host
 * has just taken over gets ENOENT and learns it lost the lease, where a
 * write-then-rename would bring the taken lock back to life. The mtime is
 * read with fstat on the open lock: NFS's close-to-open rule fetches fresh
 * attributes on open, where a bare stat may answer from the attribute cache.
 */
export const DEFAULT_LEASE_MS = 5_000;
export const MISSED_RENEWALS = 3;
const MIN_LEASE_MS = 200;
const MAX_LEASE_MS = 60_000;

/**
 * The renewal period of runs started here: NIGHTSHIFT_LEASE_MS (tests shorten
 * it; a slow network file system may want it longer), else DEFAULT_LEASE_MS.
 * A value outside MIN..MAX is not used.
 */
export function leaseMsOf(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.NIGHTSHIFT_LEASE_MS;
  if (raw === undefined || raw === '') return DEFAULT_LEASE_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < MIN_LEASE_MS || value > MAX_LEASE_MS) return DEFAULT_LEASE_MS;
  return value;
}

/** Pure: a lease last renewed at `renewedAtMs` has lapsed at `nowMs` (MISSED_RENEWALS periods without renewal). */
export function leaseLapsed(renewedAtMs: number, leaseMs: number, nowMs: number): boolean {
  return nowMs - renewedAtMs > MISSED_RENEWALS * leaseMs;
}

/** Sets the lock's renewal time (its mtime) to `nowMs`; throws ENOENT when the lock is gone. */
export async function touchLock(paths: HomePaths, name: string, nowMs: number): Promise<void> {
  const at = nowMs / 1000;
  await utimes(paths.lockFile(name), at, at);
}

export interface LeaseKeeperOptions {
  leaseMs: number;
  /** the renewal time written (default Date.now); tests inject a clock */
  now?: () => number;
  /** renews and says whether the lock is still this run's (default: touchLock, then the lock's run id read back) */
  renew: (nowMs: number) => Promise<'renewed' | 'lost'>;
  /** called once when a renewal finds the lock gone or another run's */
  onLost: (why: string) => void;
  /** timers (default setInterval/clearInterval); tests drive renewals by hand */
  every?: (fn: () => void, ms: number) => { stop(): void };
}

/**
 * Renews a run's lease every `leaseMs` while it runs, from the moment it
 * holds its lock until it lets go. A renewal that fails for a moment (the
 * network) is tried again at the next tick; a lock that is gone or names
 * another run is lost for good: another host judged this run crashed.
 */
export class LeaseKeeper {
  private lost: string | null = null;
  private inflight: Promise<void> | null = null;
  private readonly timer: { stop(): void };

  constructor(private readonly options: LeaseKeeperOptions) {
    const every = options.every ?? intervalOf;
    this.timer = every(() => void this.renewNow(), options.leaseMs);
  }

  /** Why the lease was lost, null while it holds. */
  get lostBecause(): string | null {
    return this.lost;
  }

  /** One renewal now (a renewal in flight is not doubled). */
  async renewNow(): Promise<void> {
    if (this.lost !== null) return;
    if (this.inflight) return this.inflight;
    this.inflight = this.renewOnce().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async renewOnce(): Promise<void> {
    let result: 'renewed' | 'lost';
    try {
      result = await this.options.renew((this.options.now ?? Date.now)());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return; // the network: the next tick tries again
      result = 'lost';
    }
    if (result === 'renewed' || this.lost !== null) return;
    this.lost = 'its lock was taken over after its lease lapsed (another host recorded the run as CRASHED)';
    this.timer.stop();
    this.options.onLost(this.lost);
  }

  stop(): void {
    this.timer.stop();
  }
}

function intervalOf(fn: () => void, ms: number): { stop(): void } {
  const timer = setInterval(fn, ms);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
