import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText } from '../output.js';
import { commonOptions } from '../context.js';

interface PruneFlags {
  dryRun?: boolean;
  logs?: boolean;
  olderThan?: string;
}

export function registerPrune(program: Command): void {
  program
    .command('prune')
    .description(
      'apply the retention policy: archive (or delete, where an agent says so) outputs and webhook bodies past their ' +
        'retention; --logs also rotates the audit trail',
    )
    .option('--dry-run', 'print exactly what would be archived, deleted or moved, and change nothing')
    .option(
      '--logs',
      'also move run records older than --older-than from logs/runs.jsonl to logs/archive/runs-<year>.jsonl.gz (every reader still sees them)',
    )
    .option('--older-than <age>', 'with --logs: the age of records to move (1y, 180d, 26w)', '1y')
    .option('--json', 'print what was done as JSON')
    .addHelpText(
      'after',
      `
Retention (agent file \`retention:\`): daily 90 days, weekly 1 year, quarterly and forever kept,
or { keep: 30d, then: archive|delete }. Age counts from the run's end (else the date in the file name).
Webhook bodies (inputs/<agent>/) follow their agent's rule, aged by the time in their name.
Archives are outputs/<agent>/archive/<year>.tar.gz (inputs/<agent>/archive/ for bodies), appended to, never rewritten:
  tar -tzvf outputs/<agent>/archive/2025.tar.gz            list
  tar -xzf  outputs/<agent>/archive/2025.tar.gz -C DIR     restore
Nothing is deleted before the archive holding it has been read back and compared.

Exit codes: 0 done, 1 some files could not be archived (left in place, named), 2 bad arguments, 3 a corrupt file.`,
    )
    .action(
      action(async (opts: PruneFlags, command: Command) => {
        const { home, json } = commonOptions(command);
        const { openHome } = await import('../../home/index.js');
        const { prune, parseOlderThan, renderPrune, pruneToJson } = await import('../../governance/index.js');
        const { UsageError } = await import('../../shared/index.js');
        const olderThanGiven = command.getOptionValueSource('olderThan') === 'cli';
        if (olderThanGiven && !opts.logs)
          throw new UsageError('--older-than applies to --logs only: add --logs to rotate the audit trail', {
            field: '--older-than',
            expected: '--logs --older-than <age>',
          });
        const logsOlderThanMs = opts.logs ? parseOlderThan(opts.olderThan ?? '1y') : null;
        const opened = await openHome(home);
        const report = await prune(opened, { dryRun: Boolean(opts.dryRun), logsOlderThanMs });
        if (json) printJson(pruneToJson(report));
        else printText(`${renderPrune(report)}\n`);
        return report.applied && report.applied.failed.length > 0 ? 1 : 0;
      }),
    );
}
