import type { StateChange } from './change.js';
import { isPauseExpired } from './effective.js';
import type { AgentEntry, AgentMode, GlobalStop, OperatorState } from './schema.js';
import { entryOf } from './schema.js';
import { formatIsoWall } from '../shared/index.js';

/**
 * Why a change did nothing. A no-op is not an error (asking to resume an
 * agent that already runs is harmless) and is not recorded in changes.jsonl,
 * but the caller is told, so the operator sees that nothing happened and why.
 */
export type NoopCode =
  | 'already-paused'
  | 'not-paused'
  | 'pause-not-expired'
  | 'is-disabled'
  | 'already-disabled'
  | 'already-enabled'
  | 'already-stopped'
  | 'not-stopped'
  | 'is-retired'
  | 'already-retired'
  | 'not-retired';

export type Transition =
  | {
      applied: true;
      state: OperatorState;
      /** the agent's entry (or the global stop, for stop-all / start-all) before and after */
      before: AgentEntry | GlobalStop;
      after: AgentEntry | GlobalStop;
      /** the why of the change record; nightshift's own for budget-pause and auto-resume */
      reason: string | null;
    }
  | { applied: false; state: OperatorState; noop: NoopCode; message: string };

/**
 * Pure: the state after `change`, or why there is nothing to do. Never mutates `state`.
 * `timeZone`: the zone the times in a no-op's message are shown in (the one
 * format for people, src/shared/time/wall-format.ts); ISO without it.
 */
export function nextState(state: OperatorState, change: StateChange, now: Date, timeZone?: string): Transition {
  const show = (iso: string) => (timeZone === undefined ? iso : formatIsoWall(iso, timeZone));
  if (change.action === 'stop-all' || change.action === 'start-all') return nextGlobal(state, change, now, show);
  const agent = change.agent;
  if (agent === null)
    throw new Error(`${change.action} reached nextState without an agent; normalizeChange should have refused it`);
  const entry = entryOf(state, agent);
  const verdict = decide(entry, change, now, show);
  if ('noop' in verdict) return { applied: false, state, noop: verdict.noop, message: `${agent} ${verdict.message}` };
  const after: AgentEntry = {
    state: verdict.to,
    reason: verdict.reason,
    since: now.toISOString(),
    by: change.by,
    paused_until: verdict.until,
  };
  return {
    applied: true,
    state: { ...state, agents: { ...state.agents, [agent]: after } },
    before: entry,
    after,
    reason: verdict.reason,
  };
}

type Show = (iso: string) => string;

type Verdict = { to: AgentMode; reason: string | null; until: string | null } | { noop: NoopCode; message: string };

function decide(entry: AgentEntry, change: StateChange, now: Date, show: Show): Verdict {
  const expired = isPauseExpired(entry, now);
  if (entry.state === 'retired' || change.action === 'retire' || change.action === 'unretire')
    return decideRetired(entry, change, show);
  switch (change.action) {
    case 'pause':
      if (entry.state === 'disabled')
        return { noop: 'is-disabled', message: `is disabled; a pause would weaken that (${describe(entry, show)})` };
      if (entry.state === 'paused' && !expired && entry.paused_until === change.until)
        return { noop: 'already-paused', message: `is already paused (${describe(entry, show)})` };
      return { to: 'paused', reason: change.reason, until: change.until };
    case 'budget-pause':
      if (entry.state === 'disabled') return { noop: 'is-disabled', message: `is disabled (${describe(entry, show)})` };
      // An operator's pause already stops the spending; it is not replaced by nightshift's.
      if (entry.state === 'paused' && !expired)
        return { noop: 'already-paused', message: `is already paused (${describe(entry, show)})` };
      return { to: 'paused', reason: change.reason, until: change.until };
    case 'resume':
      if (entry.state === 'disabled')
        return {
          noop: 'is-disabled',
          message: `is disabled, not paused: enable it instead (${describe(entry, show)})`,
        };
      if (entry.state !== 'paused') return { noop: 'not-paused', message: 'is not paused' };
      return { to: 'enabled', reason: change.reason, until: null };
    case 'auto-resume':
      if (entry.state !== 'paused') return { noop: 'not-paused', message: `is not paused (it is ${entry.state})` };
      if (!expired)
        return {
          noop: 'pause-not-expired',
          message: `is paused ${entry.paused_until === null ? 'until resumed' : `until ${show(entry.paused_until)}`}`,
        };
      return { to: 'enabled', reason: `paused until ${entry.paused_until} passed`, until: null };
    case 'disable':
      if (entry.state === 'disabled')
        return { noop: 'already-disabled', message: `is already disabled (${describe(entry, show)})` };
      return { to: 'disabled', reason: change.reason, until: null };
    case 'enable':
      if (entry.state === 'enabled') return { noop: 'already-enabled', message: 'is already enabled' };
      return { to: 'enabled', reason: change.reason, until: null };
    case 'stop-all':
    case 'start-all':
      throw new Error(`${change.action} is fleet-wide and has no agent verdict`);
  }
}

/**
 * A retired agent is stopped for good: only `unretire` moves it, and it comes
 * back disabled, so it runs again only when someone enables it on purpose
 * after reading what changed while it was away. Retire works from any state.
 */
function decideRetired(entry: AgentEntry, change: StateChange, show: Show): Verdict {
  if (change.action === 'retire') {
    if (entry.state === 'retired')
      return { noop: 'already-retired', message: `is already retired (${describe(entry, show)})` };
    return { to: 'retired', reason: change.reason, until: null };
  }
  if (change.action === 'unretire') {
    if (entry.state !== 'retired') return { noop: 'not-retired', message: `is not retired (it is ${entry.state})` };
    return { to: 'disabled', reason: change.reason, until: null };
  }
  return {
    noop: 'is-retired',
    message: `is retired (${describe(entry, show)}): nightshift unretire ${change.agent ?? ''} brings it back, disabled`,
  };
}

function nextGlobal(state: OperatorState, change: StateChange, now: Date, show: Show): Transition {
  const stopping = change.action === 'stop-all';
  const before = state.global;
  if (before.stopped === stopping) {
    return stopping
      ? {
          applied: false,
          state,
          noop: 'already-stopped',
          message: `the fleet is already stopped (${describe(before, show)})`,
        }
      : { applied: false, state, noop: 'not-stopped', message: 'the fleet is not stopped' };
  }
  const after: GlobalStop = { stopped: stopping, since: now.toISOString(), by: change.by, reason: change.reason };
  return { applied: true, state: { ...state, global: after }, before, after, reason: change.reason };
}

function describe(
  entry: {
    since: string | null;
    by: string | null;
    reason: string | null;
    paused_until?: string | null;
  },
  show: Show,
): string {
  const parts = [
    entry.since && `since ${show(entry.since)}`,
    entry.paused_until && `until ${show(entry.paused_until)}`,
    entry.by && `by ${entry.by}`,
    entry.reason && `reason: ${entry.reason}`,
  ];
  return parts.filter(Boolean).join(', ') || 'no details recorded';
}
