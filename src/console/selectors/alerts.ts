import type { OpenAlert, QuietNote } from '../../alerts/index.js';
import { relativeTime } from '../../fleet/index.js';
import { fit, oneLine } from '../format.js';
import type { ConsoleState } from '../state/types.js';
import { ALERT_COLOR, ALERT_RANK, type Line } from './cells.js';

/** The alerts view: what is open now (from the snapshot, so it is live), then what was resolved lately. */
export interface AlertRow {
  kind: 'open' | 'resolved';
  key: string;
  agent: string | null;
  severity: 'info' | 'warning' | 'critical';
  message: string;
  /** opened (open rows) or resolved (resolved rows) */
  at: string;
  /** open rows: its ack or maintenance window */
  quiet?: QuietNote;
}

export const RESOLVED_SHOWN = 50;

export function openAlertRows(state: ConsoleState): AlertRow[] {
  const snapshot = state.snapshot;
  if (!snapshot) return [];
  const open: OpenAlert[] = [...snapshot.agents.flatMap((agent) => agent.openAlerts), ...snapshot.fleetAlerts];
  return open
    .sort((a, b) => ALERT_RANK[a.severity] - ALERT_RANK[b.severity] || b.opened_at.localeCompare(a.opened_at))
    .map((alert) => ({
      kind: 'open',
      key: alert.key,
      agent: alert.agent,
      severity: alert.severity,
      message: alert.message,
      at: alert.opened_at,
      ...(alert.quiet ? { quiet: alert.quiet } : {}),
    }));
}

export function resolvedAlertRows(state: ConsoleState): AlertRow[] {
  if (!state.alerts) return [];
  const last = new Map<string, { message: string; severity: AlertRow['severity'] }>();
  const resolved: AlertRow[] = [];
  for (const event of state.alerts) {
    if (event.event !== 'resolve') {
      last.set(event.key, { message: event.message, severity: event.severity });
      continue;
    }
    const before = last.get(event.key);
    resolved.push({
      kind: 'resolved',
      key: event.key,
      agent: event.agent,
      severity: before?.severity ?? event.severity,
      message: before?.message ?? event.message,
      at: event.at,
    });
  }
  return resolved.reverse().slice(0, RESOLVED_SHOWN);
}

export function alertRows(state: ConsoleState): AlertRow[] {
  return [...openAlertRows(state), ...resolvedAlertRows(state)];
}

export function alertLine(row: AlertRow, now: number, selected: boolean): Line {
  const open = row.kind === 'open';
  const line: Line = [
    { text: selected ? '› ' : '  ', bold: true, color: 'magenta' },
    { text: fit(stateWord(row), 9), bold: open, dim: !open || row.quiet !== undefined },
    { text: fit(row.severity, 9), color: open ? ALERT_COLOR[row.severity] : undefined, dim: !open },
    { text: fit(row.agent ?? '(fleet)', 22), bold: open },
    { text: fit(relativeTime(row.at, new Date(now)), 9), dim: true },
    { text: oneLine(row.message), dim: !open },
  ];
  if (row.quiet) line.push({ text: ` · ${oneLine(row.quiet.text)}`, dim: true });
  if (selected) for (const segment of line) segment.inverse = true;
  return line;
}

/** An open alert that is acknowledged or in a maintenance window says so where OPEN would be. */
function stateWord(row: AlertRow): string {
  if (row.kind !== 'open') return 'resolved';
  if (row.quiet?.kind === 'ack') return 'ACKED';
  return row.quiet ? 'SILENCED' : 'OPEN';
}
