export { buildFleet, displayState, HEARTBEAT_STALE_MS, schedulerHealth } from './build.js';
export type { FleetInputs, LockView } from './build.js';
export { loadFleet } from './load.js';
export type { LoadFleetOptions } from './load.js';
export { SEVERITY_RANK, statusSeverity } from '../shared/index.js';
export type { Severity } from '../shared/index.js';
export type { DisplayState, FleetAgent, FleetSnapshot, OperatorEntry, RunInFlight, SchedulerHealth } from './types.js';
export { bar, describeScheduler, relativeTime, runDuration, shortSpan, usd } from './format.js';
export { agentToJson, fleetToJson } from './json.js';
