export { killAgent, startAll, stopAll, switchAgent } from './kill-switches.js';
export { recordRunRequest } from './run-request.js';
export { pauseEnd } from './pause-end.js';
export { ackAlert, silenceAlerts } from './quiet.js';
export type { AckResult, QuietOptions } from './quiet.js';
export { retireAgent, retiredPieces, unretireAgent } from './retire.js';
export type { RetireOutcome, RetiredPiece } from './retire.js';
