import type { AgentDefinition } from '../agents/index.js';
import type { Home } from '../home/index.js';
import { lockLiveness, readRunLock } from './lock.js';
import { portsWith } from './ports.js';
import { admit, type Refusal } from './refuse.js';

/**
 * What the harness would refuse a run for right now (paused, disabled, the
 * global stop, the budget), asked before a run is started rather than by
 * one: the daemon's webhook listener answers 503 with it and starts nothing,
 * so no SKIPPED record is written for a request that was never a due run.
 */
export async function refusalNow(home: Home, agent: AgentDefinition, now: Date): Promise<Refusal | null> {
  return (await admit(home, agent, now, await portsWith(undefined))).refusal;
}

/** A run of the agent holds its lock now (started by anyone: the daemon, cron, a person); a dead holder's lock does not count. */
export async function runInFlight(home: Home, agent: string): Promise<boolean> {
  const lock = await readRunLock(home.paths, agent);
  return lock !== null && (await lockLiveness(lock)) !== 'dead';
}
