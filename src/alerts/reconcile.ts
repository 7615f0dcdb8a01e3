import type { AlertEvent } from '../journal/index.js';
import type { Condition } from './conditions.js';
import type { OpenAlert } from './open-alerts.js';
import type { AlertQuiet } from './quiet.js';

/**
 * The conditions true now against the alerts already open (foldAlerts over
 * logs/alerts.jsonl) → the events to send and record. Pure.
 *
 * - a condition with no open alert opens one;
 * - an open one is sent again once `realert` has passed since it was last
 *   sent, unless its condition says it is not worth repeating;
 * - an open alert whose condition is gone resolves — but only if this
 *   evaluation speaks for it (`inScope`): right after a run only that agent's
 *   run rules were looked at, and silence about the rest means nothing;
 * - an acknowledged alert, or one in a maintenance window, is not re-sent;
 *   one whose only send was held by a window that has ended is sent once
 *   now (quiet.ts).
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
    if (c.resend === false || quiet !== null) continue;
    if (now - Date.parse(open.last_sent_at) >= input.realertMs) {
      events.push({
        ...base,
        event: 'resend',
        details: { ...c.details, opened_at: open.opened_at, sends: open.sends + 1 },
      });
    }
  }
  for (const open of [...input.open.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    if (seen.has(open.key) || !input.inScope(open)) continue;
    events.push({
      v: 1,
      key: open.key,
      event: 'resolve',
      rule: open.rule,
      agent: open.agent,
      severity: open.severity,
      at,
      message: resolution(open, input.unwatched?.(open)),
      details: { opened_at: open.opened_at },
    });
  }
  return events;
}

function resolution(open: OpenAlert, unwatched: string | undefined): string {
  return unwatched ? `no longer watched (${unwatched}): ${open.message}` : `resolved: ${open.message}`;
}
