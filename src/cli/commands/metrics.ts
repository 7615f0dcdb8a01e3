import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText } from '../output.js';
import { commonOptions } from '../context.js';

interface MetricsOptions {
  textfile?: string;
}

/**
 * `nightshift metrics`: the same text `daemon --metrics` serves, printed or,
 * with --textfile DIR, written to DIR/nightshift.prom for node_exporter's
 * textfile collector (run it from cron or a timer where no daemon runs).
 */
export function registerMetrics(program: Command): void {
  program
    .command('metrics')
    .description('the fleet in the Prometheus text format: print it, or write it for node_exporter (--textfile DIR)')
    .option('--textfile <dir>', "write DIR/nightshift.prom atomically (node_exporter's --collector.textfile.directory)")
    .option('--json', 'with --textfile: print the file written as JSON')
    .addHelpText(
      'after',
      '\nThe metrics and their labels are listed in README ("Shared metrics and alerting").\n' +
        'Exit codes: 0 printed (or written), 2 no home, 3 DIR cannot be written (named).',
    )
    .action(
      action(async (opts: MetricsOptions, command: Command) => {
        const { home, json } = commonOptions(command);
        const [{ openHome }, gov] = await Promise.all([
          import('../../home/index.js'),
          import('../../governance/index.js'),
        ]);
        const opened = await openHome(home);
        const { input } = await gov.loadMetricsInput(opened);
        const { text } = await gov.renderMetrics(gov.metricSamples(input));
        if (opts.textfile === undefined) {
          printText(text);
          return 0;
        }
        const file = await gov.writeMetricsTextfile(opts.textfile, text);
        if (json) printJson({ written: file, bytes: Buffer.byteLength(text) });
        else printText(`Wrote ${file}\n`);
        return 0;
      }),
    );
}
