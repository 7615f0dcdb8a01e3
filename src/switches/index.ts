export { killAgent, startAll, stopAll, switchAgent } from './kill-switches.js';
export { recordRunRequest } from './run-request.js';
export { pauseEnd } from './pause-end.js';
