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
 * startsAt is when the alert opened (a resend and a resolve carry it in details).
 *
 * Firing (open, resend): endsAt = the send + ends_after. Alertmanager expects
 * a firing alert to be re-sent before its endsAt (without one it resolves it
 * after its resolve_timeout, 5 minutes by default); nightshift re-sends at
 * `alerts.realert` (8 h by default), so ends_after (24 h by default, checked
 * to be longer) keeps it firing, and an alert nightshift can no longer speak
 * for ends by itself. Resolved: endsAt = when it resolved.
 *
 * `firingSeverities`: the severities this key fires under in Alertmanager now.
 * A severity change is a new label set there, so each one not the event's is
 * ended with it (a resolve ends every one); none is ended that never fired,
 * which a receiver would otherwise be told was resolved.
 */
export function alertmanagerAlerts(
  event: AlertEvent,
  text: string,
  setting: Pick<AlertmanagerSetting, 'labels' | 'ends_after'>,
  host: string,
  firingSeverities: ReadonlyArray<AlertEvent['severity']> = [],
): PostableAlert[] {
  const at = new Date(event.at);
  const opened = typeof event.details?.opened_at === 'string' ? new Date(event.details.opened_at) : at;
  const startsAt = Number.isNaN(opened.getTime()) || opened > at ? at : opened;
  const resolved = event.event === 'resolve';
  const alert = (severity: AlertEvent['severity'], ends: Date): PostableAlert => ({
    labels: {
      ...setting.labels,
      alertname: `nightshift_${event.rule}`,
      ...(event.agent === null ? {} : { agent: event.agent }),
      rule: event.rule,
      severity,
      key: event.key,
      host,
    },
    annotations: { summary: event.message, description: text },
    startsAt: startsAt.toISOString(),
    endsAt: ends.toISOString(),
  });
  const others = [...new Set(firingSeverities)].filter((severity) => severity !== event.severity);
  return [
    alert(event.severity, resolved ? at : new Date(at.getTime() + setting.ends_after)),
    ...others.map((severity) => alert(severity, at)),
  ];
}

/** A matcher for Alertmanager's `filter` parameter: label="value", quoted as its parser reads it. */
export function labelMatcher(name: string, value: string): string {
  return `${name}="${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
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
      const host = options.host ?? currentHost();
      const firing = await firingSeverities(endpoint, event.key, host, timeoutMs);
      const body = alertmanagerAlerts(event, text, setting, host, firing);
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

/**
 * The severities Alertmanager holds this key firing under (GET /api/v2/alerts
 * by key and host). Not reachable: none known, and the POST says why it failed.
 */
async function firingSeverities(
  endpoint: string,
  key: string,
  host: string,
  timeoutMs: number,
): Promise<Array<AlertEvent['severity']>> {
  const url = new URL(endpoint);
  url.searchParams.append('filter', labelMatcher('key', key));
  url.searchParams.append('filter', labelMatcher('host', host));
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return [];
    const alerts = (await response.json()) as Array<{ labels?: Record<string, string> }>;
    return alerts
      .map((alert) => alert.labels?.severity)
      .filter((severity): severity is AlertEvent['severity'] =>
        SEVERITIES.includes(severity as AlertEvent['severity']),
      );
  } catch {
    return [];
  }
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
