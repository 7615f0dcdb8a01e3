import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { channelsFromConfig, condition, deliverEvents, type OpenAlert, reconcile } from '../../src/alerts/index.js';
import { commandChannel } from '../../src/alerts/channels/command.js';
import { webhookChannel } from '../../src/alerts/channels/webhook.js';
import { secretsOf } from '../../src/secrets/index.js';
import { alertEventSchema, type AlertEvent } from '../../src/journal/index.js';
import { isRunning, killPids, pidsWithEnv, procIds, waitFor } from '../support/procs.js';

/** A real HTTP server on 127.0.0.1 that records what it was sent and answers with `status`. */
let server: Server;
let url: string;
let received: Array<{ path: string; body: string }> = [];
let status = 200;
let delayMs = 0;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body });
      setTimeout(() => {
        res.statusCode = status;
        res.end(status === 200 ? 'ok' : 'nope');
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  url = `http://127.0.0.1:${address.port}/hooks/T000/B000/secretpart`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let dir: string;
beforeEach(async () => {
  received = [];
  status = 200;
  delayMs = 0;
  dir = await mkdtemp(join(tmpdir(), 'ns-channels-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const NOW = new Date('2026-05-10T03:00:00Z');
const opened = (key = 'missed:a:2026-05-10T02:00:00.000Z', message = 'a missed its run'): AlertEvent[] =>
  reconcile({
    open: new Map(),
    conditions: [condition('missed', key, 'a', message)],
    inScope: () => true,
    now: NOW,
    realertMs: 8 * 3_600_000,
  });

async function journal(): Promise<AlertEvent[]> {
  const text = await readFile(join(dir, 'alerts.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => alertEventSchema.parse(JSON.parse(line)));
}

const deliver = (
  events: AlertEvent[],
  channels: ReturnType<typeof webhookChannel>[],
  open: Map<string, OpenAlert> = new Map(),
  env: NodeJS.ProcessEnv = {},
) =>
  deliverEvents(events, {
    journal: join(dir, 'alerts.jsonl'),
    channels,
    open,
    now: NOW,
    realertMs: 8 * 3_600_000,
    secrets: secretsOf(env),
  });

describe('webhook', () => {
  test('POSTs a Slack-compatible text plus the structured alert; the journal records the outcome', async () => {
    const { recorded } = await deliver(opened(), [webhookChannel(url, 2000)]);
    expect(received).toHaveLength(1);
    const body = JSON.parse(received[0]!.body) as { text: string; alert: AlertEvent };
    expect(body.text).toBe('nightshift CRITICAL: a missed its run');
    expect(body.alert).toMatchObject({ key: 'missed:a:2026-05-10T02:00:00.000Z', event: 'open', rule: 'missed' });
    expect(recorded[0]!.channels).toEqual([{ channel: 'webhook', ok: true }]);
    expect(await journal()).toEqual(recorded);
  });

  test('a failing webhook is recorded, raises channel_failed through the other channels only, and resolves on success', async () => {
    status = 500;
    const out = join(dir, 'command-got.jsonl');
    const command = commandChannel(['sh', '-c', `cat >> '${out}'`], 2000);
    const first = await deliver(opened(), [webhookChannel(url, 2000), command]);
    expect(first.recorded.map((e) => `${e.event} ${e.key}`)).toEqual([
      'open missed:a:2026-05-10T02:00:00.000Z',
      'open channel_failed:webhook',
    ]);
    expect(first.recorded[0]!.channels).toEqual([
      { channel: 'webhook', ok: false, error: expect.stringContaining('answered 500') },
      { channel: 'command', ok: true },
    ]);
    // the secret path of the webhook URL never reaches a record
    expect(JSON.stringify(first.recorded)).not.toContain('secretpart');
    // channel_failed went to the command, not to the failing webhook (only one POST: the original alert)
    expect(received).toHaveLength(1);
    expect(first.recorded[1]!.channels).toEqual([{ channel: 'command', ok: true }]);
    const gotByCommand = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AlertEvent);
    expect(gotByCommand.map((e) => e.key)).toEqual(['missed:a:2026-05-10T02:00:00.000Z', 'channel_failed:webhook']);
    // it works again: the next delivery resolves channel_failed
    status = 200;
    const second = await deliver(opened('non_ok:b', 'b failed'), [webhookChannel(url, 2000), command], first.open);
    expect(second.recorded.map((e) => `${e.event} ${e.key}`)).toEqual([
      'open non_ok:b',
      'resolve channel_failed:webhook',
    ]);
    expect(second.open.has('channel_failed:webhook')).toBe(false);
  });

  test('a webhook that does not answer in time fails at the timeout, and delivery goes on', async () => {
    delayMs = 3000;
    const started = Date.now();
    const { recorded } = await deliver(opened(), [webhookChannel(url, 300)]);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(recorded[0]!.channels![0]).toMatchObject({
      ok: false,
      error: expect.stringContaining('no answer within 300 ms'),
    });
  });

  test('a webhook nobody listens on fails cleanly', async () => {
    const { recorded } = await deliver(opened(), [webhookChannel('http://127.0.0.1:9/x', 1000)]);
    expect(recorded[0]!.channels![0]!.ok).toBe(false);
  });
});

describe('notify.command', () => {
  test('gets the alert event as JSON on stdin (a sh -c string or an argv)', async () => {
    const out = join(dir, 'got.json');
    const script = join(dir, 'notify.mjs');
    await writeFile(
      script,
      "import { writeFileSync } from 'node:fs'; let s=''; process.stdin.on('data', c => s += c); " +
        `process.stdin.on('end', () => writeFileSync(${JSON.stringify(out)}, s));`,
    );
    const [fromConfig] = channelsFromConfig({ command: [process.execPath, script], timeout: 5000 });
    await deliver(opened(), [fromConfig!]);
    const got = JSON.parse(await readFile(out, 'utf8')) as AlertEvent & { text: string };
    expect(got).toMatchObject({
      v: 1,
      key: 'missed:a:2026-05-10T02:00:00.000Z',
      event: 'open',
      severity: 'critical',
      text: 'nightshift CRITICAL: a missed its run',
    });
    const shOut = join(dir, 'sh.json');
    const [shell] = channelsFromConfig({ command: `cat > '${shOut}'`, timeout: 5000 });
    await deliver(opened(), [shell!]);
    expect(JSON.parse(await readFile(shOut, 'utf8'))).toMatchObject({ rule: 'missed' });
  });

  test('a command that fails or hangs is a failed channel; the hanging one is killed at the timeout', async () => {
    const failing = await deliver(opened(), [commandChannel('echo nope >&2; exit 3', 2000)]);
    expect(failing.recorded[0]!.channels![0]).toEqual({
      channel: 'command',
      ok: false,
      error: 'notify.command exited 3: nope',
    });
    const pidFile = join(dir, 'pid');
    const started = Date.now();
    const hanging = await deliver(opened(), [commandChannel(`sleep 30 & echo $! > '${pidFile}'; wait`, 400)]);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(hanging.recorded[0]!.channels![0]).toMatchObject({
      ok: false,
      error: expect.stringContaining('timed out after 400 ms'),
    });
    const sleeper = Number(await readFile(pidFile, 'utf8'));
    expect(await waitFor(() => !isRunning(sleeper), 2000)).toBe(true);
  });

  test('secrets from the environment never reach a channel or the journal', async () => {
    const out = join(dir, 'got.json');
    const env = { DEMO_API_KEY: 'sk-live-abcdef123456' };
    const events = opened('non_ok:a', 'a: its last run ended ERROR (401 for key sk-live-abcdef123456)');
    await deliver(events, [commandChannel(`cat > '${out}'`, 2000), webhookChannel(url, 2000)], new Map(), env);
    const everything = `${await readFile(out, 'utf8')}${received[0]!.body}${await readFile(join(dir, 'alerts.jsonl'), 'utf8')}`;
    expect(everything).not.toContain('sk-live-abcdef123456');
    expect(everything).toContain('[redacted:DEMO_API_KEY]');
  });
});

describe('notify.command under the process supervisor', () => {
  const failureOf = async (command: string | string[], timeoutMs: number): Promise<string | null> => {
    try {
      await commandChannel(command, timeoutMs).send(opened()[0]!, 'text');
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  };

  test('a hanging command and everything it started are killed at the timeout, as a group', async () => {
    const pidFile = join(dir, 'pids');
    const why = await failureOf(
      `sleep 60 & echo $! >> '${pidFile}'; sh -c 'sleep 60' & echo $! >> '${pidFile}'; echo $$ >> '${pidFile}'; wait`,
      300,
    );
    expect(why).toBe('notify.command timed out after 300 ms (its process group was killed)');
    const pids = (await readFile(pidFile, 'utf8')).trim().split('\n').map(Number);
    expect(pids).toHaveLength(3);
    expect(await waitFor(() => pids.every((pid) => !isRunning(pid)), 2000)).toBe(true);
  });

  test('exit codes and a missing executable', async () => {
    expect(await failureOf('exit 0', 5000)).toBeNull();
    expect(await failureOf(['false'], 5000)).toBe('notify.command exited 1');
    expect(await failureOf(['/no/such/thing'], 5000)).toMatch(/^notify\.command could not start: .*ENOENT/);
  });

  test.skipIf(process.platform !== 'linux')(
    'a child that escaped into its own session and ignores SIGTERM is killed too',
    async () => {
      const markerFile = join(dir, 'marker');
      const pidFile = join(dir, 'escapee');
      // the marker and the escapee's pid are written first, so the test can look for survivors by what the supervisor sweeps by
      const command = `echo "$NIGHTSHIFT_RUN_ID" > '${markerFile}'; setsid sh -c 'trap "" TERM; sleep 60' & echo $! > '${pidFile}'; cat >/dev/null; sleep 60`;
      // a timeout with room for a loaded machine to start the shell and its escapee before it strikes
      const sending = commandChannel(command, 3000).send(opened()[0]!, 'text');
      const read = (path: string): string => {
        try {
          return readFileSync(path, 'utf8').trim();
        } catch {
          return '';
        }
      };
      let escapee = 0;
      let marker = '';
      try {
        expect(await waitFor(() => (escapee = Number(read(pidFile))) > 0 && isRunning(escapee), 2500)).toBe(true);
        marker = read(markerFile);
        expect(marker).toMatch(/^notify-[0-9a-f-]{36}$/);
        // it really left the command's process group: a group kill alone would miss it
        expect(await waitFor(() => procIds(escapee)?.sid === escapee, 2500)).toBe(true);
        await expect(sending).rejects.toThrow('notify.command timed out after 3000 ms (its process group was killed)');
        expect(pidsWithEnv('NIGHTSHIFT_RUN_ID', marker)).toEqual([]);
        expect(isRunning(escapee)).toBe(false);
      } finally {
        await sending.catch(() => undefined);
        if (marker) killPids(pidsWithEnv('NIGHTSHIFT_RUN_ID', marker));
        if (escapee) killPids([escapee]);
      }
    },
  );
});
