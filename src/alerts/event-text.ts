import type { AlertEvent } from '../journal/index.js';
import { formatIsoWall } from '../shared/index.js';

/**
 * The one line a person reads (the Slack `text`, a notify-send body): what
 * happened, how bad, and whether it is new, a reminder or a recovery.
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
      return `nightshift ${event.severity.toUpperCase()}, still${since}: ${event.message}`;
    }
    case 'resolve':
      return event.message.startsWith('resolved: ')
        ? `nightshift RESOLVED: ${event.message.slice('resolved: '.length)}`
        : `nightshift CLOSED, ${event.message}`;
  }
}
