import type { RunStatus, RunTrail } from '../journal/index.js';
import { roundUsd, runOutcome } from '../shared/index.js';
import type { ReviewWindow } from './review-window.js';

/**
 * What one agent did in the review's window: runs by status, failures
 * (SKIPPED and KILLED are counted apart — neither OK nor failures), cost.
 */
export interface WeekActivity {
  runs: number;
  ok: number;
  /** not OK, not SKIPPED, not KILLED: the failures */
  nonOk: number;
  /** the neutral runs (SKIPPED, and KILLED by an operator): neither OK nor failures; byStatus tells them apart */
  skipped: number;
  byStatus: Partial<Record<RunStatus, number>>;
  costUsd: number;
}

export function emptyWeek(): WeekActivity {
  return { runs: 0, ok: 0, nonOk: 0, skipped: 0, byStatus: {}, costUsd: 0 };
}

/**
 * The agent's week from the journal index's day rows (the window is whole
 * local days of the trail's zone, review-window.ts): a sum over 7 or 8 rows,
 * however many runs the week had, with no line of the journal read again.
 */
export function weekActivity(
  trail: Pick<RunTrail, 'totalsOfDays'>,
  agent: string,
  window: Pick<ReviewWindow, 'firstDay' | 'lastDay'>,
): WeekActivity {
  const days = trail.totalsOfDays(agent, window.firstDay, window.lastDay);
  const week = emptyWeek();
  week.runs = days.runs;
  week.costUsd = roundUsd(days.costUsd);
  for (const [status, count] of Object.entries(days.byStatus) as Array<[RunStatus, number]>) {
    if (count === 0) continue;
    week.byStatus[status] = count;
    const outcome = runOutcome(status);
    if (outcome === 'ok') week.ok += count;
    else if (outcome === 'neutral') week.skipped += count;
    else week.nonOk += count;
  }
  return week;
}
