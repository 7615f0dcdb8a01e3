import { findOpenAlert, foldAlerts, type OpenAlert } from '../alerts/index.js';
import type { Home } from '../home/index.js';
import { alertEventSchema, readMerged } from '../journal/index.js';
import { applyQuietChange, type ChangeSource, type QuietTransition } from '../state/index.js';
import { currentUser } from '../shared/index.js';

/**
 * Acknowledge an open alert, or end the acknowledgement; open or end a
 * maintenance window. The CLI and the console pull these same levers; each
 * records who and why in logs/changes.jsonl (src/state/quiet.ts).
 */
export interface QuietOptions {
  reason?: string | null;
  until?: Date | null;
  by?: string;
  source: ChangeSource;
  now?: Date;
}

export type AckResult = QuietTransition & { alert: OpenAlert };

/** `alert`: a key, or an agent or rule with one open alert (findOpenAlert). */
export async function ackAlert(
  home: Home,
  action: 'ack' | 'unack',
  alert: string,
  options: QuietOptions,
): Promise<AckResult> {
  const open = foldAlerts((await readMerged(home.paths.logs, 'alerts', alertEventSchema)).records);
  const found = findOpenAlert(open.values(), alert);
  const result = await applyQuietChange(
    home.paths,
    {
      action,
      alert: { key: found.key, agent: found.agent, opened_at: found.opened_at },
      reason: options.reason,
      until: options.until,
      by: options.by ?? currentUser(),
      source: options.source,
    },
    options.now,
  );
  return { ...result, alert: found };
}

/** `agent` null: the whole fleet. */
export async function silenceAlerts(
  home: Home,
  action: 'silence' | 'unsilence',
  agent: string | null,
  options: QuietOptions,
): Promise<QuietTransition> {
  return applyQuietChange(
    home.paths,
    {
      action,
      agent,
      reason: options.reason,
      until: options.until,
      by: options.by ?? currentUser(),
      source: options.source,
    },
    options.now,
  );
}
