import { RUNNER_RETURN_SLACK_MS } from './execute.js';

/**
 * The longest the harness lets a run's runner go on after it starts: the time
 * limit, then the kill grace between SIGTERM and SIGKILL, and twice the slack
 * settleWithBackstop (execute.ts) gives a runner to return once signalled.
 * Whatever runs the harness from outside (a Kubernetes Job's
 * activeDeadlineSeconds) must allow at least this, plus start-up and the record.
 */
export function runnerWallMs(timeLimitMs: number, killGraceMs: number): number {
  return timeLimitMs + killGraceMs + 2 * RUNNER_RETURN_SLACK_MS;
}
