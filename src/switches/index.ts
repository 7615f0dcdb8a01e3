export { killAgent, startAll, stopAll, switchAgent } from './kill-switches.js';
export type { AgentSwitch, StopAllResult, SwitchOptions } from './kill-switches.js';
export { recordRunRequest } from './run-request.js';
export type { RunRequest } from './run-request.js';
