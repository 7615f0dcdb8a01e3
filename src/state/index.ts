/** Operator state (DESIGN §1, §6): state.json behind an inter-process lock, every change recorded in changes.jsonl. */
export { applyChange, resumeExpiredPauses } from './apply.js';
export type { ChangeResult } from './apply.js';
export { normalizeChange } from './change.js';
export type { ChangeRequest, ChangeSource, StateAction } from './change.js';
export { agentState, isPauseExpired } from './effective.js';
export { formatState } from './format.js';
export { readState } from './read.js';
export { defaultAgentEntry, defaultState, entryOf } from './schema.js';
export type { AgentEntry, GlobalStop, OperatorState } from './schema.js';
export { nextState } from './transition.js';
export { changeRecordFor } from './record.js';
export { applyQuietChange } from './apply-quiet.js';
export { liveAck, liveSilence, liveSilences, nextQuiet, QUIET_ACTIONS, scopeName } from './quiet.js';
export type { AckedAlert, QuietAction, QuietNoop, QuietRequest, QuietTransition } from './quiet.js';
export type { AlertAck, Silence } from './schema.js';
