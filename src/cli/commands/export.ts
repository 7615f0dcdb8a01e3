import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText } from '../output.js';
import { commonOptions } from '../context.js';
import { registerExportK8s } from './export-k8s.js';
import { registerExportOtlp } from './export-otlp.js';

/**
 * `nightshift export claude-agents [agent…]`: the agents as the JSON `claude --agents` takes. The agent file is
 * no `--agents` argument itself (that flag takes JSON, not Markdown), so this is the one way from one to the other.
 */
export function registerExport(program: Command): void {
  const exporter = program
    .command('export')
    .description(
      'agents in the format of another tool (claude-agents, k8s); runs and alert events as OTLP log records (otlp)',
    );
  registerExportK8s(exporter);

  exporter
    .command('claude-agents [agents...]')
    .description(
      "print the named agents (every valid one without names) as the JSON `claude --agents` takes; Claude Code enforces none of nightshift's limits",
    )
    .addHelpText(
      'after',
      '\nUse: claude --agents "$(nightshift export claude-agents)" …, or with -p a file: nightshift export claude-agents > agents.json\n' +
        '\nExit codes: 0 every agent exported, 1 some agent is invalid (its problems on stderr; it is left out of the JSON), ' +
        '2 unknown agent or no home.',
    )
    .action(
      action(async (names: string[], _opts: object, command: Command) => {
        const { home } = commonOptions(command);
        const { openHome } = await import('../../home/index.js');
        const { requireAgent } = await import('../agent-arg.js');
        const { claudeAgentsJson, formatProblem, loadAgents } = await import('../../agents/index.js');
        const opened = await openHome(home);
        for (const name of names) await requireAgent(opened.paths, name);
        const entries = await loadAgents(opened.paths.agents, opened.defaults, opened.paths.agentsCache);
        const chosen =
          names.length > 0 ? [...new Set(names)].map((name) => entries.find((entry) => entry.name === name)) : entries;
        const valid = [];
        let skipped = 0;
        for (const entry of chosen) {
          if (entry === undefined) continue;
          if (entry.ok) {
            valid.push(entry.agent);
            continue;
          }
          skipped++;
          printText(`nightshift: ${entry.name} is invalid, left out of the export:\n`, process.stderr);
          for (const problem of entry.problems) printText(`  ${formatProblem(problem)}\n`, process.stderr);
        }
        printJson(claudeAgentsJson(valid));
        return skipped === 0 ? 0 : 1;
      }),
    );

  registerExportOtlp(exporter);
}
