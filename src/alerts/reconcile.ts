import type { AlertEvent } from '../journal/index.js';
import { type Condition, SEVERITY_RANK } from './conditions.js';
import type { OpenAlert } from './open-alerts.js';
import type { AlertQuiet } from './quiet.js';

/**
 * The conditions true now against the alerts already open (foldAlerts over
 * logs/alerts.jsonl) → the events to send and record. Pure.
 *
 * - a condition with no open alert opens one;
 * - an open one is sent again once `realert` has passed since it was last
 *   sent, unless its condition says it is not worth repeating; or at once
 *   when its severity rose;
 * - otherwise, when the facts that keep it open say something else now than
 *   its recorded text ("its last 2 runs ended TOO_LARGE and EMPTY" after
 *   "its last run ended EMPTY"), an `update` records the new text: the
 *   alert's text always comes from this evaluation's facts. An update is not
 *   sent (nobody is paged again for the same problem); the next resend, or the
 *   resolve, carries the new words;
 * - an open alert whose condition is gone resolves — but only if this
 *   evaluation speaks for it (`inScope`): right after a run only that agent's
 *   run rules were looked at, and silence about the rest means nothing;
 * - an acknowledged alert, or one in a maintenance window, is not re-sent;
 *   one whose only send was held by a window that has ended is sent once
 *   now (quiet.ts).
 * - an alert of a month (its details name one: the budget, the cost
 *   anomaly) closes once that month is over, whatever the scope: the clock
 *   alone says so, and nothing of a finished month can still be acted on.
 */
export interface ReconcileInput {
  open: ReadonlyMap<string, OpenAlert>;
  conditions: readonly Condition[];
  inScope: (alert: OpenAlert) => boolean;
  now: Date;
  realertMs: number;
  /** why an alert in scope resolves when it was not fixed but stopped being watched ("api-digest is paused") */
  unwatched?: (alert: OpenAlert) => string | undefined;
  /** acks and maintenance windows (state.json); absent: none */
  quiet?: AlertQuiet;
  /** "YYYY-MM" of `now` in the home's zone: alerts of an earlier month close */
  month?: string;
}

export function reconcile(input: ReconcileInput): AlertEvent[] {
  const at = input.now.toISOString();
  const now = input.now.getTime();
  const events: AlertEvent[] = [];
  const seen = new Set<string>();
  for (const c of [...input.conditions].sort((a, b) => a.key.localeCompare(b.key))) {
    if (seen.has(c.key)) continue;
    seen.add(c.key);
    const open = input.open.get(c.key);
    const base = {
      v: 1 as const,
      key: c.key,
      rule: c.rule,
      agent: c.agent,
      severity: c.severity,
      at,
      message: c.message,
    };
    if (!open) {
      events.push({ ...base, event: 'open', ...(c.details ? { details: c.details } : {}) });
      continue;
    }
    const quiet = input.quiet?.of(open) ?? null;
    if (open.held !== undefined && quiet === null) {
      events.push({
        ...base,
        event: 'resend',
        details: { ...c.details, opened_at: open.opened_at, sends: open.sends + 1, held: open.held },
      });
      continue;
    }
    const worse = SEVERITY_RANK[c.severity] > SEVERITY_RANK[open.severity];
    const due = c.resend !== false && now - Date.parse(open.last_sent_at) >= input.realertMs;
    // an ack or a window keeps even a worse alert from being sent: its words still change below
    if (quiet === null && (worse || due)) {
      events.push({
        ...base,
        event: 'resend',
        details: { ...c.details, opened_at: open.opened_at, sends: open.sends + 1 },
      });
      continue;
    }
    const same = c.sameText ? c.sameText(open) : c.message === open.message;
    if (!same || c.severity !== open.severity) {
      events.push({
        ...base,
        event: 'update',
        details: { ...c.details, opened_at: open.opened_at, was: open.message },
      });
    }
  }
  for (const open of [...input.open.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    if (seen.has(open.key)) continue;
    const ended = monthEnded(open, input.month);
    if (!ended && !input.inScope(open)) continue;
    events.push({
      v: 1,
      key: open.key,
      event: 'resolve',
      rule: open.rule,
      agent: open.agent,
      severity: open.severity,
      at,
      message: ended ? `resolved: ${ended} is over: ${open.message}` : resolution(open, input.unwatched?.(open)),
      details: { opened_at: open.opened_at, ...(ended ? { month: ended } : {}) },
    });
  }
  return events;
}

/** The month an alert was about, when it is over ("2026-11" while it is December): such an alert closes. */
function monthEnded(open: OpenAlert, month: string | undefined): string | null {
  const of = open.details?.month;
  if (month === undefined || typeof of !== 'string' || !/^\d{4}-\d{2}$/.test(of)) return null;
  return of < month ? of : null;
}

function resolution(open: OpenAlert, unwatched: string | undefined): string {
  return unwatched ? `no longer watched (${unwatched}): ${open.message}` : `resolved: ${open.message}`;
}
