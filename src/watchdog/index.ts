export { runCheck } from './check.js';
export type { CheckOptions, CheckResult } from './check.js';
export { afterRun, beforeRun } from './run-hooks.js';
export { agentFacts } from './agent-facts.js';
