import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText } from '../output.js';
import { commonOptions } from '../context.js';
import { currentUser } from '../../shared/index.js';

interface NewOptions {
  owner?: string;
  runner?: string;
  cron?: string;
  description?: string;
}

export function registerNew(program: Command): void {
  program
    .command('new <agent>')
    .description(
      'create an agent: agents/<agent>.md (every key explained), its runbook and a first eval case; never overwrites',
    )
    .option('--owner <name>', 'who answers for it (default: $USER)')
    .option('--runner <kind>', 'extractive (offline, $0), claude, command, openai or anthropic', 'extractive')
    .option('--cron <expression>', 'schedule it, like "0 7 * * *" (default: no trigger, it runs only when asked)')
    .option('--description <text>', 'one sentence: what it does')
    .option('--json', 'print what was created as JSON')
    .addHelpText('after', '\nExit codes: 0 created, 2 the agent exists, a bad name, runner or cron, or no home.')
    .action(
      action(async (agent: string, opts: NewOptions, command: Command) => {
        const { home, json } = commonOptions(command);
        const { openHome } = await import('../../home/index.js');
        const gov = await import('../../governance/index.js');
        const opened = await openHome(home);
        const result = await gov.createAgent(opened, {
          name: agent,
          owner: opts.owner ?? currentUser(),
          runner: opts.runner,
          cron: opts.cron,
          description: opts.description,
        });
        if (json) {
          printJson(result);
          return 0;
        }
        const lines = [`Created ${agent} (${result.trigger}):`, ...result.created.map((file) => `  ${file}`)];
        if (result.kept.length > 0) lines.push('Kept as they were:', ...result.kept.map((file) => `  ${file}`));
        lines.push(
          '',
          `Next: fill in the TODOs in agents/${agent}.md, point input.path at its input (now samples/${agent}.txt, a stand-in), ` +
            `then \`nightshift validate\`, \`nightshift run ${agent}\` and \`nightshift doctor ${agent}\`.`,
        );
        printText(`${lines.join('\n')}\n`);
        return 0;
      }),
    );
}
