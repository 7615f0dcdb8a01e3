import { describe, expect, test } from 'vitest';
import { parseConfigText, type NightshiftConfig } from '../../src/home/index.js';
import { encodeBaggageValue, resolveOtlp, withRunResource } from '../../src/telemetry/index.js';
import { alertLogItem, runLogItem } from '../../src/telemetry/index.js';
import { makeRunRecord } from '../support/run-record.js';

/** Where OTLP records go: nightshift.yaml, the OTEL_EXPORTER_OTLP_* variables, and which wins (src/telemetry/otlp-settings.ts). */
async function config(yaml: string): Promise<NightshiftConfig> {
  const parsed = await parseConfigText(`timezone: UTC\n${yaml}`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
}

describe('resolveOtlp', () => {
  test('off without nightshift.yaml export.otlp and without an endpoint variable', async () => {
    expect(resolveOtlp(await config(''), {})).toEqual({ on: false });
  });

  test('nightshift.yaml alone: the endpoint is a base URL, /v1/logs appended; protobuf and 1 s by default', async () => {
    const on = resolveOtlp(await config('export:\n  otlp:\n    endpoint: http://collector:4318/otel\n'), {});
    expect(on).toEqual({
      on: true,
      settings: { url: 'http://collector:4318/otel/v1/logs', protocol: 'http/protobuf', headers: {}, timeoutMs: 1000 },
    });
    expect(resolveOtlp(await config('export:\n  otlp: {}\n'), {})).toMatchObject({
      settings: { url: 'http://localhost:4318/v1/logs' },
    });
  });

  test('the variables win setting by setting, the logs-specific before the generic; headers merge, a later one replacing', async () => {
    const file = await config(
      'export:\n  otlp:\n    endpoint: http://file:4318\n    protocol: http/protobuf\n    timeout: 2s\n' +
        '    headers:\n      x-team: ops\n      authorization: from-file\n',
    );
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://generic:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Basic%20abc,x-one=1',
      OTEL_EXPORTER_OTLP_LOGS_HEADERS: 'x-one=2',
      OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: '500',
    };
    expect(resolveOtlp(file, env)).toEqual({
      on: true,
      settings: {
        url: 'http://generic:4318/v1/logs',
        protocol: 'http/json',
        headers: { 'x-team': 'ops', authorization: 'Basic abc', 'x-one': '2' },
        timeoutMs: 500,
      },
    });
    // the logs endpoint is used as it is, no path appended
    expect(
      resolveOtlp(file, { ...env, OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'https://logs.example/ingest' }),
    ).toMatchObject({ settings: { url: 'https://logs.example/ingest' } });
    // "" is unset, as the spec says: the file's endpoint stands
    expect(resolveOtlp(file, { OTEL_EXPORTER_OTLP_ENDPOINT: '' })).toMatchObject({
      settings: { url: 'http://file:4318/v1/logs', timeoutMs: 2000 },
    });
  });

  test('an endpoint variable alone turns export on; OTEL_SDK_DISABLED and OTEL_LOGS_EXPORTER=none turn it off', async () => {
    const plain = await config('');
    expect(resolveOtlp(plain, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })).toMatchObject({ on: true });
    expect(resolveOtlp(plain, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' })).toEqual({
      on: false,
    });
    const file = await config('export:\n  otlp: {}\n');
    expect(resolveOtlp(file, { OTEL_LOGS_EXPORTER: 'none' })).toEqual({ on: false });
  });

  test('unusable variables are problems naming the variable, the value and the fix, never a header value', async () => {
    const file = await config('export:\n  otlp: {}\n');
    expect(resolveOtlp(file, { OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'grpc' })).toEqual({
      on: true,
      problem:
        'OTEL_EXPORTER_OTLP_LOGS_PROTOCOL=grpc: expected http/protobuf or http/json (nightshift sends OTLP over HTTP only); fix: set it to http/protobuf',
    });
    expect(resolveOtlp(file, { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317' })).toMatchObject({
      problem: expect.stringMatching(
        /^OTEL_EXPORTER_OTLP_ENDPOINT=collector:4317: expected an http:\/\/ or https:\/\/ URL/,
      ),
    });
    expect(resolveOtlp(file, { OTEL_EXPORTER_OTLP_TIMEOUT: 'soon' })).toMatchObject({
      problem: expect.stringMatching(/^OTEL_EXPORTER_OTLP_TIMEOUT=soon: expected milliseconds/),
    });
    const bad = resolveOtlp(file, { OTEL_EXPORTER_OTLP_HEADERS: 'ok=1,Bearer sekrit' });
    expect(bad).toMatchObject({
      problem: 'OTEL_EXPORTER_OTLP_HEADERS: entry 2 is not key=value; fix: write it as key=value,key2=value2',
    });
  });
});

describe('nightshift.yaml export.otlp', () => {
  test('is checked with errors that name the field, what was expected and the fix', async () => {
    const problems = async (yaml: string) => {
      const parsed = await parseConfigText(`timezone: UTC\nexport:\n  otlp:\n${yaml}`);
      return parsed.ok ? [] : parsed.problems.map((p) => `${p.field}: ${p.message}`);
    };
    expect((await problems('    protocol: grpc\n')).join('\n')).toMatch(
      'export.otlp.protocol: "grpc" is not allowed: expected one of "http/protobuf", "http/json"',
    );
    expect((await problems('    endpoint: collector:4318\n')).join('\n')).toMatch(
      /export\.otlp\.endpoint: .*expected the http\(s\) URL of an OTLP\/HTTP receiver, like http:\/\/collector:4318/,
    );
    expect((await problems('    endpiont: http://c:4318\n')).join('\n')).toMatch(/endpiont/);
    expect((await problems('    headers:\n      "bad header": x\n')).join('\n')).toMatch(
      /"bad header" is not an HTTP header name: expected letters, digits and -/,
    );
    expect(await problems('    endpoint: https://otlp.example.com\n    timeout: 2s\n')).toEqual([]);
  });
});

describe('OTEL_RESOURCE_ATTRIBUTES for the claude child', () => {
  test('the run id and agent are appended to what the operator set; values are percent-encoded outside baggage-octet', () => {
    expect(withRunResource({}, { runId: 'r-1', agent: 'inbox' }).OTEL_RESOURCE_ATTRIBUTES).toBe(
      'nightshift.run_id=r-1,nightshift.agent=inbox',
    );
    expect(
      withRunResource({ OTEL_RESOURCE_ATTRIBUTES: 'team=ops,' }, { runId: 'r-1', agent: 'inbox' })
        .OTEL_RESOURCE_ATTRIBUTES,
    ).toBe('team=ops,nightshift.run_id=r-1,nightshift.agent=inbox');
    expect(encodeBaggageValue('a b,c;d=e%f"g\\hé')).toBe('a%20b%2Cc%3Bd=e%25f%22g%5Ch%C3%A9');
    expect(decodeURIComponent(encodeBaggageValue('a b,c;d=e%f"g\\hé'))).toBe('a b,c;d=e%f"g\\hé');
  });
});

describe('a record as a log item', () => {
  const run = makeRunRecord({
    run_id: 'r-9',
    agent: 'inbox',
    started_at: '2026-12-01T09:00:00.000Z',
    ended_at: '2026-12-01T09:00:30.000Z',
    duration_ms: 30_000,
    runner: 'openai',
    model: 'gpt-4.1',
    tokens: { input: 100, output: 20, cache_read: 50, cache_write: 0 },
  });

  test('severity comes from the status severity rule (src/shared/statuses.ts)', () => {
    const severity = (status: (typeof run)['status']) => {
      const item = runLogItem({ ...run, status });
      return [item.severityNumber, item.severityText];
    };
    expect(severity('OK')).toEqual([9, 'INFO']);
    expect(severity('SKIPPED')).toEqual([10, 'NOTICE']);
    expect(severity('KILLED')).toEqual([10, 'NOTICE']);
    expect(severity('PARTIAL')).toEqual([13, 'WARN']);
    expect(severity('TIMEOUT')).toEqual([17, 'ERROR']);
    expect(severity('CRASHED')).toEqual([17, 'ERROR']);
  });

  test('input_tokens counts the cached tokens as the conventions say; the provider follows the runner', () => {
    expect(runLogItem(run).attributes).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4.1',
      'gen_ai.usage.input_tokens': 150,
      'gen_ai.usage.cache_read.input_tokens': 50,
      'gen_ai.usage.cache_creation.input_tokens': 0,
      'gen_ai.usage.output_tokens': 20,
    });
  });

  test("an alert event's identity is its key, kind and time: the same event, the same uid", () => {
    const event = {
      v: 1 as const,
      key: 'budget_warn:inbox:2026-12',
      event: 'open' as const,
      rule: 'budget_warn' as const,
      agent: 'inbox',
      severity: 'critical' as const,
      at: '2026-12-01T09:00:00.000Z',
      message: 'inbox spent 80% of its budget',
    };
    const item = alertLogItem(event);
    expect(item).toMatchObject({ severityNumber: 21, severityText: 'CRITICAL', body: event.message });
    expect(alertLogItem({ ...event }).attributes['log.record.uid']).toBe(item.attributes['log.record.uid']);
    expect(alertLogItem({ ...event, event: 'resend' }).attributes['log.record.uid']).not.toBe(
      item.attributes['log.record.uid'],
    );
  });
});
