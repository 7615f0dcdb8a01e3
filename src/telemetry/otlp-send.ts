import { VERSION } from '../shared/index.js';
import type { LogItem } from './log-items.js';
import type { OtlpSettings } from './otlp-settings.js';
import { unreachable } from './reachable.js';

/**
 * Sends log items with the official OpenTelemetry JS packages: the logs SDK
 * makes the records (resource, scope, timestamps), the OTLP/HTTP exporter of
 * the chosen protocol encodes and POSTs them. Loaded by `await import()` only
 * when export is configured (README "Heavy code behind await import()"): a
 * run without it never loads OpenTelemetry.
 *
 * The SDK's batch processor reports a failed export to a global error handler
 * only, so records are collected by a processor of nightshift's and handed to
 * the exporter batch by batch: each batch's result says what the receiver took.
 */
export interface SendResult {
  /** how many items, from the start, the receiver took */
  sent: number;
  /** why the rest was not sent */
  error?: string;
}

const BATCH = 512;

export async function sendLogItems(
  items: readonly LogItem[],
  settings: OtlpSettings,
  options: { deadlineMs: number },
): Promise<SendResult> {
  if (items.length === 0) return { sent: 0 };
  const started = Date.now();
  const down = await unreachable(settings.url, options.deadlineMs);
  if (down !== null) return { sent: 0, error: down };
  const { LoggerProvider, detectResources, envDetector, resourceFromAttributes, OTLPLogExporter } =
    await loadOpenTelemetry(settings);
  const exporter: Exporter = new OTLPLogExporter({
    url: settings.url,
    headers: settings.headers,
    timeoutMillis: options.deadlineMs,
  });
  type Processor = import('@opentelemetry/sdk-logs').LogRecordProcessor;
  type Record = import('@opentelemetry/sdk-logs').ReadableLogRecord;
  const emitted: Record[] = [];
  const collect: Processor = {
    onEmit: (record) => void emitted.push(record),
    forceFlush: async () => undefined,
    shutdown: async () => undefined,
  };
  // OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME of nightshift's own environment are added, and win
  const resource = resourceFromAttributes({ 'service.name': 'nightshift', 'service.version': VERSION }).merge(
    detectResources({ detectors: [envDetector] }),
  );
  const provider = new LoggerProvider({ resource, processors: [collect] });
  const logger = provider.getLogger('nightshift', VERSION);
  const now = Date.now();
  for (const item of items)
    logger.emit({
      timestamp: item.timeMs,
      observedTimestamp: now,
      severityNumber: item.severityNumber,
      severityText: item.severityText,
      body: item.body,
      eventName: item.eventName,
      attributes: item.attributes,
    });

  let sent = 0;
  try {
    while (sent < emitted.length) {
      const left = options.deadlineMs - (Date.now() - started);
      if (left <= 0) return { sent, error: `no answer within ${options.deadlineMs} ms` };
      const batch = emitted.slice(sent, sent + BATCH);
      const error = await exportBatch(exporter, batch, left);
      if (error !== null) return { sent, error };
      sent += batch.length;
    }
    return { sent };
  } finally {
    // nothing left to flush: shutting down only lets go of the HTTP agent
    void exporter.shutdown().catch(() => undefined);
  }
}

type Exporter = import('@opentelemetry/sdk-logs').LogRecordExporter;

/**
 * The SDK, resources and the exporter of the protocol, with the Node HTTP
 * client the exporter will ask for at its first send: loaded once per process.
 */
async function load(settings: OtlpSettings) {
  const [sdk, resources, exporter] = await Promise.all([
    import('@opentelemetry/sdk-logs').then(commonJs),
    import('@opentelemetry/resources').then(commonJs),
    settings.protocol === 'http/json'
      ? import('@opentelemetry/exporter-logs-otlp-http').then(commonJs)
      : import('@opentelemetry/exporter-logs-otlp-proto').then(commonJs),
    settings.url.startsWith('https:') ? import('node:https') : import('node:http'),
  ]);
  return {
    LoggerProvider: sdk.LoggerProvider,
    detectResources: resources.detectResources,
    envDetector: resources.envDetector,
    resourceFromAttributes: resources.resourceFromAttributes,
    OTLPLogExporter: exporter.OTLPLogExporter,
  };
}

const loading = new Map<string, ReturnType<typeof load>>();

function loadOpenTelemetry(settings: OtlpSettings): ReturnType<typeof load> {
  const key = `${settings.protocol} ${settings.url.startsWith('https:')}`;
  let loaded = loading.get(key);
  if (loaded === undefined) {
    loaded = load(settings);
    loading.set(key, loaded);
  }
  return loaded;
}

/**
 * Readies the send while the agent runs (the harness only waits then), so the
 * export at the run's exit costs the send alone: the OpenTelemetry code loads,
 * and an empty export request (no log records, which OTLP receivers answer as
 * any other) runs the exporter's and Node's HTTP code once, ~10 ms the first
 * send no longer pays. Nothing is said here: a load or a request that fails
 * is said by the send that meets it. Nothing loads for a receiver that
 * refuses the connection.
 */
export async function warmUp(settings: OtlpSettings): Promise<void> {
  // a receiver that is down costs the run no loading at all: its record goes to the spool
  if ((await unreachable(settings.url, settings.timeoutMs)) !== null) return;
  const { OTLPLogExporter } = await loadOpenTelemetry(settings);
  const exporter: Exporter = new OTLPLogExporter({
    url: settings.url,
    headers: settings.headers,
    timeoutMillis: settings.timeoutMs,
  });
  await exportBatch(exporter, [], settings.timeoutMs);
  await exporter.shutdown();
}

/**
 * A CommonJS package's exports, however it was imported: the build's
 * code-split chunk of one offers them as `default` only, Node's own import
 * (tests run from src/) offers them by name too.
 */
function commonJs<T extends object>(module: T): T {
  return (module as { default?: T }).default ?? module;
}

/** null when the receiver took the batch; else why not. Never waits past `waitMs`. */
function exportBatch(
  exporter: Exporter,
  batch: import('@opentelemetry/sdk-logs').ReadableLogRecord[],
  waitMs: number,
): Promise<string | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(`no answer within ${waitMs} ms`), waitMs);
    timer.unref();
    exporter.export(batch, (result) => {
      clearTimeout(timer);
      // ExportResultCode.SUCCESS is 0
      resolve(result.code === 0 ? null : (result.error?.message ?? 'the receiver refused the records'));
    });
  });
}
