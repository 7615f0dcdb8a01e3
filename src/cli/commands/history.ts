import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText } from '../output.js';
import { commonOptions } from '../context.js';

export function registerHistory(program: Command): void {
  program
    .command('history <agent>')
    .description(
      "an agent's change log: pauses, kills, schedule, limit and definition changes, before → after, who and why, oldest first",
    )
    .option('--no-fleet', 'leave out fleet-wide changes (stop-all, start-all)')
    .option('--json', 'print the entries as JSON')
    .addHelpText('after', '\nExit codes: 0 shown (even if there is none), 2 unknown agent or no home.')
    .action(
      action(async (agent: string, opts: { fleet: boolean }, command: Command) => {
        const { home, json } = commonOptions(command);
        const { openHome } = await import('../../home/index.js');
        const { requireAgent } = await import('../agent-arg.js');
        const { loadHistory, renderHistory } = await import('../../governance/index.js');
        const opened = await openHome(home);
        const history = await loadHistory(opened, agent, { fleet: opts.fleet });
        // a retired agent keeps its history: a name the journal knows is enough
        if (!history.agentsInJournal.has(agent)) await requireAgent(opened.paths, agent);
        if (json) {
          printJson({
            agent,
            timezone: opened.defaults.timezone,
            entries: history.entries.map(({ record, ...entry }) => ({
              ...entry,
              before: record.before ?? null,
              after: record.after ?? null,
            })),
            bad_lines: history.bad,
          });
          return 0;
        }
        printText(`${renderHistory(agent, history.entries, opened.defaults.timezone)}\n`);
        if (history.bad > 0)
          printText(
            `(${history.bad} unreadable line${history.bad === 1 ? '' : 's'} in logs/changes.jsonl skipped)\n`,
            process.stderr,
          );
        return 0;
      }),
    );
}
