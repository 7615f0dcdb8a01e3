import type { AgentEntry, OperatorState } from './schema.js';
import { entryOf } from './schema.js';

/**
 * `pause-expired`: stored as paused, but its paused_until has passed. It is
 * reported apart from `paused` so the caller resumes it through
 * `resumeExpiredPauses` (which records the resume) rather than running an
 * agent that state.json still calls paused.
 */
export type EffectiveStatus = 'enabled' | 'paused' | 'pause-expired' | 'disabled' | 'retired';

/** Why a run started now would be SKIPPED (the SKIPPED reasons of DESIGN §3), or null. */
export type RunBlocker = 'stopped' | 'paused' | 'disabled' | 'retired';

export interface EffectiveAgentState {
  agent: string;
  status: EffectiveStatus;
  /** as stored, or the default entry for an agent state.json does not mention */
  entry: AgentEntry;
  /** the global stop is on: nothing runs, whatever the agent's own state */
  stopped: boolean;
  /** the global stop wins over the agent's own state; null for a pause-expired agent (its pause is over) */
  blockedBy: RunBlocker | null;
}

export function agentState(state: OperatorState, agent: string, now: Date): EffectiveAgentState {
  const entry = entryOf(state, agent);
  const status = statusOf(entry, now);
  const stopped = state.global.stopped;
  return { agent, status, entry, stopped, blockedBy: stopped ? 'stopped' : blockerOf(status) };
}

export function isPauseExpired(entry: AgentEntry, now: Date): boolean {
  return entry.state === 'paused' && entry.paused_until !== null && Date.parse(entry.paused_until) <= now.getTime();
}

function statusOf(entry: AgentEntry, now: Date): EffectiveStatus {
  if (entry.state === 'paused' && isPauseExpired(entry, now)) return 'pause-expired';
  return entry.state;
}

function blockerOf(status: EffectiveStatus): RunBlocker | null {
  if (status === 'paused' || status === 'disabled' || status === 'retired') return status;
  return null;
}
