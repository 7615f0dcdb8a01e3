import { createServer, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  alertmanagerAlerts,
  alertmanagerChannel,
  alertsEndpoint,
  labelMatcher,
} from '../../src/alerts/channels/alertmanager.js';
import { channelsFromConfig } from '../../src/alerts/channels/from-config.js';
import { deliverEvents } from '../../src/alerts/deliver.js';
import { alertQuiet } from '../../src/alerts/quiet.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText } from '../../src/home/config-schema.js';
import type { AlertEvent } from '../../src/journal/index.js';

const HOUR = 3_600_000;
const SETTING = { ends_after: 24 * HOUR, labels: { team: 'night' } };

function event(overrides: Partial<AlertEvent> = {}): AlertEvent {
  return {
    v: 1,
    key: 'non_ok:digest',
    event: 'open',
    rule: 'non_ok',
    agent: 'digest',
    severity: 'warning',
    at: '2026-11-23T07:30:00.000Z',
    message: 'digest: ERROR',
    ...overrides,
  };
}

describe('alertmanagerAlerts (the v2 API payload)', () => {
  it('an open alert: labels alertname, agent, rule, severity, key, host (+ the configured ones), annotations, endsAt ahead', () => {
    expect(alertmanagerAlerts(event(), 'ALERT digest: ERROR', SETTING, 'web-1')).toEqual([
      {
        labels: {
          team: 'night',
          alertname: 'nightshift_non_ok',
          agent: 'digest',
          rule: 'non_ok',
          severity: 'warning',
          key: 'non_ok:digest',
          host: 'web-1',
        },
        annotations: { summary: 'digest: ERROR', description: 'ALERT digest: ERROR' },
        startsAt: '2026-11-23T07:30:00.000Z',
        endsAt: '2026-11-24T07:30:00.000Z',
      },
    ]);
  });

  it('a resolve: endsAt is when it resolved, startsAt when it opened', () => {
    const [resolved] = alertmanagerAlerts(
      event({ event: 'resolve', at: '2026-11-23T09:00:00.000Z', details: { opened_at: '2026-11-23T07:30:00.000Z' } }),
      'resolved',
      SETTING,
      'web-1',
    );
    expect(resolved).toMatchObject({ startsAt: '2026-11-23T07:30:00.000Z', endsAt: '2026-11-23T09:00:00.000Z' });
  });

  it('a fleet-wide alert has no agent label; a configured label cannot override nightshift’s own', () => {
    const [fleet] = alertmanagerAlerts(
      event({ key: 'scheduler_down', rule: 'scheduler_down', agent: null, severity: 'critical' }),
      'down',
      { ends_after: HOUR, labels: { rule: 'mine' } },
      'web-1',
    );
    expect(fleet?.labels).not.toHaveProperty('agent');
    expect(fleet?.labels.rule).toBe('scheduler_down');
  });

  it('a severity change ends the copy firing under the old severity, and only the ones that fire', () => {
    const escalated = alertmanagerAlerts(
      event({ event: 'resend', severity: 'critical', at: '2026-11-23T10:00:00.000Z' }),
      'worse',
      SETTING,
      'web-1',
      ['warning'],
    );
    expect(escalated.map((a) => [a.labels.severity, a.endsAt])).toEqual([
      ['critical', '2026-11-24T10:00:00.000Z'],
      ['warning', '2026-11-23T10:00:00.000Z'],
    ]);
    const resolved = alertmanagerAlerts(
      event({ event: 'resolve', severity: 'warning', at: '2026-11-23T11:00:00.000Z' }),
      'ok',
      SETTING,
      'web-1',
      ['critical'],
    );
    expect(resolved.map((a) => [a.labels.severity, a.endsAt])).toEqual([
      ['warning', '2026-11-23T11:00:00.000Z'],
      ['critical', '2026-11-23T11:00:00.000Z'],
    ]);
  });

  it('finds the v2 endpoint under a base URL and quotes filter values', () => {
    expect(alertsEndpoint('http://am:9093/')).toBe('http://am:9093/api/v2/alerts');
    expect(alertsEndpoint('http://am:9093/api/v2/alerts')).toBe('http://am:9093/api/v2/alerts');
    expect(labelMatcher('key', 'a"b\\c')).toBe('key="a\\"b\\\\c"');
  });
});

describe('alertmanagerChannel (against a stand-in speaking the v2 API)', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function standIn(
    answer: (request: IncomingMessage, body: string) => { status: number; body: string },
  ): Promise<{ url: string; seen: Array<{ method: string; url: string; body: string }> }> {
    const seen: Array<{ method: string; url: string; body: string }> = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ method: request.method ?? '', url: request.url ?? '', body });
        const reply = answer(request, body);
        response.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('no port');
    close = () => new Promise((resolve) => server.close(() => resolve()));
    return { url: `http://127.0.0.1:${address.port}`, seen };
  }

  it('asks what fires under the key, then POSTs the alerts as JSON', async () => {
    const { url, seen } = await standIn((request) =>
      request.method === 'GET'
        ? { status: 200, body: JSON.stringify([{ labels: { severity: 'warning' } }]) }
        : { status: 200, body: '' },
    );
    const channel = alertmanagerChannel({ url, ends_after: HOUR }, 2000, { host: 'web-1' });
    expect(channel.name).toBe('alertmanager');
    await channel.send(event({ event: 'resend', severity: 'critical' }), 'worse');
    expect(seen[0]?.method).toBe('GET');
    expect(decodeURIComponent(seen[0]?.url ?? '')).toBe(
      '/api/v2/alerts?filter=key="non_ok:digest"&filter=host="web-1"',
    );
    expect(seen[1]?.method).toBe('POST');
    const posted = JSON.parse(seen[1]?.body ?? '') as Array<{ labels: { severity: string } }>;
    expect(posted.map((a) => a.labels.severity)).toEqual(['critical', 'warning']);
  });

  it('a refusal is a ChannelError naming the endpoint and the answer (it raises channel_failed)', async () => {
    const { url } = await standIn((request) =>
      request.method === 'GET' ? { status: 200, body: '[]' } : { status: 400, body: '"start time must be before end"' },
    );
    await expect(alertmanagerChannel({ url, ends_after: HOUR }, 2000).send(event(), 'x')).rejects.toMatchObject({
      name: 'ChannelError',
      channel: 'alertmanager',
      message: `notify.alertmanager POST ${url}/api/v2/alerts answered 400: "start time must be before end"`,
    });
  });

  it('an event held by a maintenance window is recorded and not sent, as for every channel', async () => {
    const { url, seen } = await standIn(() => ({ status: 200, body: '[]' }));
    const dir = await mkdtemp(join(tmpdir(), 'ns-am-held-'));
    try {
      const journal = join(dir, 'alerts.jsonl');
      const quiet = alertQuiet(
        {
          acks: {},
          silences: [
            {
              agent: 'digest',
              by: 'aycee',
              reason: 'deploy',
              since: '2026-11-23T07:00:00.000Z',
              until: '2026-11-23T09:00:00.000Z',
            },
          ],
        },
        new Date('2026-11-23T07:30:00.000Z'),
      );
      const delivered = await deliverEvents([event()], {
        journal,
        channels: [alertmanagerChannel({ url, ends_after: HOUR }, 2000, { host: 'web-1' })],
        open: new Map(),
        now: new Date('2026-11-23T07:30:00.000Z'),
        realertMs: 8 * HOUR,
        secrets: [],
        quiet,
      });
      expect(seen).toEqual([]);
      expect(delivered.recorded[0]?.held).toContain('deploy');
      expect(await readFile(journal, 'utf8')).toContain('"held"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('nothing listening is a ChannelError too', async () => {
    const { url } = await standIn(() => ({ status: 200, body: '[]' }));
    await close?.();
    close = undefined;
    await expect(alertmanagerChannel({ url, ends_after: HOUR }, 2000).send(event(), 'x')).rejects.toThrow(
      /notify\.alertmanager POST .* failed: ECONNREFUSED/,
    );
  });
});

describe('notify.alertmanager in nightshift.yaml', () => {
  it('makes an alertmanager channel beside the others, ends_after 24h by default', () => {
    const parsed = parseConfigText('notify:\n  alertmanager:\n    url: http://127.0.0.1:9093\n');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.config.notify.alertmanager).toEqual({ url: 'http://127.0.0.1:9093', ends_after: 24 * HOUR });
    expect(channelsFromConfig(parsed.config.notify).map((c) => c.name)).toEqual(['alertmanager']);
  });

  it('refuses an ends_after not longer than realert, a bad URL and a bad label name, naming the field', () => {
    const short = parseConfigText('notify:\n  alertmanager:\n    url: http://am:9093\n    ends_after: 1h\n');
    expect(short).toMatchObject({ ok: false, problems: [{ field: 'notify.alertmanager.ends_after' }] });
    const badUrl = parseConfigText('notify:\n  alertmanager:\n    url: am:9093x\n');
    expect(badUrl.ok).toBe(false);
    const badLabel = parseConfigText('notify:\n  alertmanager:\n    url: http://am:9093\n    labels: { __x: y }\n');
    expect(badLabel.ok).toBe(false);
  });
});
