import type { RunStatus } from './records.js';
import { compareKeys, compareTrailKeys, type RunKey, type TrailKey } from './run-order.js';
import { runOutcome } from '../shared/index.js';

/**
 * The consecutive non-OK runs at the end of an agent's history (by ended_at),
 * which decides `failures_before_alert` (DESIGN §5). SKIPPED runs (paused,
 * budget, overlap) say nothing about the agent's health: they neither break nor
 * extend a streak.
 *
 * Files are summarised one by one and merged later, and a run in one file can
 * end after the last OK of another, so a file keeps the keys of its non-OK runs
 * after its own last OK, not only their count. At most STREAK_CAP are kept; a
 * streak is exact up to STREAK_CAP and reported as STREAK_CAP beyond it (far
 * past any alert threshold).
 *
 * Why keeping only the greatest STREAK_CAP stays exact: failures are dropped
 * only from a full list, and an OK removes kept failures only when it is later
 * than the first of them, hence later than every dropped one too. So a list
 * with dropped failures behind it is always full, and a count that reaches
 * into the dropped ones is at least STREAK_CAP anyway.
 */
export const STREAK_CAP = 1024;

export interface StreakState {
  lastOk: RunKey | null;
  /** non-OK, non-SKIPPED runs after `lastOk`, ascending; the greatest STREAK_CAP of them */
  failures: RunKey[];
}

export function emptyStreak(): StreakState {
  return { lastOk: null, failures: [] };
}

export function foldStreak(state: StreakState, status: RunStatus, ms: number, off: number): void {
  const outcome = runOutcome(status);
  if (outcome === 'neutral') return;
  const { lastOk, failures } = state;
  if (lastOk !== null && (ms < lastOk.ms || (ms === lastOk.ms && off <= lastOk.off))) return;
  if (outcome === 'ok') {
    // updated in place: a million OK runs need not be a million objects
    if (lastOk === null) state.lastOk = { ms, off };
    else {
      lastOk.ms = ms;
      lastOk.off = off;
    }
    if (failures.length === 0) return;
    const key = { ms, off };
    let stale = 0;
    while (stale < failures.length && compareKeys(failures[stale] as RunKey, key) <= 0) stale++;
    if (stale > 0) failures.splice(0, stale);
    return;
  }
  const key = { ms, off };
  let at = failures.length;
  while (at > 0 && compareKeys(failures[at - 1] as RunKey, key) > 0) at--;
  failures.splice(at, 0, key);
  if (failures.length > STREAK_CAP) failures.shift();
}

export interface StreakPart {
  file: number;
  state: StreakState;
}

/** The streak across files: the failures, in any file, after the last OK in any file. */
export function mergeStreaks(parts: readonly StreakPart[]): number {
  let lastOk: TrailKey | null = null;
  for (const { file, state } of parts) {
    if (state.lastOk === null) continue;
    const key = { ...state.lastOk, file };
    if (lastOk === null || compareTrailKeys(key, lastOk) > 0) lastOk = key;
  }
  let streak = 0;
  for (const { file, state } of parts) {
    const { failures } = state;
    let first = failures.length;
    while (first > 0 && (lastOk === null || compareTrailKeys({ ...(failures[first - 1] as RunKey), file }, lastOk) > 0))
      first--;
    streak += failures.length - first;
  }
  return Math.min(streak, STREAK_CAP);
}
