import type { NightshiftConfig } from '../home/index.js';

/**
 * Where OTLP log records go, from nightshift.yaml (`export.otlp`) and the
 * standard OTEL_EXPORTER_OTLP_* variables. The one place that decides it.
 *
 * Precedence, setting by setting: the logs-specific variable
 * (OTEL_EXPORTER_OTLP_LOGS_ENDPOINT, …_LOGS_HEADERS, …_LOGS_PROTOCOL,
 * …_LOGS_TIMEOUT), then the generic one (OTEL_EXPORTER_OTLP_ENDPOINT, …),
 * then nightshift.yaml, then the default. The environment wins because
 * nightshift.yaml is shared by every host of a home while the environment is
 * per host (a collector on each node). Headers merge: nightshift.yaml's, then
 * OTEL_EXPORTER_OTLP_HEADERS, then OTEL_EXPORTER_OTLP_LOGS_HEADERS, a later
 * one replacing a header of the same name.
 *
 * Export is on when nightshift.yaml has `export.otlp` or a variable names an
 * endpoint; OTEL_SDK_DISABLED=true or OTEL_LOGS_EXPORTER=none turn it off.
 */
export type OtlpProtocol = 'http/protobuf' | 'http/json';

export interface OtlpSettings {
  /** the full URL records are POSTed to (…/v1/logs) */
  url: string;
  protocol: OtlpProtocol;
  headers: Record<string, string>;
  /** how long one export may wait for the receiver */
  timeoutMs: number;
}

export type OtlpResolution =
  | { on: false }
  | { on: true; settings: OtlpSettings }
  /** configured, but unusable as written: said where it is used, nothing sent */
  | { on: true; problem: string };

type OtlpConfig = NonNullable<NonNullable<NightshiftConfig['export']>['otlp']>;

/** The spec's default for OTLP/HTTP (and the OpenTelemetry JS exporters'). */
const DEFAULT_BASE = 'http://localhost:4318';
const LOGS_PATH = 'v1/logs';
/** Short: export happens at a run's exit, which it must not hold up (README "Central logs: OpenTelemetry"). */
export const DEFAULT_TIMEOUT_MS = 1000;
const PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json'];

/** An unset variable, or one set to "" (the spec treats both alike). */
function variable(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** First of the logs-specific variable and the generic one that is set, with the name it came from. */
function fromEnv(env: NodeJS.ProcessEnv, setting: string): { name: string; value: string } | undefined {
  for (const name of [`OTEL_EXPORTER_OTLP_LOGS_${setting}`, `OTEL_EXPORTER_OTLP_${setting}`]) {
    const value = variable(env, name);
    if (value !== undefined) return { name, value };
  }
  return undefined;
}

export function otlpDisabled(env: NodeJS.ProcessEnv): boolean {
  return variable(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true' || variable(env, 'OTEL_LOGS_EXPORTER') === 'none';
}

export function resolveOtlp(config: NightshiftConfig, env: NodeJS.ProcessEnv = process.env): OtlpResolution {
  const file = config.export?.otlp;
  const specific = variable(env, 'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT');
  const generic = variable(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (otlpDisabled(env) || (file === undefined && specific === undefined && generic === undefined))
    return { on: false };
  try {
    return { on: true, settings: settingsFrom(file ?? {}, env, specific, generic) };
  } catch (error) {
    return { on: true, problem: error instanceof Error ? error.message : String(error) };
  }
}

function settingsFrom(
  file: OtlpConfig,
  env: NodeJS.ProcessEnv,
  specific: string | undefined,
  generic: string | undefined,
): OtlpSettings {
  let url: string;
  if (specific !== undefined) url = checkedUrl(specific, 'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT');
  else if (generic !== undefined) url = withLogsPath(checkedUrl(generic, 'OTEL_EXPORTER_OTLP_ENDPOINT'));
  else url = withLogsPath(file.endpoint ?? DEFAULT_BASE);

  const protocolSetting = fromEnv(env, 'PROTOCOL');
  const protocol = protocolSetting?.value ?? file.protocol ?? 'http/protobuf';
  if (!(PROTOCOLS as readonly string[]).includes(protocol))
    throw new Error(
      `${protocolSetting?.name ?? 'export.otlp.protocol'}=${protocol}: expected http/protobuf or http/json ` +
        '(nightshift sends OTLP over HTTP only); fix: set it to http/protobuf',
    );

  const headers: Record<string, string> = { ...file.headers };
  for (const name of ['OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_EXPORTER_OTLP_LOGS_HEADERS']) {
    const value = variable(env, name);
    if (value !== undefined) Object.assign(headers, parseHeaders(value, name));
  }

  const timeoutSetting = fromEnv(env, 'TIMEOUT');
  let timeoutMs = file.timeout ?? DEFAULT_TIMEOUT_MS;
  if (timeoutSetting !== undefined) {
    timeoutMs = Number(timeoutSetting.value);
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
      throw new Error(
        `${timeoutSetting.name}=${timeoutSetting.value}: expected milliseconds, a number above 0; fix: unset it or set e.g. 1000`,
      );
  }
  return { url, protocol: protocol as OtlpProtocol, headers, timeoutMs };
}

function checkedUrl(text: string, name: string): string {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new Error(`${name}=${text} is not a URL: expected the http(s) URL of an OTLP/HTTP receiver`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(
      `${name}=${text}: expected an http:// or https:// URL (nightshift sends OTLP over HTTP only, not grpc)`,
    );
  return parsed.href;
}

/** As the spec says for OTEL_EXPORTER_OTLP_ENDPOINT: the signal's path is appended to the base URL's path. */
function withLogsPath(base: string): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`}${LOGS_PATH}`;
  return url.href;
}

/** `key=value,key2=value2`, each side percent-decoded (the W3C Baggage form the spec uses for …_HEADERS). */
function parseHeaders(text: string, name: string): Record<string, string> {
  const headers: Record<string, string> = {};
  // a header's value may be a secret: errors name the entry's place, never its text
  for (const [index, pair] of text.split(',').entries()) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new Error(`${name}: entry ${index + 1} is not key=value; fix: write it as key=value,key2=value2`);
    try {
      headers[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      throw new Error(`${name}: entry ${index + 1} has a broken percent-encoding (a % not followed by two hex digits)`);
    }
  }
  return headers;
}
