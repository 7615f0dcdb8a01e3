import type { AlertEvent } from '../journal/index.js';
import { formatIsoWall } from '../shared/index.js';

/**
 * The one line a person reads (the Slack `text`, a notify-send body): what
 * happened, how bad, and whether it is new, a reminder, a change of its
 * facts or a recovery.
 */
export function eventText(event: AlertEvent): string {
  switch (event.event) {
    case 'open':
      return `nightshift ${event.severity.toUpperCase()}: ${event.message}`;
    case 'resend': {
      const since =
        typeof event.details?.opened_at === 'string'
          ? ` (open since ${formatIsoWall(event.details.opened_at, 'UTC')})`
          : '';
      // the first send of an alert that opened in a maintenance window (quiet.ts): not "still" to anyone
      if (typeof event.details?.held === 'string')
        return `nightshift ${event.severity.toUpperCase()}, opened during a maintenance window${since}: ${event.message}`;
      return `nightshift ${event.severity.toUpperCase()}, still${since}: ${event.message}`;
    }
    case 'update':
      // recorded, not sent (reconcile.ts); worded for a channel all the same
      return `nightshift ${event.severity.toUpperCase()}, now: ${event.message}`;
    case 'resolve':
      return event.message.startsWith('resolved: ')
        ? `nightshift RESOLVED: ${event.message.slice('resolved: '.length)}`
        : `nightshift CLOSED, ${event.message}`;
  }
}
