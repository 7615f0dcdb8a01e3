import type { RunStatus } from '../shared/index.js';

/**
 * The retry policy of an agent file (`retry:`, README "Retry policy"): which
 * statuses may be retried, and when the next attempt is due. The one place
 * both rules live: the schema asks here what `retry.on` may list, the harness
 * when an attempt follows, the non-OK alert whether a failure is final yet.
 */

/**
 * The statuses that may be transient: the same input, run again a little
 * later, may well end OK. Everything else either is healthy (OK), was refused
 * or ended on purpose (SKIPPED, KILLED), was declared by the agent about its
 * input, or is a limit or a format the next attempt would reach the same way.
 */
export const RETRYABLE_STATUSES = ['RUNNER_FAILED', 'TIMEOUT', 'CRASHED'] as const;
export type RetryableStatus = (typeof RETRYABLE_STATUSES)[number];

/** Why a status is no retry reason: what `validate` says for `retry.on: [<status>]`. */
const NOT_RETRYABLE: Record<Exclude<RunStatus, RetryableStatus>, string> = {
  OK: 'OK is a success: there is nothing to retry',
  SKIPPED: 'SKIPPED is a refusal (paused, disabled, budget, stop-all, overlap): a retry would be refused the same way',
  KILLED: 'KILLED means an operator ended the run on purpose: retrying it would undo their decision',
  EMPTY: 'EMPTY is declared by the agent about its input: the same input gives the same answer',
  PARTIAL: 'PARTIAL is declared by the agent about its input: the same input gives the same answer',
  INCOMPLETE: 'INCOMPLETE is declared by the agent about its input: the same input gives the same answer',
  ERROR: 'ERROR is declared by the agent (or an unknown STATUS word): the agent judged it, a retry does not change it',
  TOO_LARGE: 'TOO_LARGE is the input over input.max_bytes: the same input is refused again',
  UNEXPECTED_INPUT: 'UNEXPECTED_INPUT is the input refused by preflight: the same input is refused again',
  TOOL_FAILED: 'TOOL_FAILED is declared by the agent about a tool: fix the tool, a blind retry repeats it',
  BAD_FORMAT: 'BAD_FORMAT is the output breaking the protocol or output.expect: fix the prompt, a retry repeats it',
  CALL_LIMIT: 'CALL_LIMIT is a limit reached: a retry would spend the same calls and reach it again',
  COST_LIMIT: 'COST_LIMIT is a limit reached: a retry would spend the same money and reach it again',
  OUTPUT_LIMIT: 'OUTPUT_LIMIT is a limit reached: a retry would write as much and reach it again',
  NO_END:
    'NO_END is an answer that stopped without END_OF_RUN, which follows from the prompt and the answer length: a retry mostly ends the same way',
};

/** null when `status` may be listed in retry.on, else why not (for the schema's message). */
export function retryOnProblem(status: string): string | null {
  if ((RETRYABLE_STATUSES as readonly string[]).includes(status)) return null;
  const why = (NOT_RETRYABLE as Record<string, string>)[status];
  const expected = `expected only transient statuses: ${RETRYABLE_STATUSES.join(', ')}`;
  if (why !== undefined) return `${status} cannot be retried: ${why}; ${expected}; remove ${status} from retry.on`;
  return `${JSON.stringify(status)} is not a run status: ${expected}`;
}

/**
 * A resolved policy. `attempts` counts the retries after the first run: 2
 * means up to 3 runs in all. Attempt numbers are 1-based: the first run is
 * attempt 1, its retries 2 … attempts + 1.
 */
export interface RetryPolicy {
  attempts: number;
  /** ms before attempt 2 */
  backoff: number;
  factor: number;
  on: RetryableStatus[];
}

/** How many runs the policy allows in all: the first and its retries. */
export function attemptsInAll(policy: RetryPolicy | undefined): number {
  return 1 + (policy?.attempts ?? 0);
}

/**
 * Whether attempt `attempt` (1-based) that ended `status` is followed by
 * another attempt: the status is listed and retries are left.
 */
export function retriesAfter(policy: RetryPolicy | undefined, status: RunStatus, attempt: number): boolean {
  if (!policy) return false;
  return attempt <= policy.attempts && (policy.on as readonly string[]).includes(status);
}

/**
 * The wait before attempt `next` (2 … attempts + 1) once the previous one
 * ended: backoff × factor^(next − 2), i.e. backoff before the first retry,
 * backoff × factor before the second.
 */
export function backoffBefore(policy: RetryPolicy, next: number): number {
  return Math.round(policy.backoff * policy.factor ** Math.max(0, next - 2));
}

/** The longest a run and all its retries can take: every attempt at `perAttemptMs`, plus every wait. */
export function retryWindowMs(policy: RetryPolicy | undefined, perAttemptMs: number): number {
  if (!policy) return perAttemptMs;
  let total = perAttemptMs;
  for (let next = 2; next <= attemptsInAll(policy); next++) total += backoffBefore(policy, next) + perAttemptMs;
  return total;
}
