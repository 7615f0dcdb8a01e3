/**
 * What happens around one run besides the run itself: the healthchecks pings,
 * the alert rules a run can change and the budget pause. The run reaches this
 * room by dynamic import after its record is written; it holds nothing of
 * `check` (the fleet, the cron math), which imports the shared pieces from here.
 */
export { afterRun, beforeRun } from './run-hooks.js';
export { agentFacts } from './agent-facts.js';
export { withAlertsLock } from './alerts-lock.js';
export { pauseOverBudget } from './budget-pause.js';
export { budgetPauseNote, unwatchedReason } from './unwatched.js';
