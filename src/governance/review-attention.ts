import { CADENCE_DAYS, REVIEW_SLACK_DAYS } from '../alerts/index.js';
import type { DisplayState } from '../fleet/index.js';
import type { RunStatus } from '../journal/index.js';
import { isNotOk } from '../shared/index.js';

/**
 * What in an agent's week "needs a look": the one rule for `nightshift
 * review`, its digest and the console's review summary. Each reason is data,
 * so each view can draw it its own way; reviewReasonText is the words.
 */
export type LookReason =
  | { kind: 'invalid'; problem: string | null }
  | { kind: 'error'; problem: string | null }
  | { kind: 'last_run'; status: RunStatus; reason: string | null }
  | { kind: 'week_not_ok'; nonOk: number; runs: number }
  | { kind: 'open_alerts'; count: number }
  | { kind: 'concern' }
  | { kind: 'review_overdue' }
  | { kind: 'never_reviewed' };

export interface LookInput {
  state: DisplayState;
  problem: string | null;
  lastRun: { status: RunStatus; reason: string | null } | null;
  /** the week's runs, and those not OK (SKIPPED is neutral) */
  week: { runs: number; nonOk: number };
  openAlerts: number;
  /** the last review mark, if any */
  lastReview: { concern: boolean } | null;
  reviewOverdue: boolean;
}

export function needsALook(agent: LookInput): LookReason[] {
  const out: LookReason[] = [];
  if (agent.state === 'invalid') out.push({ kind: 'invalid', problem: agent.problem });
  if (agent.state === 'error') out.push({ kind: 'error', problem: agent.problem });
  const last = agent.lastRun;
  if (last && isNotOk(last.status)) out.push({ kind: 'last_run', status: last.status, reason: last.reason });
  if (agent.week.nonOk > 0) out.push({ kind: 'week_not_ok', nonOk: agent.week.nonOk, runs: agent.week.runs });
  if (agent.openAlerts > 0) out.push({ kind: 'open_alerts', count: agent.openAlerts });
  if (agent.lastReview?.concern) out.push({ kind: 'concern' });
  if (agent.reviewOverdue) out.push({ kind: agent.lastReview ? 'review_overdue' : 'never_reviewed' });
  return out;
}

export function lookReasonText(reason: LookReason): string {
  switch (reason.kind) {
    case 'invalid':
      return `invalid: ${reason.problem ?? 'the definition does not validate'}`;
    case 'error':
      return `error: ${reason.problem ?? 'something about it could not be worked out'}`;
    case 'last_run':
      return `last run ${reason.status}`;
    case 'week_not_ok':
      return `${reason.nonOk} of ${reason.runs} runs not OK this week`;
    case 'open_alerts':
      return `${reason.count} open alert${reason.count === 1 ? '' : 's'}`;
    case 'concern':
      return 'concern at the last review';
    case 'review_overdue':
      return 'review overdue';
    case 'never_reviewed':
      return 'never reviewed';
  }
}

const DAY_MS = 86_400_000;

/** As the review-overdue alert judges it: the cadence plus two days of slack; an agent that never ran owes nothing. */
export function isReviewOverdue(
  cadence: string | null,
  lastReviewAt: string | null,
  ran: boolean,
  now: number,
): boolean {
  if (cadence === null || cadence === 'none') return false;
  const days = CADENCE_DAYS[cadence as keyof typeof CADENCE_DAYS];
  if (days === undefined) return false;
  if (lastReviewAt === null) return ran;
  return now - Date.parse(lastReviewAt) > (days + REVIEW_SLACK_DAYS) * DAY_MS;
}
