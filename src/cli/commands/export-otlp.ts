import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText } from '../output.js';
import { commonOptions } from '../context.js';

/**
 * `nightshift export otlp [--since 7d]`: central logs by hand. Sends what the
 * spool holds (records a receiver that was down did not take), then, with
 * --since, every run and alert event since then again (a backfill, from every
 * host's journal). Each record's log.record.uid is its run id (an alert
 * event's: a hash of its key, kind and time), so a backend can drop copies.
 */
export function registerExportOtlp(exporter: Command): void {
  exporter
    .command('otlp')
    .description(
      'send runs and alert events as OTLP log records: the spool, and with --since the history again (backfill)',
    )
    .option('--since <when>', 'also re-send every run that ended and every alert event since then: 7d, 12h or a date')
    .option('--json', 'print what was sent as JSON')
    .addHelpText(
      'after',
      '\nWhere to: export.otlp in nightshift.yaml (endpoint, headers, protocol http/protobuf or http/json, timeout), ' +
        'or OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_LOGS_ENDPOINT, …_HEADERS, …_PROTOCOL, …_TIMEOUT, ' +
        'which win over the file (README "Central logs: OpenTelemetry").\n' +
        'Exit codes: 0 everything sent, 1 the receiver stopped taking records (what was sent is said; run it again), ' +
        '2 export not configured or a bad setting or --since.',
    )
    .action(
      action(async (opts: { since?: string }, command: Command) => {
        const { home, json } = commonOptions(command);
        const [{ openHome }, { exportHistory }, { parseSince }] = await Promise.all([
          import('../../home/index.js'),
          import('../../telemetry/index.js'),
          import('../logs-query.js'),
        ]);
        const opened = await openHome(home);
        const now = new Date();
        const from = opts.since === undefined ? null : parseSince(opts.since, now, opened.defaults.timezone);
        const report = await exportHistory(opened, from, { now });
        if (json) printJson({ ...report, since: from?.toISOString() ?? null });
        else
          printText(
            `sent to ${report.url} (${report.protocol}): ${report.spooled} spooled record${report.spooled === 1 ? '' : 's'}` +
              (from === null
                ? ''
                : `, ${report.runs} runs and ${report.alerts} alert events since ${from.toISOString()}`) +
              '\n',
          );
        return 0;
      }),
    );
}
