import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText } from '../output.js';
import { commonOptions } from '../context.js';

/**
 * `nightshift cron install | uninstall | show`: plain cron instead of the
 * daemon. One managed block per home in the user's crontab; every other
 * line is left exactly as it was.
 */
type BlockPlan = import('../../crontab/index.js').BlockPlan;

function describePlan(plan: BlockPlan): string {
  const lines: string[] = [];
  for (const item of plan.installed) lines.push(`  ${item.agent}: ${item.expression}`);
  for (const item of plan.left)
    lines.push(`  ${item.agent}: left out (${item.reason}); it comes back when that changes`);
  for (const item of plan.refused) lines.push(`  ${item.agent}: NOT INSTALLED: ${item.reason}`);
  return lines.join('\n');
}

export function registerCron(program: Command): void {
  const cron = program
    .command('cron')
    .description('schedule with the user crontab instead of the daemon: install | uninstall | show');

  cron
    .command('install')
    .description(
      "write (or rewrite) this home's block in the crontab: one line per enabled cron agent, plus `nightshift check` every minute",
    )
    .option('--no-watchdog', 'leave out the `nightshift check` line (alerts then need another scheduler)')
    .option('--json', 'print the plan as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 installed, 1 installed but some agents could not be (named, with why), 2 no home, 3 corrupt files.',
    )
    .action(
      action(async (opts: { watchdog: boolean }, cmd: Command) => {
        const { home, json } = commonOptions(cmd);
        const [{ openHome }, { installCronBlock }, { binPath }] = await Promise.all([
          import('../../home/index.js'),
          import('../../crontab/index.js'),
          import('../../files/index.js'),
        ]);
        const opened = await openHome(home);
        const result = await installCronBlock(opened, {
          nightshiftArgv: [process.execPath, binPath()],
          watchdog: opts.watchdog,
        });
        if (json)
          printJson({
            changed: result.changed,
            installed: result.plan.installed,
            left: result.plan.left,
            refused: result.plan.refused,
            block: result.plan.body,
          });
        else {
          printText(
            `${result.changed ? 'Installed' : 'Already up to date:'} the nightshift block for ${opened.root} in your crontab (crontab -l to see it).\n`,
          );
          const described = describePlan(result.plan);
          if (described) printText(`${described}\n`);
          if (result.plan.installed.length === 0) printText('  (no enabled cron agent yet)\n');
          printText(
            'Pausing, disabling or stopping an agent takes it out of the block; run this again after editing agents/.\n',
          );
        }
        for (const refused of result.plan.refused)
          printText(`nightshift: ${refused.agent} is not in the crontab: ${refused.reason}\n`, process.stderr);
        return result.plan.refused.length > 0 ? 1 : 0;
      }),
    );

  cron
    .command('uninstall')
    .description("remove this home's block from the crontab (nothing else is touched)")
    .option('--json', 'print the outcome as JSON')
    .action(
      action(async (_opts: object, cmd: Command) => {
        const { home, json } = commonOptions(cmd);
        const [{ openHome }, { uninstallCronBlock }] = await Promise.all([
          import('../../home/index.js'),
          import('../../crontab/index.js'),
        ]);
        const opened = await openHome(home);
        const result = await uninstallCronBlock(opened);
        if (json) printJson(result);
        else
          printText(
            result.removed
              ? `Removed the nightshift block for ${opened.root} from your crontab.\n`
              : `Your crontab has no nightshift block for ${opened.root}; nothing to do.\n`,
          );
        return 0;
      }),
    );

  cron
    .command('show')
    .description('print the block installed now and the block install would write')
    .option('--json', 'print both as JSON')
    .addHelpText('after', '\nExit codes: 0 installed and up to date, 1 not installed or out of date.')
    .action(
      action(async (_opts: object, cmd: Command) => {
        const { home, json } = commonOptions(cmd);
        const [{ openHome }, { cronBlockState, beginMarker, endMarker }, { binPath }] = await Promise.all([
          import('../../home/index.js'),
          import('../../crontab/index.js'),
          import('../../files/index.js'),
        ]);
        const opened = await openHome(home);
        const state = await cronBlockState(opened, { nightshiftArgv: [process.execPath, binPath()] });
        if (json) {
          printJson({
            installed: state.installed,
            planned: state.plan.body,
            upToDate: state.upToDate,
            refused: state.plan.refused,
            left: state.plan.left,
          });
        } else {
          const block = (body: readonly string[]) =>
            [beginMarker(opened.root), ...body, endMarker(opened.root)].join('\n');
          printText(
            state.installed ? `Installed:\n${block(state.installed)}\n\n` : `Not installed in your crontab.\n\n`,
          );
          printText(
            `${state.upToDate ? 'Up to date.' : '`nightshift cron install` would write:'}\n${state.upToDate ? '' : `${block(state.plan.body)}\n`}`,
          );
          const described = describePlan(state.plan);
          if (described) printText(`${described}\n`);
        }
        return state.upToDate ? 0 : 1;
      }),
    );
}
