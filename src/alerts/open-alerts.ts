import type { AlertEvent, AlertRule } from '../journal/index.js';
import type { QuietNote } from './quiet.js';

/**
 * The alert journal folded into what is open now. An alert is identified by
 * its stable key; its last event decides whether it is open. Shared by the
 * fleet query, `check` and the console, so "open" means one thing everywhere.
 */
export interface OpenAlert {
  key: string;
  rule: AlertRule;
  agent: string | null;
  severity: AlertEvent['severity'];
  message: string;
  opened_at: string;
  /** last time it was sent (open or resend) — realert counts from here */
  last_sent_at: string;
  sends: number;
  details?: Record<string, unknown>;
  /** its last send went to no channel (a maintenance window): why. Released once when the window ends (quiet.ts) */
  held?: string;
  /** its ack or maintenance window now, set by readers that looked at state.json (withQuiet) */
  quiet?: QuietNote;
}

export function foldAlerts(events: Iterable<AlertEvent>): Map<string, OpenAlert> {
  return applyEvents(new Map(), events);
}

/** The open alerts after `events`; `open` is not changed. Pure. */
export function applyEvents(
  open: ReadonlyMap<string, OpenAlert>,
  events: Iterable<AlertEvent>,
): Map<string, OpenAlert> {
  const next = new Map(open);
  for (const event of events) {
    if (event.event === 'resolve') {
      next.delete(event.key);
      continue;
    }
    const current = next.get(event.key);
    if (event.event === 'update' && current) {
      // the facts changed, nobody was told: the text and figures follow, the sends do not
      next.set(event.key, { ...current, severity: event.severity, message: event.message, details: event.details });
      continue;
    }
    // a resend keeps when the alert opened and what it found then
    next.set(event.key, {
      key: event.key,
      rule: event.rule,
      agent: event.agent,
      severity: event.severity,
      message: event.message,
      opened_at: current?.opened_at ?? event.at,
      last_sent_at: event.at,
      sends: (current?.sends ?? 0) + 1,
      details: event.event === 'open' || !current ? event.details : current.details,
      ...(event.held !== undefined ? { held: event.held } : {}),
    });
  }
  return next;
}

export function openAlertsByAgent(open: Map<string, OpenAlert>): Map<string | null, OpenAlert[]> {
  const byAgent = new Map<string | null, OpenAlert[]>();
  for (const alert of open.values()) {
    const list = byAgent.get(alert.agent) ?? [];
    list.push(alert);
    byAgent.set(alert.agent, list);
  }
  return byAgent;
}
