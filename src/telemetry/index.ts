/**
 * Central logs through OpenTelemetry (README "Central logs: OpenTelemetry"):
 * where OTLP records go (nightshift.yaml `export.otlp` and the
 * OTEL_EXPORTER_OTLP_* variables), a run or an alert event as one log record
 * (GenAI semantic conventions), the spool of what the receiver did not take,
 * the backfill, and the resource a claude child gets. The OpenTelemetry
 * packages themselves load only when a record is sent (otlp-send.ts).
 */
export { BackfillError, exportHistory, exportRecords, otlpConfigured, warmOtlpExport } from './export.js';
export type { BackfillReport, ExportReport, FreshRecords } from './export.js';
export { alertLogItem, runLogItem } from './log-items.js';
export type { LogItem } from './log-items.js';
export { otlpDisabled, resolveOtlp } from './otlp-settings.js';
export type { OtlpProtocol, OtlpResolution, OtlpSettings } from './otlp-settings.js';
export { spoolFileSchema } from './spool.js';
export { encodeBaggageValue, withRunResource } from './resource-env.js';
