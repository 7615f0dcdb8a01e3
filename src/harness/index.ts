/** The harness room (DESIGN §3): one run of one agent — refuse, lock, preflight, limits, protocol, output, record. */
export { runAgent } from './run-agent.js';
export { describeKill, killRun } from './kill.js';
export type { KillResult } from './kill.js';
export { lockLiveness, readRunLock } from './lock.js';
export { reapStaleLock } from './reap.js';
export { secretsFor } from './run-secrets.js';
export { readProtocol } from './protocol.js';
export { countBullets, countWords } from './expect.js';
export { progressLine, summaryLine } from './progress.js';
export { outputStamp, parseOutputName } from './stamp.js';
export { outputDirEscape } from './output-dir.js';
export { LiveLine } from './live-line.js';
export { liveFile, parseLiveEvent, LIVE_TYPES } from './live-format.js';
export type { LiveEvent, LiveLimits } from './live-format.js';
export { runnerWallMs } from './wall-bound.js';
export { refusalNow, runInFlight } from './admission.js';
export type { Refusal } from './refuse.js';
