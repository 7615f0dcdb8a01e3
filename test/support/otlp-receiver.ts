import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

/**
 * An OTLP/HTTP logs receiver on 127.0.0.1 for tests and benches. It decodes
 * every request with the official OpenTelemetry proto definitions: the
 * protobufjs root that the OpenTelemetry JS maintainers generated from
 * opentelemetry-proto and shipped in @opentelemetry/otlp-transformer up to
 * 0.200 (a dev dependency under the name otlp-proto-root; later versions
 * encode by hand, so the receiver decodes with code the sender does not use).
 * `application/x-protobuf` bodies are decoded as ExportLogsServiceRequest
 * messages, `application/json` bodies through the same message's JSON
 * mapping (protobufjs fromObject).
 */
const require = createRequire(import.meta.url);
interface MessageType {
  decode(bytes: Uint8Array): unknown;
  fromObject(object: unknown): unknown;
  toObject(message: unknown, options: Record<string, unknown>): Record<string, unknown>;
}
interface ProtoRoot {
  opentelemetry: { proto: { collector: { logs: { v1: { ExportLogsServiceRequest: MessageType } } } } };
}
const root = require('otlp-proto-root/build/src/generated/root.js') as ProtoRoot;
const REQUEST = root.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;

export type Value = string | number | boolean | null;

export interface ReceivedRecord {
  timeUnixNano: number;
  severityNumber: number;
  severityText: string;
  body: Value;
  attributes: Record<string, Value>;
  /** of the resource the record came under */
  resource: Record<string, Value>;
  scope: { name: string; version?: string };
}

export interface ReceivedRequest {
  path: string;
  contentType: string;
  headers: IncomingHttpHeaders;
  records: ReceivedRecord[];
}

export interface Receiver {
  port: number;
  /** the base URL, as OTEL_EXPORTER_OTLP_ENDPOINT takes it */
  url: string;
  requests: ReceivedRequest[];
  records(): ReceivedRecord[];
  /** resolves once `count` records arrived; rejects at the deadline, naming what did */
  waitForRecords(count: number, deadlineMs?: number): Promise<ReceivedRecord[]>;
  close(): Promise<void>;
}

interface AnyValue {
  stringValue?: string;
  intValue?: number;
  doubleValue?: number;
  boolValue?: boolean;
}

function valueOf(value: AnyValue | undefined): Value {
  if (value === undefined) return null;
  return value.stringValue ?? value.intValue ?? value.doubleValue ?? value.boolValue ?? null;
}

function attributesOf(list: { key: string; value?: AnyValue }[] | undefined): Record<string, Value> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, valueOf(kv.value)]));
}

/** Decodes one request body: throws when it is no ExportLogsServiceRequest. */
export function decodeLogs(body: Buffer, contentType: string): ReceivedRecord[] {
  const message = contentType.includes('json')
    ? REQUEST.fromObject(JSON.parse(body.toString('utf8')))
    : REQUEST.decode(body);
  const object = REQUEST.toObject(message, { longs: Number, enums: Number, defaults: false }) as {
    resourceLogs?: {
      resource?: { attributes?: { key: string; value?: AnyValue }[] };
      scopeLogs?: {
        scope?: { name: string; version?: string };
        logRecords?: {
          timeUnixNano?: number;
          severityNumber?: number;
          severityText?: string;
          body?: AnyValue;
          attributes?: { key: string; value?: AnyValue }[];
        }[];
      }[];
    }[];
  };
  const records: ReceivedRecord[] = [];
  for (const resourceLogs of object.resourceLogs ?? []) {
    const resource = attributesOf(resourceLogs.resource?.attributes);
    for (const scopeLogs of resourceLogs.scopeLogs ?? [])
      for (const record of scopeLogs.logRecords ?? [])
        records.push({
          timeUnixNano: record.timeUnixNano ?? 0,
          severityNumber: record.severityNumber ?? 0,
          severityText: record.severityText ?? '',
          body: valueOf(record.body),
          attributes: attributesOf(record.attributes),
          resource,
          scope: scopeLogs.scope ?? { name: '' },
        });
  }
  return records;
}

export async function startReceiver(port = 0): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const contentType = req.headers['content-type'] ?? '';
      try {
        const records = decodeLogs(Buffer.concat(chunks), contentType);
        requests.push({ path: req.url ?? '', contentType, headers: req.headers, records });
        // an empty ExportLogsServiceResponse: full success
        res.writeHead(200, { 'content-type': contentType.includes('json') ? 'application/json' : contentType });
        res.end(contentType.includes('json') ? '{}' : Buffer.alloc(0));
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(`cannot decode: ${String(error)}`);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const records = (): ReceivedRecord[] => requests.flatMap((request) => request.records);
  return {
    port: bound,
    url: `http://127.0.0.1:${bound}`,
    requests,
    records,
    async waitForRecords(count, deadlineMs = 20_000) {
      const end = Date.now() + deadlineMs;
      while (records().length < count) {
        if (Date.now() > end)
          throw new Error(
            `the receiver got ${records().length} records, expected ${count}: ${JSON.stringify(records())}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return records();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens now (a receiver that is down). */
export async function closedPort(): Promise<number> {
  const receiver = await startReceiver();
  await receiver.close();
  return receiver.port;
}
