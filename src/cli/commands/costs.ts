import { type Command, Option } from 'commander';
import { action } from '../action.js';
import { printJson, printText, tableWidth } from '../output.js';
import { commonOptions } from '../context.js';

interface CostsOptions {
  month?: string;
  now?: string;
}

export function registerCosts(program: Command): void {
  program
    .command('costs')
    .description(
      'the monthly cost check: month-to-date and last month per agent, runs, cost per run, projection, budget, anomalies, 6-month trend',
    )
    .option('--month <YYYY-MM>', 'the month to report (default: this month in the home time zone)')
    .option('--json', 'print the report as JSON')
    .addOption(new Option('--now <time>', 'report as of this time (tests, reproducible reports)').hideHelp())
    .addHelpText(
      'after',
      '\nAn agent is flagged (▲) when its month is on course for more than 3× last month, or a run costs 2× ' +
        'what it did; amounts under $1 are never flagged.\n\n' +
        'Exit codes: 0 shown, 1 shown with at least one anomaly, 2 bad --month or no home.',
    )
    .action(
      action(async (opts: CostsOptions, command: Command) => {
        const { home, json } = commonOptions(command);
        const { openHome } = await import('../../home/index.js');
        const { loadCosts, parseMonth, renderCosts, resolveNow } = await import('../../governance/index.js');
        const opened = await openHome(home);
        const timezone = opened.defaults.timezone;
        const now = resolveNow(opts.now, timezone);
        const month = opts.month === undefined ? undefined : parseMonth(opts.month, now, timezone);
        const { report } = await loadCosts(opened, { now, month });
        if (json) printJson(report);
        else printText(`${renderCosts(report, tableWidth(120))}\n`);
        return report.totals.anomalies > 0 ? 1 : 0;
      }),
    );
}
