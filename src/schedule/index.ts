export { heartbeatSchema, readHeartbeat } from './heartbeat.js';
export type { Heartbeat } from './heartbeat.js';
export { killAgent, startAll, stopAll, switchAgent } from './kill-switches.js';
export type { AgentSwitch, StopAllResult, SwitchOptions } from './kill-switches.js';
