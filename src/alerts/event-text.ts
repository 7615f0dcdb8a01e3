import type { AlertEvent } from '../journal/index.js';

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
      const since = typeof event.details?.opened_at === 'string' ? ` (open since ${event.details.opened_at})` : '';
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
