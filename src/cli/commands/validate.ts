import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText } from '../output.js';
import { commonOptions } from '../context.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check every agent file and nightshift.yaml; list every problem')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExit codes: 0 every file is valid, 1 at least one problem (all are listed), 2 no home.')
    .action(
      action(async (_opts: object, command: Command) => {
        const { home, json } = commonOptions(command);
        const { openHome } = await import('../../home/index.js');
        const { loadAgents, formatProblem } = await import('../../agents/index.js');
        const opened = await openHome(home);
        const entries = await loadAgents(opened.paths.agents, opened.defaults, opened.paths.agentsCache);
        const invalid = entries.filter((entry) => !entry.ok);
        if (json) {
          printJson({
            home: opened.root,
            valid: invalid.length === 0,
            agents: entries.map((entry) =>
              entry.ok
                ? { name: entry.name, file: entry.file, ok: true }
                : { name: entry.name, file: entry.file, ok: false, problems: entry.problems.map(formatProblem) },
            ),
          });
          return invalid.length === 0 ? 0 : 1;
        }
        for (const entry of invalid) {
          if (entry.ok) continue;
          for (const problem of entry.problems) printText(`${formatProblem(problem)}\n`);
        }
        const summary = `${entries.length} agent${entries.length === 1 ? '' : 's'}: ${entries.length - invalid.length} valid, ${invalid.length} invalid`;
        printText(invalid.length === 0 ? `${summary}. nightshift.yaml is valid.\n` : `\n${summary}.\n`);
        return invalid.length === 0 ? 0 : 1;
      }),
    );
}
