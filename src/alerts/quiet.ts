import type { AlertEvent } from '../journal/index.js';
import { formatIsoWall } from '../shared/index.js';
import { liveAck, liveSilences, type OperatorState, type Silence } from '../state/index.js';
import type { OpenAlert } from './open-alerts.js';

/**
 * What acknowledgements and maintenance windows (state.json `acks`,
 * `silences`) do to alerts, as of one `now`. Pure, so the rule is tested
 * with an injected clock:
 *
 * - an acknowledged alert stays open and visible but is not re-sent, until
 *   its `until` passes (then reminders resume) or the alert resolves;
 * - in a maintenance window (an agent's, or the fleet's) alerts still open,
 *   re-send and resolve in logs/alerts.jsonl, but no channel gets anything
 *   (the record says why: `held`); an alert never sent because it opened in
 *   a window is sent once when the window ends, if it is still open (and not
 *   acknowledged) — a window hides the noise of the work, not a breakage that
 *   outlived it; one that opened and resolved inside the window is never sent.
 */
export interface QuietNote {
  kind: 'ack' | 'silence';
  by: string;
  reason: string;
  since: string;
  /** null: an ack that lasts until the alert resolves */
  until: string | null;
  /** a window's scope: the agent, or null for the whole fleet */
  agent: string | null;
  /** quietText of it, for views that show it as it is */
  text: string;
}

export interface AlertQuiet {
  /** why this open alert is not re-sent now: its ack, else the window it is in; null when neither */
  of(alert: Pick<OpenAlert, 'key' | 'agent' | 'opened_at'>): QuietNote | null;
  /** the maintenance window an event of this agent (null: a fleet alert) is in now: an agent's own, else the fleet's */
  window(agent: string | null): Silence | null;
  /** the home's zone, in which the texts give times */
  timeZone: string;
}

export function alertQuiet(state: Pick<OperatorState, 'acks' | 'silences'>, now: Date, timeZone = 'UTC'): AlertQuiet {
  const windows = liveSilences(state, now);
  const window = (agent: string | null): Silence | null =>
    (agent !== null ? windows.find((s) => s.agent === agent) : undefined) ??
    windows.find((s) => s.agent === null) ??
    null;
  return {
    of(alert) {
      const ack = liveAck(state, alert, now);
      if (ack)
        return note(
          { kind: 'ack', by: ack.by, reason: ack.reason, since: ack.since, until: ack.until, agent: null },
          timeZone,
        );
      const held = window(alert.agent);
      return held ? note({ kind: 'silence', ...held }, timeZone) : null;
    },
    window,
    timeZone,
  };
}

/** Nothing is quiet: for callers that have no state.json to look at. */
export const NOTHING_QUIET: AlertQuiet = { of: () => null, window: () => null, timeZone: 'UTC' };

function note(fields: Omit<QuietNote, 'text'>, timeZone: string): QuietNote {
  return { ...fields, text: quietText(fields, timeZone) };
}

/** "acked by aycee until 2026-12-06 18:00 Europe/Berlin: known, fix tomorrow" */
export function quietText(note: Omit<QuietNote, 'text'>, timeZone: string): string {
  const until = note.until ? ` until ${formatIsoWall(note.until, timeZone)}` : '';
  if (note.kind === 'ack') return `acked by ${note.by}${until}: ${note.reason}`;
  return `silenced (${note.agent === null ? 'fleet' : note.agent} maintenance) by ${note.by}${until}: ${note.reason}`;
}

/**
 * Why an event goes to no channel, or undefined to send it. In a window:
 * the window. A resolve of an alert that was never sent (it opened in a
 * window, which has ended since): announcing the end of what nobody was told
 * of is noise.
 */
export function holdReason(
  event: AlertEvent,
  open: ReadonlyMap<string, OpenAlert>,
  quiet: AlertQuiet,
): string | undefined {
  const window = quiet.window(event.agent);
  if (window) return quietText({ kind: 'silence', ...window }, quiet.timeZone);
  const before = open.get(event.key);
  if (event.event === 'resolve' && before?.held !== undefined) return `never sent: ${before.held}`;
  return undefined;
}

/** The open alerts, each with its ack or window, for readers that show them (check, status, the console). */
export function withQuiet(open: Iterable<OpenAlert>, quiet: AlertQuiet): OpenAlert[] {
  return [...open].map((alert) => {
    const note = quiet.of(alert);
    return note ? { ...alert, quiet: note } : alert;
  });
}
