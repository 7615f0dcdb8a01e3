import type { Status } from '../journal/index.js';

/**
 * How bad a status is, for colour and sorting. Only OK is healthy; refusals
 * and empty input are worth a look; everything the harness had to stop, or
 * that broke, is an error.
 */
export type Severity = 'ok' | 'notice' | 'warning' | 'error';

const SEVERITY: Record<Status, Severity> = {
  OK: 'ok',
  EMPTY: 'notice',
  SKIPPED: 'notice',
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
