/** Operator state (DESIGN §1, §6): state.json behind an inter-process lock, every change recorded in changes.jsonl. */
export { applyChange, resumeExpiredPauses } from './apply.js';
export type { ChangeResult } from './apply.js';
export { BUDGET_REASON, NIGHTSHIFT_ACTOR, normalizeChange, STATE_ACTIONS } from './change.js';
export type { ChangeRequest, ChangeSource, StateAction, StateChange } from './change.js';
export { agentState, isPauseExpired } from './effective.js';
export type { EffectiveAgentState, EffectiveStatus, RunBlocker } from './effective.js';
export { ChangeNotRecordedError, StateLockError } from './errors.js';
export { CORRUPT_STATE_FIX, formatState, parseStateText } from './format.js';
export { readState } from './read.js';
export { AGENT_MODES, agentEntrySchema, defaultAgentEntry, defaultState, entryOf, globalStopSchema, STATE_VERSION, stateFileSchema } from './schema.js';
export type { AgentEntry, AgentMode, GlobalStop, OperatorState } from './schema.js';
export { nextState } from './transition.js';
export { changeRecordFor } from './record.js';
export type { NoopCode, Transition } from './transition.js';
