import type { AlertEvent, AlertRule } from '../journal/records.js';

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
}

export function foldAlerts(events: Iterable<AlertEvent>): Map<string, OpenAlert> {
  const open = new Map<string, OpenAlert>();
  for (const event of events) {
    if (event.event === 'resolve') {
      open.delete(event.key);
      continue;
    }
    const current = open.get(event.key);
    if (event.event === 'open' || !current) {
      open.set(event.key, {
        key: event.key,
        rule: event.rule,
        agent: event.agent,
        severity: event.severity,
        message: event.message,
        opened_at: current?.opened_at ?? event.at,
        last_sent_at: event.at,
        sends: (current?.sends ?? 0) + 1,
        details: event.details,
      });
      continue;
    }
    current.last_sent_at = event.at;
    current.message = event.message;
    current.severity = event.severity;
    current.sends += 1;
  }
  return open;
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
