import type { AlertEvent } from '../../journal/index.js';
import { keepHead } from '../../secrets/index.js';
import { type Channel, ChannelError, type ChannelOptions } from './channel.js';

/**
 * `notify.webhook`: a JSON POST whose `text` is what Slack (and Mattermost,
 * Discord's /slack endpoint, Teams workflows…) show; the structured alert
 * rides along under `alert` for anything that wants more.
 */
export function webhookChannel(url: string, timeoutMs: number, options: Pick<ChannelOptions, 'secrets'> = {}): Channel {
  return {
    name: 'webhook',
    async send(event: AlertEvent, text: string) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text, alert: event }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const reason =
          (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : describeFetchError(error);
        throw new ChannelError('webhook', `notify.webhook POST ${redactUrl(url)} failed: ${reason}`, { cause: error });
      }
      const body = await response.text().catch(() => '');
      if (!response.ok)
        throw new ChannelError(
          'webhook',
          `notify.webhook POST ${redactUrl(url)} answered ${response.status}${body ? `: ${keepHead(body, 200, options.secrets ?? [], '')}` : ''}`,
        );
    },
  };
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/** Webhook URLs carry their secret in the path (hooks.slack.com/services/T…/B…/xyz): only the host is shown. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/…`;
  } catch {
    return '(webhook URL)';
  }
}
