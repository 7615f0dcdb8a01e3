export { heartbeatSchema, readHeartbeat } from './heartbeat.js';
export type { Heartbeat } from './heartbeat.js';
