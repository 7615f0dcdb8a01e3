import type { ChangeRecord } from '../journal/index.js';
import { agentState, changeRecordFor, type ChangeRequest, defaultState, type GlobalStop, nextState, normalizeChange, type OperatorState, type AgentEntry } from '../state/index.js';

/**
 * The operator's state over time, computed by nightshift's own transition
 * function: the same code that will replay changes.jsonl in a test, or apply
 * a change from the console. state.json is simply the last state, so the
 * fixture's state and change log cannot disagree.
 */
export interface StateStep {
  at: Date;
  request: ChangeRequest;
}

export interface Replay {
  /** the change records, in time order, as applyChange would have appended them */
  records: ChangeRecord[];
  /** the state after each step, in time order */
  snapshots: Array<{ at: Date; state: OperatorState }>;
  final: OperatorState;
}

export function replayStateChanges(steps: StateStep[]): Replay {
  const ordered = [...steps].sort((a, b) => a.at.getTime() - b.at.getTime());
  let state = defaultState();
  const records: ChangeRecord[] = [];
  const snapshots: Replay['snapshots'] = [];
  for (const step of ordered) {
    const change = normalizeChange(step.request, step.at, step.request.by ?? 'nightshift');
    const transition = nextState(state, change, step.at);
    if (!transition.applied) throw new Error(`demo story: ${step.request.action} at ${step.at.toISOString()} does nothing (${transition.message})`);
    state = transition.state;
    snapshots.push({ at: step.at, state });
    records.push(changeRecordFor(change, transition, step.at));
  }
  return { records, snapshots, final: state };
}

export interface Blocker {
  blockedBy: 'stopped' | 'paused' | 'disabled';
  entry: AgentEntry;
  global: GlobalStop;
}

/** Why a run of `agent` starting at `at` would have been refused, from the state in force then. */
export function blockerAt(replay: Replay, agent: string, at: Date): Blocker | null {
  let state: OperatorState | null = null;
  for (const snapshot of replay.snapshots) {
    if (snapshot.at.getTime() > at.getTime()) break;
    state = snapshot.state;
  }
  if (!state) return null;
  const effective = agentState(state, agent, at);
  return effective.blockedBy ? { blockedBy: effective.blockedBy, entry: effective.entry, global: state.global } : null;
}
