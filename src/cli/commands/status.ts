import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printStyled, tableWidth } from '../output.js';
import { commonOptions } from '../context.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('the fleet at a glance: state, last run, next run, month-to-date cost against budget, open alerts')
    .option('--json', 'print the fleet as JSON')
    .option('--retired', 'also list retired agents (`nightshift retire`), hidden by default')
    .addHelpText('after', '\nExit codes: 0 shown, 2 no home, 3 a corrupt state.json or nightshift.yaml (named).')
    .action(
      action(async (opts: { retired?: boolean }, command: Command) => {
        const { home, json } = commonOptions(command);
        const { openHome } = await import('../../home/index.js');
        const { loadFleet, fleetToJson } = await import('../../fleet/index.js');
        const opened = await openHome(home);
        const loaded = await loadFleet(opened, { lookedBy: 'status', cron: true });
        // retired agents stay rows of the snapshot (their costs count); status lists them only when asked
        const snapshot = opts.retired
          ? loaded.snapshot
          : { ...loaded.snapshot, agents: loaded.snapshot.agents.filter((a) => a.operator.state !== 'retired') };
        // what the daemon's webhook listener took and refused (run/webhooks.json), when it has served any
        const { readWebhookCounts, webhookLines } = await import('../../daemon/index.js');
        const hooks = await readWebhookCounts(opened.paths);
        if (json) {
          printJson(hooks === null ? fleetToJson(snapshot) : { ...fleetToJson(snapshot), webhooks: hooks.agents });
          return 0;
        }
        const { renderStatus } = await import('../render-status.js');
        const hookText = hooks === null ? '' : `\n${webhookLines(hooks).join('\n')}`;
        printStyled(`${renderStatus(snapshot, new Date(snapshot.generated_at), tableWidth(80))}${hookText}\n`);
        return 0;
      }),
    );
}
