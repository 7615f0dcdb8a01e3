import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText } from '../output.js';
import { commonOptions } from '../context.js';
import { binPath } from '../../files/index.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description(
      'create the home folder with an example agent, its runbook and the kill-switch script (never overwrites)',
    )
    .option('--json', 'print what was created as JSON')
    .option('--owner <name>', 'owner of the example agent (default: $USER)')
    .option('--timezone <zone>', 'home time zone (default: the system zone)')
    .addHelpText(
      'after',
      '\nRunning it again is safe: existing files are kept as they are.\n\nExit codes: 0 done (or nothing to do), 2 bad arguments.',
    )
    .action(
      action(async (opts: { owner?: string; timezone?: string }, command: Command) => {
        const { home, json } = commonOptions(command);
        const { resolveHome, initHome } = await import('../../home/index.js');
        const { isTimeZone } = await import('../../agents/index.js');
        if (opts.timezone !== undefined && !isTimeZone(opts.timezone)) {
          const { UsageError } = await import('../../shared/index.js');
          throw new UsageError(
            `--timezone: "${opts.timezone}" is not a time zone: expected an IANA name like Europe/Berlin`,
          );
        }
        const result = await initHome(resolveHome(home), {
          nightshiftBin: binPath(),
          owner: opts.owner,
          timezone: opts.timezone,
        });
        if (json) {
          printJson(result);
          return;
        }
        if (result.created.length === 0) {
          printText(
            `${result.home} is already set up: nothing to do (${result.kept.length} files kept as they are).\n`,
          );
          return;
        }
        printText(`Set up ${result.home}:\n${result.created.map((f) => `  created ${f}`).join('\n')}\n`);
        if (result.kept.length > 0) printText(`${result.kept.map((f) => `  kept    ${f}`).join('\n')}\n`);
        printText(
          `\nNext: nightshift run nightly-summarizer --home ${result.home}\n      nightshift status --home ${result.home}\n`,
        );
      }),
    );
}
