import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { channelsFromConfig, condition, deliverEvents, reconcile } from '../../src/alerts/index.js';
import { type AlertEvent } from '../../src/journal/index.js';
import { secretsOf } from '../../src/secrets/index.js';
import { KEY_58, piecesIn } from '../support/secret-pieces.js';

/**
 * Issue 12 §5 for the alert channels' own failures: a notify command whose
 * stderr, or a webhook whose answer, holds a key where the channel's error
 * cuts it — no piece of it reaches logs/alerts.jsonl or the channel_failed
 * alert the other channel is sent. A real HTTP server on 127.0.0.1.
 */
let server: Server;
let url: string;
let received: string[] = [];
let answer: { status: number; body: string } = { status: 200, body: 'ok' };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(body);
      res.statusCode = answer.status;
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let dir: string;
beforeEach(async () => {
  received = [];
  answer = { status: 200, body: 'ok' };
  dir = await mkdtemp(join(tmpdir(), 'ns-channel-secrets-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const NOW = new Date('2026-05-10T03:00:00Z');
const env = { NOTIFY_TOKEN: KEY_58 };

async function deliverOne(notify: { command: string; webhook: string }): Promise<AlertEvent[]> {
  const secrets = secretsOf(env);
  const channels = channelsFromConfig(
    { ...notify, timeout: 5000 },
    { cwd: dir, env: { ...process.env, ...env }, secrets },
  );
  const events = reconcile({
    open: new Map(),
    conditions: [condition('non_ok', 'non_ok:a', 'a', 'a: its last run ended ERROR')],
    inScope: () => true,
    now: NOW,
    realertMs: 8 * 3_600_000,
  });
  return (
    await deliverEvents(events, {
      journal: join(dir, 'alerts.jsonl'),
      channels,
      open: new Map(),
      now: NOW,
      realertMs: 8 * 3_600_000,
      secrets,
    })
  ).recorded;
}

describe('a channel that fails with a key in its words', () => {
  test('notify.command: the key in a long stderr line, the 2 KB the channel keeps cut inside it', async () => {
    // 30 of the key's characters fall within the last 2048 of what the command says
    const recorded = await deliverOne({
      command: `printf '%s%s' "$NOTIFY_TOKEN" "$(printf 'z%.0s' $(seq 2018))" >&2; exit 1`,
      webhook: url,
    });
    expect(recorded.map((e) => `${e.event} ${e.key}`)).toEqual(['open non_ok:a', 'open channel_failed:command']);
    expect(recorded[0]!.channels!.find((c) => c.channel === 'command')).toMatchObject({
      ok: false,
      error: expect.stringContaining('[redacted:NOTIFY_TOKEN]'),
    });
    const journal = await readFile(join(dir, 'alerts.jsonl'), 'utf8');
    expect(piecesIn(journal, KEY_58)).toEqual([]);
    // channel_failed:command went to the webhook
    expect(received).toHaveLength(2);
    expect(piecesIn(received.join('\n'), KEY_58)).toEqual([]);
  });

  test('notify.webhook: the server echoes the key in its answer, the 200 characters the channel keeps cut inside it', async () => {
    answer = { status: 500, body: `${'e'.repeat(170)}${KEY_58}${'f'.repeat(50)}` };
    const recorded = await deliverOne({ command: `cat >> '${join(dir, 'stdin.jsonl')}'`, webhook: url });
    expect(recorded.map((e) => `${e.event} ${e.key}`)).toEqual(['open non_ok:a', 'open channel_failed:webhook']);
    expect(recorded[0]!.channels!.find((c) => c.channel === 'webhook')).toMatchObject({
      ok: false,
      error: expect.stringContaining('answered 500'),
    });
    expect(piecesIn(await readFile(join(dir, 'alerts.jsonl'), 'utf8'), KEY_58)).toEqual([]);
    // channel_failed:webhook went to the command's stdin
    const stdin = await readFile(join(dir, 'stdin.jsonl'), 'utf8');
    expect(stdin).toContain('channel_failed:webhook');
    expect(piecesIn(stdin, KEY_58)).toEqual([]);
  });
});
