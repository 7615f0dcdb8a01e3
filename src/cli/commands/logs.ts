import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printStyled, tableWidth } from '../output.js';
import { commonOptions } from '../context.js';

interface LogsOptions {
  since?: string;
  status?: string;
  limit: string;
}

export function registerLogs(program: Command): void {
  program
    .command('logs [agent]')
    .description('the audit trail: finished runs, newest last')
    .option(
      '--since <when>',
      'only runs that ended after this: a duration back from now (7d, 12h) or a date/time (2026-11-01, 2026-11-20T08:00)',
    )
    .option(
      '--status <list>',
      'only these statuses, comma-separated (OK,TIMEOUT,…), or "not-ok" for every status but OK',
    )
    .option('--limit <n>', 'at most this many runs (the newest)', '50')
    .option('--json', 'print the records as a JSON array (exactly as in logs/runs.jsonl)')
    .addHelpText(
      'after',
      '\nExamples:\n  nightshift logs nightly-summarizer --since 7d\n' +
        '  nightshift logs --status not-ok --since 24h\n\n' +
        'Exit codes: 0 shown (even if none matched), 2 bad arguments or unknown agent.',
    )
    .action(
      action(async (agent: string | undefined, opts: LogsOptions, command: Command) => {
        const { home, json } = commonOptions(command);
        const { openHome } = await import('../../home/index.js');
        const { queryLogs, parseLogsQuery } = await import('../logs-query.js');
        const opened = await openHome(home);
        if (agent !== undefined) {
          const { requireAgent } = await import('../agent-arg.js');
          // an agent that was deleted still has history: accept names found in the trail too
          await requireAgent(opened.paths, agent).catch(async (error: unknown) => {
            const { openRunTrail } = await import('../../journal/index.js');
            const trail = await openRunTrail(opened.paths.logs, { timezone: opened.defaults.timezone });
            if (!trail.agents().includes(agent)) throw error;
          });
        }
        const now = new Date();
        const query = parseLogsQuery({ agent, ...opts }, now, opened.defaults.timezone);
        const result = await queryLogs(opened, query);
        if (json) {
          printJson(result.runs);
          return 0;
        }
        const { renderLogs } = await import('../render-logs.js');
        printStyled(`${renderLogs(result, opened.defaults.timezone, tableWidth(80))}\n`);
        return 0;
      }),
    );
}
