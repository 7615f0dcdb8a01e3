import type { Home } from '../home/index.js';
import { alertEventSchema, listJournals, mergeByTime, openRunTrail, readAll } from '../journal/index.js';
import {
  type AlertEvent,
  currentHost,
  errorMessage,
  NightshiftError,
  type RunRecord,
  UsageError,
} from '../shared/index.js';
import { alertLogItem, type LogItem, runLogItem } from './log-items.js';
import { type OtlpSettings, resolveOtlp } from './otlp-settings.js';
import { batchSize, readSpool, removeSent, spool, type SpoolBatch, type SpoolFile } from './spool.js';

/**
 * Central logs (README "Central logs: OpenTelemetry"): each finished run and
 * each alert event becomes one OTLP log record. Called after the record is
 * written (a run's exit, `check`, the daemon's minute): it waits at most the
 * configured timeout (1 s unless set), never throws, and what the receiver
 * did not take goes to the spool, retried by the next export.
 */
export interface ExportReport {
  /** records the receiver took, spooled ones included */
  sent: number;
  /** records of this call kept in the spool */
  spooled: number;
  /** what to tell a person: a record kept in the spool, a spool file that is not one, a setting that is unusable */
  warnings: string[];
}

export interface FreshRecords {
  runs?: readonly RunRecord[];
  alerts?: readonly AlertEvent[];
}

/**
 * At most this many spooled records ride along with a run's records, so a
 * backlog after a long outage drains a little per export and never holds up
 * an exit; `nightshift export otlp` sends all of it.
 */
const RETRY_PER_EXPORT = 1000;

/** Is OTLP export configured (nightshift.yaml or the environment)? Cheap: loads no OpenTelemetry code. */
export function otlpConfigured(home: Home, env: NodeJS.ProcessEnv = process.env): boolean {
  return resolveOtlp(home.config, env).on;
}

/**
 * Called when a run starts its runner: the OpenTelemetry code loads while the
 * agent works, not at its exit. Does nothing unless export is configured.
 */
export async function warmOtlpExport(home: Home, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const resolution = resolveOtlp(home.config, env);
  if (!resolution.on || 'problem' in resolution) return;
  await (await import('./otlp-send.js')).warmUp(resolution.settings);
}

export async function exportRecords(
  home: Home,
  fresh: FreshRecords,
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<ExportReport> {
  const report: ExportReport = { sent: 0, spooled: 0, warnings: [] };
  const resolution = resolveOtlp(home.config, options.env ?? process.env);
  if (!resolution.on) return report;
  const batch: SpoolBatch = { v: 1, runs: [...(fresh.runs ?? [])], alerts: [...(fresh.alerts ?? [])] };
  const dir = home.paths.otlpSpool;
  try {
    const { files, problems } = await readSpool(dir);
    report.warnings.push(...problems);
    if (batchSize(batch) === 0 && files.length === 0) return report;
    if ('problem' in resolution) {
      if (batchSize(batch) > 0) await keep(dir, batch, files, report, `not sent: ${resolution.problem}`);
      return report;
    }
    const retry = firstFiles(files, RETRY_PER_EXPORT);
    const host = currentHost();
    const freshItems = [...batch.runs.map(runLogItem), ...batch.alerts.map((event) => alertLogItem(event, host))];
    const retried = retry.flatMap((file) => itemsOf(file.batch));
    const { sendLogItems } = await import('./otlp-send.js');
    const result = await sendLogItems([...retried, ...freshItems], resolution.settings, {
      deadlineMs: resolution.settings.timeoutMs,
    });
    report.sent = result.sent;
    await removeSent(fullySent(retry, result.sent));
    const freshSent = Math.max(0, result.sent - retried.length);
    if (freshSent < freshItems.length)
      await keep(
        dir,
        unsent(batch, freshSent),
        files,
        report,
        `not sent to ${resolution.settings.url}: ${result.error ?? 'unknown'}`,
      );
  } catch (error) {
    report.warnings.push(`OTLP export failed: ${errorMessage(error)} (the run and its records stand)`);
  }
  return report;
}

async function keep(
  dir: string,
  batch: SpoolBatch,
  files: readonly SpoolFile[],
  report: ExportReport,
  why: string,
): Promise<void> {
  const dropped = await spool(dir, batch, files);
  report.spooled = batchSize(batch);
  report.warnings.push(
    `OTLP export: ${report.spooled} record${report.spooled === 1 ? '' : 's'} ${why}; kept in ${dir}, sent at the next export`,
  );
  if (dropped > 0)
    report.warnings.push(
      `OTLP spool full: its ${dropped} oldest records were dropped (\`nightshift export otlp --since\` re-sends from the journals)`,
    );
}

function itemsOf(batch: SpoolBatch): LogItem[] {
  return [...batch.runs.map(runLogItem), ...batch.alerts.map((event) => alertLogItem(event))];
}

function firstFiles(files: readonly SpoolFile[], most: number): SpoolFile[] {
  const chosen: SpoolFile[] = [];
  let count = 0;
  for (const file of files) {
    if (chosen.length > 0 && count + batchSize(file.batch) > most) break;
    chosen.push(file);
    count += batchSize(file.batch);
  }
  return chosen;
}

/** The files whose every record lies within the first `sent` items. */
function fullySent(files: readonly SpoolFile[], sent: number): SpoolFile[] {
  const done: SpoolFile[] = [];
  let end = 0;
  for (const file of files) {
    end += batchSize(file.batch);
    if (end > sent) break;
    done.push(file);
  }
  return done;
}

/** What is left of a batch (runs first, then alerts) after its first `sent` items. */
function unsent(batch: SpoolBatch, sent: number): SpoolBatch {
  return {
    v: 1,
    runs: batch.runs.slice(Math.min(sent, batch.runs.length)),
    alerts: batch.alerts.slice(Math.max(0, sent - batch.runs.length)),
  };
}

export interface BackfillReport {
  url: string;
  protocol: string;
  runs: number;
  alerts: number;
  /** spooled records sent first */
  spooled: number;
}

/** A backfill is run by a person, who can wait: each batch gets at least this long. */
const BACKFILL_TIMEOUT_MS = 10_000;
const BACKFILL_BATCH = 512;

/**
 * `nightshift export otlp [--since]`: the spool, then every run that ended and
 * every alert event since `from` (none without it), read through the journal
 * readers (every host's journal, the archives). Sent again, a record carries
 * the same log.record.uid (the run id), so a backend can drop the copy.
 * Throws when the receiver does not take a batch, saying what was sent.
 */
export async function exportHistory(
  home: Home,
  from: Date | null,
  options: { env?: NodeJS.ProcessEnv; now?: Date } = {},
): Promise<BackfillReport> {
  const resolution = resolveOtlp(home.config, options.env ?? process.env);
  if (!resolution.on)
    throw new UsageError(
      'OTLP export is not configured: add `export: { otlp: { endpoint: http://collector:4318 } }` to nightshift.yaml or set OTEL_EXPORTER_OTLP_ENDPOINT',
    );
  if ('problem' in resolution) throw new UsageError(`OTLP export: ${resolution.problem}`);
  const settings: OtlpSettings = {
    ...resolution.settings,
    timeoutMs: Math.max(resolution.settings.timeoutMs, BACKFILL_TIMEOUT_MS),
  };
  const report: BackfillReport = { url: settings.url, protocol: settings.protocol, runs: 0, alerts: 0, spooled: 0 };
  const { sendLogItems } = await import('./otlp-send.js');
  const send = async (items: LogItem[], what: string): Promise<void> => {
    const result = await sendLogItems(items, settings, { deadlineMs: settings.timeoutMs });
    if (result.sent < items.length)
      throw new BackfillError(
        `OTLP export to ${settings.url} stopped: ${result.error ?? 'unknown'}; ` +
          `sent before it: ${sentSoFar(report)}, then ${result.sent} of ${items.length} ${what}`,
      );
  };

  const { files } = await readSpool(home.paths.otlpSpool);
  for (const file of files) {
    await send(itemsOf(file.batch), 'spooled records');
    await removeSent([file]);
    report.spooled += batchSize(file.batch);
  }
  if (from === null) return report;

  const trail = await openRunTrail(home.paths.logs, { timezone: home.defaults.timezone });
  let pending: LogItem[] = [];
  for await (const run of trail.runsInRange(null, from, new Date(8.64e15))) {
    pending.push(runLogItem(run));
    if (pending.length < BACKFILL_BATCH) continue;
    await send(pending, 'run records');
    report.runs += pending.length;
    pending = [];
  }
  if (pending.length > 0) await send(pending, 'run records');
  report.runs += pending.length;

  // every host's alert journal (a shared home), each event with the host whose file holds it
  const journals = await listJournals(home.paths.logs, 'alerts');
  const perFile = await Promise.all(
    journals.map(async (file) =>
      (await readAll(file.path, alertEventSchema)).records
        .filter((event) => Date.parse(event.at) >= from.getTime())
        .map((event) => ({ event, host: file.host ?? undefined })),
    ),
  );
  const alerts = mergeByTime(perFile, (item) => item.event.at);
  for (let start = 0; start < alerts.length; start += BACKFILL_BATCH) {
    const chunk = alerts.slice(start, start + BACKFILL_BATCH);
    await send(
      chunk.map(({ event, host }) => alertLogItem(event, host)),
      'alert events',
    );
    report.alerts += chunk.length;
  }
  return report;
}

function sentSoFar(report: BackfillReport): string {
  return `${report.spooled} spooled, ${report.runs} runs, ${report.alerts} alert events`;
}

/** The receiver stopped taking records part way: exit 1, with what was sent; run it again once it is up (copies are dropped by uid). */
export class BackfillError extends NightshiftError {
  constructor(message: string) {
    super('OTLP_EXPORT', message, { fix: 'run the same `nightshift export otlp` again once the receiver is up' }, 1);
  }
}
