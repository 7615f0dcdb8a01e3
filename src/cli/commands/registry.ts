import { type Command, Option } from 'commander';
import { action } from '../action.js';
import { printJson, printText, tableWidth } from '../output.js';
import { visible } from '../../text/index.js';
import { commonOptions } from '../context.js';

interface RegistryOptions {
  markdown?: boolean;
  write?: boolean;
  now?: string;
}

export function registerRegistry(program: Command): void {
  program
    .command('registry')
    .description(
      'every agent with its owner, trigger, cost per run, month-to-date, state and last review: what is running here',
    )
    .option('--markdown', 'print the registry as markdown (REGISTRY.md)')
    .option('--write', 'write the markdown registry to <home>/REGISTRY.md (atomically, mode 0600)')
    .option('--json', 'print the registry as JSON')
    .addOption(new Option('--now <time>', 'report as of this time (tests, reproducible reports)').hideHelp())
    .addHelpText(
      'after',
      '\nCost/run is the median cost of the runs of the last 30 days (SKIPPED runs excluded).\n\nExit codes: 0 shown (or written), 2 bad arguments or no home.',
    )
    .action(
      action(async (opts: RegistryOptions, command: Command) => {
        const { home, json } = commonOptions(command);
        const { openHome } = await import('../../home/index.js');
        const gov = await import('../../governance/index.js');
        const opened = await openHome(home);
        const now = gov.resolveNow(opts.now, opened.defaults.timezone);
        const { registry } = await gov.loadRegistry(opened, { now });
        // REGISTRY.md is read with cat and pasted on: what an agent file says in it is shown, not obeyed, like on stdout
        const markdown = opts.markdown || opts.write ? visible(gov.renderRegistryMarkdown(registry)) : null;
        const written = opts.write && markdown !== null ? await gov.writeRegistryFile(opened.root, markdown) : null;
        if (json) printJson(written ? { ...registry, written } : registry);
        else if (written) printText(`Wrote ${written} (${registry.rows.length} agents).\n`);
        else if (markdown !== null) printText(markdown);
        else printText(`${gov.renderRegistryText(registry, tableWidth(140))}\n`);
        return 0;
      }),
    );
}
