import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText, shownJournal } from '../output.js';
import { commonOptions } from '../context.js';
import { currentUser } from '../../shared/index.js';

export function registerSchedule(program: Command): void {
  program
    .command('schedule <agent> <cron>')
    .description(
      "change an agent's cron schedule: only the cron value in its file changes; the change is recorded with who and why",
    )
    .option('--reason <text>', 'why, and what it affects (required: no reason, no change)')
    .option('--json', 'print the change as JSON')
    .addHelpText(
      'after',
      `
Example:
  nightshift schedule nightly-summarizer "0 3 * * *" --reason "23:00 overlaps the nightly backup; outputs arrive 4h later, still before the morning review"

Without --reason nothing changes: the next 5 due times the new schedule would give are
shown (with the zone's offset, and where daylight saving moves one), then the refusal.
After a change they are shown too.

Only a cron trigger's time can be changed this way. An agent with a watch or when
trigger, or none (manual only), is refused: changing the kind of trigger is a
definition change — edit the file and run \`nightshift validate\`.

` +
        'Exit codes: 0 changed (or already on that schedule), ' +
        '2 no --reason, bad cron, unknown agent or a non-cron trigger (file untouched), ' +
        '3 the agent file does not parse, 4 the file changed meanwhile (nothing written).',
    )
    .action(
      action(async (agent: string, cron: string, opts: { reason?: string }, command: Command) => {
        const { home, json } = commonOptions(command);
        const { openHome } = await import('../../home/index.js');
        const { requireAgent } = await import('../agent-arg.js');
        const gov = await import('../../governance/index.js');
        const expression = gov.checkNewCron(cron);
        if (!opts.reason?.trim()) {
          // no reason, no change: but what the schedule would do is shown first, as a preview
          if (!json) {
            const preview = await previewOf(home, agent, expression).catch(() => null);
            if (preview) printText(`${gov.previewLines(preview).join('\n')}\n`);
          }
          gov.requireReason(opts.reason);
        }
        const opened = await openHome(home);
        await requireAgent(opened.paths, agent);
        const result = await gov.changeSchedule(opened, {
          agent,
          cron,
          reason: opts.reason,
          by: currentUser(),
          source: 'cli',
        });
        const preview = result.changed ? await gov.previewSchedule(opened, agent, expression) : null;
        if (json) {
          printJson(preview ? { ...result, timezone: preview.timezone, next: preview.next } : result);
          return 0;
        }
        if (!result.changed) {
          printText(`Nothing to do: ${result.message}.\n`);
          return 0;
        }
        const { before, after } = result.record as { before: { cron: string }; after: { cron: string } };
        const lines = [
          `Changed the schedule of ${agent}: "${before.cron}" → "${after.cron}"` +
            `${result.trigger ? ` (${result.trigger})` : ''}, by ${result.record.by}. Recorded in ${shownJournal(opened.root, opened.paths.changesJournal)}.`,
        ];
        if (result.comment)
          lines.push(`The comment beside it follows: "# ${result.comment.before}" → "# ${result.comment.after}".`);
        if (result.runbookUpdated) lines.push(`Its runbook's Trigger line follows (runbooks/${agent}.md).`);
        if (result.crontab === 'updated') lines.push('The crontab block (cron mode) runs the new schedule.');
        else if (result.crontab !== 'not-installed')
          lines.push(
            `WARNING the crontab block could not follow: ${result.crontab.error}; run \`nightshift cron install\` to rewrite it.`,
          );
        if (result.problems.length > 0)
          lines.push(`${result.file} still has problems:`, ...result.problems.map((p) => `  ${p}`));
        if (preview) lines.push(...gov.previewLines(preview));
        printText(`${lines.join('\n')}\n`);
        return 0;
      }),
    );
}

async function previewOf(home: string | undefined, agent: string, cron: string) {
  const [{ openHome }, gov] = await Promise.all([import('../../home/index.js'), import('../../governance/index.js')]);
  return gov.previewSchedule(await openHome(home), agent, cron);
}
