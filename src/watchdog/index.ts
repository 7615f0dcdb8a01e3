export { runCheck } from './check.js';
export type { CheckOptions, CheckResult } from './check.js';
export { gatherFacts, lastReviews } from './gather.js';
export { pauseOverBudget } from './budget-pause.js';
export { AlertsLockError, withAlertsLock } from './alerts-lock.js';
export { afterRun, beforeRun } from './run-hooks.js';
export type { HookOptions, HookReport } from './run-hooks.js';
export { agentFacts } from './agent-facts.js';
