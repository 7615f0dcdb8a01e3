/**
 * The journals' record formats and the run statuses live in the shared room
 * (src/shared/records.ts, src/shared/statuses.ts), the one place each is
 * declared; the journal room's door passes them on.
 */
export * from '../shared/index.js';
export { AGENT_STATUSES, DERIVED_STATUSES, HARNESS_STATUSES, RUN_STATUSES } from '../shared/index.js';
export type { AgentStatus, RunStatus, Status } from '../shared/index.js';
