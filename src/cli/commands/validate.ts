import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText } from '../output.js';
import { commonOptions } from '../context.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check every agent file and nightshift.yaml; list every problem')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 every file is valid (warnings, such as template text left, do not change it), 1 at least one problem (all are listed), 2 no home.',
    )
    .action(
      action(async (_opts: object, command: Command) => {
        const { home, json } = commonOptions(command);
        const { openHome } = await import('../../home/index.js');
        const { describeTemplateText, formatProblem, loadAgents, templateText } = await import('../../agents/index.js');
        const opened = await openHome(home);
        const entries = await loadAgents(opened.paths.agents, opened.defaults, opened.paths.agentsCache);
        const invalid = entries.filter((entry) => !entry.ok);
        // template text (TODO) left by `nightshift new`: the file runs, so a warning here; doctor fails it (one rule)
        const warningsOf = new Map(
          entries.flatMap((entry) => {
            if (!entry.ok) return [];
            const found = templateText(entry.agent).map(
              (item) => `${entry.file}: ${describeTemplateText(item)} is still template text (doctor fails it)`,
            );
            return found.length > 0 ? [[entry.name, found] as const] : [];
          }),
        );
        if (json) {
          printJson({
            home: opened.root,
            valid: invalid.length === 0,
            agents: entries.map((entry) =>
              entry.ok
                ? {
                    name: entry.name,
                    file: entry.file,
                    ok: true,
                    ...(warningsOf.has(entry.name) ? { warnings: warningsOf.get(entry.name) } : {}),
                  }
                : { name: entry.name, file: entry.file, ok: false, problems: entry.problems.map(formatProblem) },
            ),
          });
          return invalid.length === 0 ? 0 : 1;
        }
        for (const entry of invalid) {
          if (entry.ok) continue;
          for (const problem of entry.problems) printText(`${formatProblem(problem)}\n`);
        }
        for (const warnings of warningsOf.values()) for (const warning of warnings) printText(`warning: ${warning}\n`);
        const warned = warningsOf.size > 0 ? `; ${warningsOf.size} with template text left (warnings above)` : '';
        const counts = `${entries.length - invalid.length} valid, ${invalid.length} invalid${warned}`;
        const summary = `${entries.length} agent${entries.length === 1 ? '' : 's'}: ${counts}`;
        const yaml = invalid.length === 0 ? ' nightshift.yaml is valid.' : '';
        // after problems or warnings, a blank line sets the summary apart
        const gap = invalid.length + warningsOf.size > 0 ? '\n' : '';
        printText(`${gap}${summary}.${yaml}\n`);
        return invalid.length === 0 ? 0 : 1;
      }),
    );
}
