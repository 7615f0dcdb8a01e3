import type { AlertEvent } from '../../journal/index.js';
import { keepHead } from '../../secrets/index.js';
import { currentHost } from '../../shared/index.js';
import { type Channel, ChannelError, type ChannelOptions } from './channel.js';
import { redactUrl } from './webhook.js';

/** `notify.alertmanager` in nightshift.yaml. */
export interface AlertmanagerSetting {
  /** Alertmanager's base URL (http://alertmanager:9093); /api/v2/alerts is added */
  url: string;
  /** more labels on every alert (team, env): routing in alertmanager.yml matches them */
  labels?: Record<string, string>;
  /** how long an alert stays firing after its last send if nightshift says nothing more (ms) */
  ends_after: number;
}

/** One alert of Alertmanager's v2 API (POST /api/v2/alerts takes a list of them). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
}

const SEVERITIES: ReadonlyArray<AlertEvent['severity']> = ['info', 'warning', 'critical'];

/**
 * What one alert event becomes in Alertmanager. Alertmanager knows an alert by
 * its label set, so the labels carry nightshift's stable key besides alertname,
 * agent, rule, severity and host: two open `missed` alerts of one agent stay two.
 *
 * Firing (open, resend): endsAt = the send + ends_after. Alertmanager expects
 * a firing alert to be re-sent before its endsAt (without one it resolves it
 * after its resolve_timeout, 5 minutes by default); nightshift re-sends at
 * `alerts.realert` (8 h by default), so ends_after (24 h by default) must be
 * longer, and an alert nightshift can no longer speak for ends by itself.
 * Resolved: endsAt = when it resolved.
 *
 * A severity change is a new label set: the firing alert goes with resolved
 * copies of it under the other severities, so the old one does not stay
 * firing beside it; a resolve ends it under every severity. Alertmanager
 * keeps the earliest startsAt of an alert it already has.
 */
export function alertmanagerAlerts(
  event: AlertEvent,
  text: string,
  setting: Pick<AlertmanagerSetting, 'labels' | 'ends_after'>,
  host: string,
): PostableAlert[] {
  const at = new Date(event.at);
  const resolved = event.event === 'resolve';
  const endsAt = resolved ? at : new Date(at.getTime() + setting.ends_after);
  const base = (severity: AlertEvent['severity']): Record<string, string> => ({
    ...setting.labels,
    alertname: `nightshift_${event.rule}`,
    ...(event.agent === null ? {} : { agent: event.agent }),
    rule: event.rule,
    severity,
    key: event.key,
    host,
  });
  const annotations = {
    summary: event.message,
    description: text,
  };
  const alert = (severity: AlertEvent['severity'], ends: Date): PostableAlert => ({
    labels: base(severity),
    annotations,
    startsAt: at.toISOString(),
    endsAt: ends.toISOString(),
  });
  if (resolved) return SEVERITIES.map((severity) => alert(severity, at));
  const earlier = event.event === 'resend' ? SEVERITIES.filter((s) => s !== event.severity) : [];
  return [alert(event.severity, endsAt), ...earlier.map((severity) => alert(severity, at))];
}

/** The v2 endpoint under a base URL (a URL already ending in it is kept). */
export function alertsEndpoint(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith('/api/v2/alerts') ? trimmed : `${trimmed}/api/v2/alerts`;
}

/**
 * `notify.alertmanager`: each alert event POSTed to Alertmanager's v2 API,
 * which groups, routes, inhibits and notifies as alertmanager.yml says.
 * Held events (acked, maintenance windows) are not sent, as for every channel.
 */
export function alertmanagerChannel(
  setting: AlertmanagerSetting,
  timeoutMs: number,
  options: Pick<ChannelOptions, 'secrets'> & { host?: string } = {},
): Channel {
  const endpoint = alertsEndpoint(setting.url);
  return {
    name: 'alertmanager',
    async send(event: AlertEvent, text: string) {
      const body = alertmanagerAlerts(event, text, setting, options.host ?? currentHost());
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const reason =
          (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : fetchCause(error);
        throw new ChannelError('alertmanager', `notify.alertmanager POST ${shown(endpoint)} failed: ${reason}`, {
          cause: error,
        });
      }
      const answer = await response.text().catch(() => '');
      if (!response.ok)
        throw new ChannelError(
          'alertmanager',
          `notify.alertmanager POST ${shown(endpoint)} answered ${response.status}${answer ? `: ${keepHead(answer, 200, options.secrets ?? [], '')}` : ''}`,
        );
    },
  };
}

/** An Alertmanager URL is not a secret the way a webhook's is, but a proxy's credentials may ride in it. */
function shown(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.username || parsed.password || parsed.search ? redactUrl(url) : `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(alertmanager URL)';
  }
}

function fetchCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
