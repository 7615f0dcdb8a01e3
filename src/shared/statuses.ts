/**
 * The run statuses (DESIGN §3), how bad each one is, and the one rule of what
 * counts as a failure: only OK is healthy, SKIPPED and KILLED are neutral (a
 * run refused on purpose, or ended by an operator, says nothing about the
 * agent's health), everything else is not OK. Failure streaks, the review,
 * the console and the run hooks all ask here.
 */

export const AGENT_STATUSES = [
  'OK',
  'EMPTY',
  'PARTIAL',
  'INCOMPLETE',
  'ERROR',
  'TOO_LARGE',
  'UNEXPECTED_INPUT',
  'TOOL_FAILED',
] as const;
export const HARNESS_STATUSES = [
  'TIMEOUT',
  'CALL_LIMIT',
  'COST_LIMIT',
  'OUTPUT_LIMIT',
  'NO_END',
  'BAD_FORMAT',
  'RUNNER_FAILED',
  'CRASHED',
  'SKIPPED',
  /** ended by an operator (`nightshift kill`, the console's `x`, `stop-all`): the reason names who and why */
  'KILLED',
] as const;
export const RUN_STATUSES = [...AGENT_STATUSES, ...HARNESS_STATUSES] as const;
/** MISSED is never written to runs.jsonl: the watchdog derives it from the absence of a run. */
export const DERIVED_STATUSES = ['MISSED'] as const;

export type AgentStatus = (typeof AGENT_STATUSES)[number];
export type RunStatus = (typeof RUN_STATUSES)[number];
export type Status = RunStatus | (typeof DERIVED_STATUSES)[number];

/** What a run's status says about the agent's health: ok, not ok, or nothing at all (SKIPPED, KILLED). */
export type RunOutcome = 'ok' | 'not_ok' | 'neutral';

export function runOutcome(status: Status): RunOutcome {
  if (status === 'OK') return 'ok';
  return status === 'SKIPPED' || status === 'KILLED' ? 'neutral' : 'not_ok';
}

/** Not OK, SKIPPED and KILLED left out: the runs that count as failures (and toward a failure streak). */
export function isNotOk(status: Status): boolean {
  return runOutcome(status) === 'not_ok';
}

/**
 * SKIPPED or KILLED: neither counts for the agent's health, nor breaks or
 * lengthens a failure streak. Not OK either: a killed run delivered nothing.
 */
export function isNeutral(status: Status): boolean {
  return runOutcome(status) === 'neutral';
}

/**
 * SKIPPED only: refused before any model call, so it cost nothing. A KILLED
 * run may have spent money before the operator ended it: it is billable.
 */
export function isRefused(status: Status): boolean {
  return status === 'SKIPPED';
}

/**
 * How bad a status is, for colour and sorting. Only OK is healthy; refusals,
 * operator kills and empty input are worth a look; everything the harness had to stop, or
 * that broke, is an error.
 */
export type Severity = 'ok' | 'notice' | 'warning' | 'error';

const SEVERITY: Record<Status, Severity> = {
  OK: 'ok',
  EMPTY: 'notice',
  SKIPPED: 'notice',
  KILLED: 'notice',
  PARTIAL: 'warning',
  INCOMPLETE: 'warning',
  TOO_LARGE: 'warning',
  UNEXPECTED_INPUT: 'warning',
  BAD_FORMAT: 'warning',
  ERROR: 'error',
  TOOL_FAILED: 'error',
  TIMEOUT: 'error',
  CALL_LIMIT: 'error',
  COST_LIMIT: 'error',
  OUTPUT_LIMIT: 'error',
  NO_END: 'error',
  RUNNER_FAILED: 'error',
  CRASHED: 'error',
  MISSED: 'error',
};

export function statusSeverity(status: Status | null | undefined): Severity | null {
  if (!status) return null;
  return SEVERITY[status] ?? 'error';
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2, ok: 3 };
