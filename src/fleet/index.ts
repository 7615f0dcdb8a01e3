export { loadFleet } from './load.js';
export { SEVERITY_RANK, statusSeverity } from '../shared/index.js';
export type { Severity } from '../shared/index.js';
export type { DisplayState, FleetAgent, FleetSnapshot } from './types.js';
export { bar, describeScheduler, relativeTime, runDuration, usd } from './format.js';
export { fleetToJson } from './json.js';
export { daemonProcess, heartbeatIsLive, readHeartbeat, writeHeartbeat } from './heartbeat.js';
export type { Heartbeat } from './heartbeat.js';
export { recordCheckFaults } from './check-faults.js';
