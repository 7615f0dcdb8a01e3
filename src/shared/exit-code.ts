import type { RunStatus } from './statuses.js';

/**
 * What `nightshift run` exits with, so cron wrappers and scripts can tell
 * "the agent said something is off" from "the harness had to stop it" from
 * "it never ran". Pure.
 */
export const RUN_EXIT = {
  OK: 0,
  /** the agent declared a non-OK status, or its output broke the protocol (NO_END, BAD_FORMAT) */
  NOT_OK: 1,
  /** usage error: bad arguments, unknown agent, no home (shared with every command) */
  USAGE: 2,
  /** a file nightshift needs (nightshift.yaml, state.json) is corrupt, or a file cannot be written: disk full (shared with every command) */
  CORRUPT: 3,
  /** a limit ended the run: TIMEOUT, CALL_LIMIT, COST_LIMIT, OUTPUT_LIMIT */
  LIMIT: 4,
  /** refused before any model call: SKIPPED */
  SKIPPED: 5,
  /** the runner or the harness failed (RUNNER_FAILED, CRASHED), or an operator ended the run (KILLED): it did not finish */
  FAILED: 6,
} as const;

export function exitCodeFor(status: RunStatus): number {
  switch (status) {
    case 'OK':
      return RUN_EXIT.OK;
    case 'TIMEOUT':
    case 'CALL_LIMIT':
    case 'COST_LIMIT':
    case 'OUTPUT_LIMIT':
      return RUN_EXIT.LIMIT;
    case 'SKIPPED':
      return RUN_EXIT.SKIPPED;
    case 'RUNNER_FAILED':
    case 'CRASHED':
    case 'KILLED':
      return RUN_EXIT.FAILED;
    default:
      return RUN_EXIT.NOT_OK;
  }
}

export const RUN_EXIT_HELP = `
Exit codes of run:
  0   OK: the agent declared STATUS: OK and its output met output.expect
  1   the agent declared another status (EMPTY, PARTIAL, ERROR, TOO_LARGE, …), its
      output broke the protocol (NO_END, BAD_FORMAT), or the agent file is invalid
  2   usage error: bad arguments, unknown agent, or no home
  3   nightshift.yaml or state.json is unreadable or corrupt (never overwritten), or a
      file cannot be written (disk full): when it is the run's record, the run keeps
      its lock and output, and the next look records it once as CRASHED
  4   a limit ended the run: TIMEOUT, CALL_LIMIT, COST_LIMIT, OUTPUT_LIMIT
  5   SKIPPED: refused without a model call (stopped, paused, disabled, budget, overlap,
      or invalid: write or network tools the agent file does not declare)
  6   RUNNER_FAILED or CRASHED: the runner failed, or the harness was signalled;
      KILLED: an operator ended the run (nightshift kill, the console's x, stop-all)
  70  internal error: a bug in nightshift (a RUNNER_FAILED record is still written)`;
