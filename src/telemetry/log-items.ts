import type { SeverityNumber } from '@opentelemetry/api-logs';
import { type AlertEvent, type RunRecord, type Severity, sha256Hex, statusSeverity } from '../shared/index.js';

/**
 * A run record or an alert event as one OTLP log record, before any
 * OpenTelemetry code is loaded (src/telemetry/otlp-send.ts emits it).
 *
 * Attribute names follow the OpenTelemetry semantic conventions for
 * generative AI (registry: https://opentelemetry.io/docs/specs/semconv/registry/attributes/gen-ai/;
 * the same names are @opentelemetry/semantic-conventions' incubating
 * ATTR_GEN_AI_OPERATION_NAME, ATTR_GEN_AI_AGENT_NAME, ATTR_GEN_AI_PROVIDER_NAME,
 * ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_USAGE_INPUT_TOKENS, ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
 * ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS = "gen_ai.usage.cache_read.input_tokens" and
 * ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS = "gen_ai.usage.cache_creation.input_tokens",
 * which replaced gen_ai.usage.cache_read_input_tokens / cache_creation_input_tokens),
 * the operation being `invoke_agent` ("GenAI agent spans": one invocation of
 * an agent). `log.record.uid` (semconv "log" registry: "other log records
 * with the same id will be considered duplicates and can be removed safely")
 * is the record's identity: the run id for a run, so a re-sent run (the spool,
 * `export otlp --since`) is one a backend can drop. What the conventions do
 * not name is under `nightshift.*`.
 */
export type AttributeValue = string | number | boolean;

export interface LogItem {
  /** when it happened (a run: when it ended), ms since the epoch */
  timeMs: number;
  severityNumber: SeverityNumber;
  severityText: string;
  body: string;
  eventName: string;
  attributes: Record<string, AttributeValue>;
}

/**
 * OpenTelemetry's SeverityNumber (logs data model) for the severity of a run's
 * status (src/shared/statuses.ts, the one rule): notice is syslog's Notice,
 * which the data model maps to INFO2.
 */
// the numbers are typed by the enum's members (a type-only import: nothing of api-logs loads here), so a wrong one does not compile
const RUN_SEVERITY: Record<Severity, { number: SeverityNumber; text: string }> = {
  ok: { number: 9 satisfies SeverityNumber.INFO, text: 'INFO' },
  notice: { number: 10 satisfies SeverityNumber.INFO2, text: 'NOTICE' },
  warning: { number: 13 satisfies SeverityNumber.WARN, text: 'WARN' },
  error: { number: 17 satisfies SeverityNumber.ERROR, text: 'ERROR' },
};

/** An alert's severity: critical is syslog's Critical, FATAL in the data model. */
const ALERT_SEVERITY: Record<AlertEvent['severity'], { number: SeverityNumber; text: string }> = {
  info: { number: 9 satisfies SeverityNumber.INFO, text: 'INFO' },
  warning: { number: 13 satisfies SeverityNumber.WARN, text: 'WARN' },
  critical: { number: 21 satisfies SeverityNumber.FATAL, text: 'CRITICAL' },
};

/** gen_ai.provider.name's well-known values, by runner; a command or extractive runner names no provider. */
const PROVIDERS: Record<string, string> = { claude: 'anthropic', anthropic: 'anthropic', openai: 'openai' };

export function runLogItem(record: RunRecord): LogItem {
  const severity = RUN_SEVERITY[statusSeverity(record.status) ?? 'error'];
  const { input, output } = record.tokens;
  const cacheRead = record.tokens.cache_read ?? 0;
  const cacheWrite = record.tokens.cache_write ?? 0;
  const attributes: Record<string, AttributeValue> = {
    'log.record.uid': record.run_id,
    'gen_ai.operation.name': 'invoke_agent',
    'gen_ai.agent.name': record.agent,
    // the conventions count cached tokens inside input_tokens; nightshift's `input` leaves them out
    'gen_ai.usage.input_tokens': input + cacheRead + cacheWrite,
    'gen_ai.usage.output_tokens': output,
    'gen_ai.usage.cache_read.input_tokens': cacheRead,
    'gen_ai.usage.cache_creation.input_tokens': cacheWrite,
    'nightshift.run_id': record.run_id,
    'nightshift.status': record.status,
    'nightshift.trigger': record.trigger,
    'nightshift.cost_usd': record.cost_usd,
    'nightshift.duration_ms': record.duration_ms,
    'nightshift.started_at': record.started_at,
    'nightshift.llm_calls': record.llm_calls,
    'nightshift.tool_calls': record.tool_calls.length,
    'nightshift.output_size_bytes': record.output_size_bytes,
    'nightshift.runner': record.runner,
    'nightshift.host': record.host,
    'nightshift.version': record.version,
  };
  const provider = PROVIDERS[record.runner];
  if (provider !== undefined) attributes['gen_ai.provider.name'] = provider;
  if (record.model !== null) attributes['gen_ai.request.model'] = record.model;
  if (record.reason !== null) attributes['nightshift.reason'] = record.reason;
  if (record.limit_hit !== null) {
    attributes['nightshift.limit_hit'] = record.limit_hit.limit;
    attributes['nightshift.limit_hit.max'] = record.limit_hit.max;
    attributes['nightshift.limit_hit.observed'] = record.limit_hit.observed;
  }
  if (record.cost_basis !== undefined) attributes['nightshift.cost_basis'] = record.cost_basis;
  if (record.exit_code !== null) attributes['nightshift.exit_code'] = record.exit_code;
  if (record.output_file !== null) attributes['nightshift.output_file'] = record.output_file;
  return {
    timeMs: Date.parse(record.ended_at),
    severityNumber: severity.number,
    severityText: severity.text,
    // the reason was redacted when the record was written
    body: `${record.agent} ${record.status}${record.reason === null ? '' : `: ${record.reason}`}`,
    eventName: 'nightshift.run',
    attributes,
  };
}

/** An alert event has no id of its own: its key, kind and time are its identity. */
export function alertEventUid(event: AlertEvent): string {
  return sha256Hex(`${event.key}\n${event.event}\n${event.at}`).slice(0, 32);
}

export function alertLogItem(event: AlertEvent, host?: string): LogItem {
  const severity = ALERT_SEVERITY[event.severity];
  const attributes: Record<string, AttributeValue> = {
    'log.record.uid': alertEventUid(event),
    'nightshift.alert.key': event.key,
    'nightshift.alert.event': event.event,
    'nightshift.alert.rule': event.rule,
    'nightshift.alert.severity': event.severity,
  };
  if (event.agent !== null) {
    attributes['nightshift.alert.agent'] = event.agent;
    attributes['gen_ai.agent.name'] = event.agent;
  }
  if (event.held !== undefined) attributes['nightshift.alert.held'] = event.held;
  const failed = (event.channels ?? []).filter((channel) => !channel.ok).map((channel) => channel.channel);
  if (event.channels !== undefined)
    attributes['nightshift.alert.channels'] = event.channels.map((channel) => channel.channel).join(',');
  if (failed.length > 0) attributes['nightshift.alert.channels_failed'] = failed.join(',');
  // the host that evaluated it, when known (an alert event records none of its own)
  if (host !== undefined) attributes['nightshift.host'] = host;
  return {
    timeMs: Date.parse(event.at),
    severityNumber: severity.number,
    severityText: severity.text,
    body: event.message,
    eventName: 'nightshift.alert',
    attributes,
  };
}
