import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { alertEventSchema, type RunRecord, runRecordSchema } from '../../src/journal/records.js';
import { cli } from '../support/cli.js';
import { closedPort, type Receiver, type ReceivedRecord, startReceiver } from '../support/otlp-receiver.js';
import { makeRunRecord } from '../support/run-record.js';
import { FAKE_CLAUDE } from '../support/runner-harness.js';
import { makeHome, type TestHome } from '../harness/support/home.js';

/**
 * Central logs end to end: the built CLI sends each finished run and each
 * alert event as one OTLP log record to a receiver on 127.0.0.1 that decodes
 * it with the official OpenTelemetry proto definitions (test/support/otlp-receiver.ts),
 * over http/protobuf and http/json; a receiver that is down costs the run
 * nothing and the record waits in the spool for the next export; `export otlp
 * --since` re-sends history; the claude child gets OTEL_RESOURCE_ATTRIBUTES.
 */
let home: TestHome;
let receiver: Receiver | null = null;
beforeEach(async () => {
  home = await makeHome();
});
afterEach(async () => {
  await receiver?.close();
  receiver = null;
  await home.remove();
});

/** The environment of a test run: none of the machine's own OTEL_* settings leak in. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of Object.keys(process.env)) if (name.startsWith('OTEL_')) env[name] = '';
  return { ...env, ...extra };
}

async function config(otlp: string): Promise<void> {
  await home.writeFile('nightshift.yaml', `timezone: UTC\nharness:\n  kill_grace: 1s\nexport:\n  otlp:\n${otlp}`);
}

async function records(): Promise<RunRecord[]> {
  return home.records();
}

async function alertEvents() {
  const text = await readFile(join(home.root, 'logs', 'alerts.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => alertEventSchema.parse(JSON.parse(line)));
}

async function spoolFiles(): Promise<string[]> {
  return (await readdir(join(home.root, 'spool', 'otlp')).catch(() => [] as string[])).filter((name) =>
    name.endsWith('.json'),
  );
}

function byUid(received: ReceivedRecord[], uid: string): ReceivedRecord | undefined {
  return received.find((record) => record.attributes['log.record.uid'] === uid);
}

describe('OTLP export of runs and alert events (the built CLI against a receiver on 127.0.0.1)', () => {
  test(
    'http/protobuf from nightshift.yaml: a claude run is one record with the GenAI attributes, severity from its status; ' +
      'the child got OTEL_RESOURCE_ATTRIBUTES',
    async () => {
      receiver = await startReceiver();
      await config(
        `    endpoint: ${receiver.url}\n    protocol: http/protobuf\n    headers:\n      x-team: night-ops\n`,
      );
      await home.writeFile('log.txt', 'a line of log\n');
      await home.writeAgent('summarizer', {
        tools: 'Read',
        input: { path: 'log.txt' },
        runner: { kind: 'claude', executable: FAKE_CLAUDE, model: 'claude-sonnet-4-5' },
      });
      const argsFile = join(home.root, 'claude-args.json');
      const ran = await cli(['run', 'summarizer', '--home', home.root], {
        env: cleanEnv({ FAKE_CLAUDE_ARGS_FILE: argsFile, OTEL_RESOURCE_ATTRIBUTES: 'team=night ops,region=eu' }),
      });
      expect(ran.code, ran.stderr).toBe(0);
      const [record] = await records();
      expect(record?.status).toBe('OK');
      const [received] = await receiver.waitForRecords(1);
      // while the agent ran, an empty request readied the send (the process ends only once it is answered)
      expect(receiver.requests.map((request) => request.records.length).sort()).toEqual([0, 1]);
      for (const request of receiver.requests) {
        expect(request).toMatchObject({ path: '/v1/logs', contentType: 'application/x-protobuf' });
        expect(request.headers['x-team']).toBe('night-ops');
      }
      const tokens = record!.tokens;
      const cached = (tokens.cache_read ?? 0) + (tokens.cache_write ?? 0);
      expect(received).toMatchObject({
        severityNumber: 9,
        severityText: 'INFO',
        body: 'summarizer OK',
        timeUnixNano: Date.parse(record!.ended_at) * 1e6,
        resource: { 'service.name': 'nightshift', 'service.version': record!.version },
        attributes: {
          'log.record.uid': record!.run_id,
          'gen_ai.operation.name': 'invoke_agent',
          'gen_ai.agent.name': 'summarizer',
          'gen_ai.provider.name': 'anthropic',
          'gen_ai.request.model': 'claude-sonnet-4-5',
          'gen_ai.usage.input_tokens': tokens.input + cached,
          'gen_ai.usage.output_tokens': tokens.output,
          'gen_ai.usage.cache_read.input_tokens': tokens.cache_read,
          'gen_ai.usage.cache_creation.input_tokens': tokens.cache_write,
          'nightshift.run_id': record!.run_id,
          'nightshift.status': 'OK',
          'nightshift.trigger': 'manual',
          'nightshift.cost_usd': record!.cost_usd,
          'nightshift.duration_ms': record!.duration_ms,
          'nightshift.host': record!.host,
        },
      });
      expect(cached).toBeGreaterThan(0);
      // the operator's own attributes stay in front; the run's are appended, per the spec's list form
      const seen = JSON.parse(await readFile(argsFile, 'utf8')) as { otelResourceAttributes: string };
      expect(seen.otelResourceAttributes).toBe(
        `team=night ops,region=eu,nightshift.run_id=${record!.run_id},nightshift.agent=summarizer`,
      );
      expect(await spoolFiles()).toEqual([]);
    },
  );

  test(
    'http/json from the OTEL_EXPORTER_OTLP_* variables, which win over nightshift.yaml: ' +
      'a failed run (ERROR) and the alert it opened arrive, each one record',
    async () => {
      receiver = await startReceiver();
      // nightshift.yaml names a receiver that is down: the variables must win
      await config(`    endpoint: http://127.0.0.1:${await closedPort()}\n    protocol: http/protobuf\n`);
      await home.writeAgent('digest', {
        runner: { kind: 'command', command: ['printf', 'it broke\\nSTATUS: ERROR\\nEND_OF_RUN\\n'] },
      });
      const ran = await cli(['run', 'digest', '--home', home.root], {
        env: cleanEnv({
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
          OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20t0k3n',
        }),
      });
      expect(ran.code, ran.stderr).toBe(1);
      const [record] = await records();
      const [alert] = await alertEvents();
      expect(alert).toMatchObject({ event: 'open', rule: 'non_ok', agent: 'digest' });
      const received = await receiver.waitForRecords(2);
      expect(received).toHaveLength(2);
      expect(receiver.requests.every((request) => request.contentType === 'application/json')).toBe(true);
      expect(receiver.requests[0]?.headers.authorization).toBe('Bearer t0k3n');
      expect(byUid(received, record!.run_id)).toMatchObject({
        severityNumber: 17,
        severityText: 'ERROR',
        attributes: { 'nightshift.status': 'ERROR', 'gen_ai.agent.name': 'digest', 'nightshift.runner': 'command' },
      });
      expect(byUid(received, record!.run_id)?.attributes['gen_ai.provider.name']).toBeUndefined();
      const alertRecord = received.find((r) => r.attributes['nightshift.alert.key'] !== undefined);
      const severityNumber = { info: 9, warning: 13, critical: 21 }[alert!.severity];
      expect(alertRecord).toMatchObject({
        severityNumber,
        body: alert!.message,
        attributes: {
          'nightshift.alert.key': alert!.key,
          'nightshift.alert.event': 'open',
          'nightshift.alert.rule': 'non_ok',
          'nightshift.alert.severity': alert!.severity,
          'nightshift.alert.agent': 'digest',
        },
      });
    },
  );

  test(
    'a receiver that is down: the run exits OK at once and its record waits in the spool; ' +
      'once it is up, the next export (check) delivers it and empties the spool',
    async () => {
      const port = await closedPort();
      await config(`    endpoint: http://127.0.0.1:${port}\n    protocol: http/protobuf\n`);
      await home.writeAgent('noop', {
        runner: { kind: 'command', command: ['printf', 'done\\nSTATUS: OK\\nEND_OF_RUN\\n'] },
      });
      const ran = await cli(['run', 'noop', '--home', home.root], { env: cleanEnv() });
      expect(ran.code, ran.stderr).toBe(0);
      expect(ran.stdout).toMatch(/^OK noop/);
      expect(ran.stderr).toMatch(/OTLP export: 1 record not sent to http:\/\/127\.0\.0\.1:\d+\/v1\/logs: .*kept in/);
      const [record] = await records();
      const spooled = await spoolFiles();
      expect(spooled).toHaveLength(1);
      const batch = JSON.parse(await readFile(join(home.root, 'spool', 'otlp', spooled[0]!), 'utf8')) as {
        runs: unknown[];
      };
      expect(batch.runs.map((run) => runRecordSchema.parse(run).run_id)).toEqual([record!.run_id]);

      receiver = await startReceiver(port);
      await cli(['check', '--home', home.root], { env: cleanEnv() });
      const received = await receiver.waitForRecords(1);
      expect(byUid(received, record!.run_id)?.attributes['nightshift.status']).toBe('OK');
      expect(await spoolFiles()).toEqual([]);
    },
  );

  test(
    'export otlp --since 7d re-sends the runs and alert events since then, from every journal, ' +
      'each with its run id as log.record.uid (sent twice, the same uids)',
    async () => {
      receiver = await startReceiver();
      await config(`    endpoint: ${receiver.url}\n`);
      const now = Date.now();
      const at = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString();
      const run = (id: string, daysAgo: number, host: string) =>
        makeRunRecord({
          run_id: id,
          agent: 'nightly',
          started_at: at(daysAgo),
          ended_at: at(daysAgo),
          duration_ms: 1000,
          host,
          status: 'TIMEOUT',
          limit_hit: { limit: 'time', max: 60_000, observed: 60_200 },
        });
      // a shared home: one journal per host, and the main one
      await home.writeFile(
        'logs/runs.jsonl',
        `${JSON.stringify(run('old', 10, 'a'))}\n${JSON.stringify(run('r1', 2, 'a'))}\n`,
      );
      await home.writeFile('logs/runs@b.jsonl', `${JSON.stringify(run('r2', 1, 'b'))}\n`);
      await home.writeFile(
        'logs/alerts.jsonl',
        [
          {
            v: 1,
            key: 'non_ok:nightly',
            event: 'open',
            rule: 'non_ok',
            agent: 'nightly',
            severity: 'warning',
            at: at(9),
            message: 'old',
          },
          {
            v: 1,
            key: 'non_ok:nightly',
            event: 'resolve',
            rule: 'non_ok',
            agent: 'nightly',
            severity: 'warning',
            at: at(1),
            message: 'recovered',
          },
        ]
          .map((event) => JSON.stringify(event))
          .join('\n') + '\n',
      );
      // another host's alert journal: its events go too, with that host
      await home.writeFile(
        'logs/alerts@b.jsonl',
        `${JSON.stringify({
          v: 1,
          key: 'missed:nightly:2026-12-01T03:00:00.000Z',
          event: 'open',
          rule: 'missed',
          agent: 'nightly',
          severity: 'warning',
          at: at(2),
          message: 'missed on b',
        })}\n`,
      );
      const sent = await cli(['export', 'otlp', '--since', '7d', '--home', home.root, '--json'], { env: cleanEnv() });
      expect(sent.code, sent.stderr).toBe(0);
      expect(JSON.parse(sent.stdout)).toMatchObject({ runs: 2, alerts: 2, spooled: 0, protocol: 'http/protobuf' });
      const received = await receiver.waitForRecords(4);
      expect(received.find((r) => r.body === 'missed on b')?.attributes['nightshift.host']).toBe('b');
      expect(
        received
          .map((r) => r.attributes['log.record.uid'])
          .filter((uid) => uid === 'r1' || uid === 'r2')
          .sort(),
      ).toEqual(['r1', 'r2']);
      expect(byUid(received, 'r2')).toMatchObject({
        severityNumber: 17,
        attributes: {
          'nightshift.host': 'b',
          'nightshift.limit_hit': 'time',
          'nightshift.limit_hit.max': 60_000,
          'nightshift.limit_hit.observed': 60_200,
        },
      });
      expect(received.find((r) => r.body === 'recovered')?.attributes['nightshift.alert.event']).toBe('resolve');
      expect(byUid(received, 'old')).toBeUndefined();

      const again = await cli(['export', 'otlp', '--since', '7d', '--home', home.root], { env: cleanEnv() });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(
        /sent to http:\/\/127\.0\.0\.1:\d+\/v1\/logs \(http\/protobuf\): 0 spooled records, 2 runs and 2 alert events since/,
      );
      const twice = await receiver.waitForRecords(8);
      const uids = twice.map((r) => String(r.attributes['log.record.uid']));
      expect(new Set(uids).size).toBe(4);
    },
  );

  test('export otlp with nothing configured says how to configure it (exit 2); a receiver that stays down is exit 1, naming it', async () => {
    const none = await cli(['export', 'otlp', '--home', home.root], { env: cleanEnv() });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/OTLP export is not configured: add `export: \{ otlp: \{ endpoint:/);
    await config(`    endpoint: http://127.0.0.1:${await closedPort()}\n`);
    const now = new Date().toISOString();
    await home.writeFile(
      'logs/runs.jsonl',
      `${JSON.stringify(makeRunRecord({ run_id: 'x', agent: 'a', started_at: now, ended_at: now, duration_ms: 1 }))}\n`,
    );
    const down = await cli(['export', 'otlp', '--since', '1d', '--home', home.root], { env: cleanEnv() });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /OTLP export to http:\/\/127\.0\.0\.1:\d+\/v1\/logs stopped: .*sent before it: 0 spooled, 0 runs/,
    );
  });

  test('an unusable setting (grpc) never fails the run: it is said, and the record is spooled', async () => {
    await config(`    endpoint: http://127.0.0.1:4318\n`);
    await home.writeAgent('noop', {
      runner: { kind: 'command', command: ['printf', 'done\\nSTATUS: OK\\nEND_OF_RUN\\n'] },
    });
    const ran = await cli(['run', 'noop', '--home', home.root], {
      env: cleanEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }),
    });
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stderr).toMatch(/OTEL_EXPORTER_OTLP_PROTOCOL=grpc: expected http\/protobuf or http\/json/);
    expect(await spoolFiles()).toHaveLength(1);
  });
});

test('the spool file names no secret header', async () => {
  // headers are settings, not records: the spool keeps the records only
  const receiverDown = await closedPort();
  const local = await makeHome();
  try {
    await writeFile(
      join(local.root, 'nightshift.yaml'),
      `timezone: UTC\nexport:\n  otlp:\n    endpoint: http://127.0.0.1:${receiverDown}\n    headers:\n      authorization: Bearer sekrit-value-123\n`,
    );
    await local.writeAgent('noop', {
      runner: { kind: 'command', command: ['printf', 'done\\nSTATUS: OK\\nEND_OF_RUN\\n'] },
    });
    const ran = await cli(['run', 'noop', '--home', local.root], { env: cleanEnv() });
    expect(ran.code, ran.stderr).toBe(0);
    const dir = join(local.root, 'spool', 'otlp');
    const [file] = await readdir(dir);
    expect(await readFile(join(dir, file!), 'utf8')).not.toContain('sekrit');
    expect(ran.stderr).not.toContain('sekrit');
  } finally {
    await local.remove();
  }
});
