import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText, shownJournal } from '../output.js';
import { commonOptions } from '../context.js';

/**
 * `retire` and `unretire` (issue 17 part 4): an agent stopped for good, its
 * files under retired/, its history kept. src/switches/retire.ts holds the
 * move order that makes a crash mid-way lose nothing.
 */
export function registerRetire(program: Command): void {
  program
    .command('retire <agent>')
    .description(
      'retire an agent for good: state `retired`, its agent file, runbook and eval cases moved to retired/, its history kept',
    )
    .option('--reason <text>', 'why (required): recorded in logs/changes.jsonl and shown by `registry`')
    .option('--json', 'print the outcome as JSON')
    .addHelpText(
      'after',
      '\nA run in flight finishes and is recorded; no new run starts. Run it again to finish an interrupted move.\n' +
        'Exit codes: 0 retired (or already retired), 2 unknown agent, no --reason, or a file on both sides of the move.',
    )
    .action(
      action(async (agent: string, opts: { reason?: string }, cmd: Command) => {
        const { home, json } = commonOptions(cmd);
        const { openHome, assertAgentName } = await import('../../home/index.js');
        assertAgentName(agent);
        const opened = await openHome(home);
        const { retireAgent } = await import('../../switches/index.js');
        const outcome = await retireAgent(opened, agent, { reason: opts.reason, source: 'cli', onWarning: warn });
        return show(outcome, json, `Retired ${agent}`, shownJournal(opened.root, opened.paths.changesJournal));
      }),
    );

  program
    .command('unretire <agent>')
    .description(
      'bring a retired agent back: its files return from retired/ and it comes back DISABLED (enable it to run)',
    )
    .option('--reason <text>', 'why: recorded in logs/changes.jsonl')
    .option('--json', 'print the outcome as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 unretired, 2 not retired, or a live agent of that name exists (rename it first).',
    )
    .action(
      action(async (agent: string, opts: { reason?: string }, cmd: Command) => {
        const { home, json } = commonOptions(cmd);
        const { openHome, assertAgentName } = await import('../../home/index.js');
        assertAgentName(agent);
        const opened = await openHome(home);
        const { unretireAgent } = await import('../../switches/index.js');
        const outcome = await unretireAgent(opened, agent, { reason: opts.reason, source: 'cli', onWarning: warn });
        return show(
          outcome,
          json,
          `Unretired ${agent}; it is disabled: \`nightshift enable ${agent}\` lets it run`,
          shownJournal(opened.root, opened.paths.changesJournal),
        );
      }),
    );
}

type RetireOutcome = import('../../switches/index.js').RetireOutcome;

function show(outcome: RetireOutcome, json: boolean | undefined, done: string, journal: string): number {
  const { change, moved } = outcome;
  if (json) {
    printJson({
      applied: change.applied,
      ...(change.applied ? { record: change.record } : { message: change.message }),
      moved,
    });
    return 0;
  }
  const head = change.applied ? `${done}. Recorded in ${journal}.` : `Nothing to change: ${change.message}.`;
  printText(`${head}\n`);
  for (const piece of moved) printText(`  moved ${piece.what}: ${piece.from} → ${piece.to}\n`);
  if (!change.applied && moved.length > 0) printText('  (an earlier, interrupted move is now finished)\n');
  return 0;
}

function warn(message: string): void {
  printText(`nightshift: warning: ${message}\n`, process.stderr);
}
