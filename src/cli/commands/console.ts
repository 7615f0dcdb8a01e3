import type { Command } from 'commander';
import { action } from '../action.js';
import { printStyled, printText, tableWidth } from '../output.js';
import { commonOptions } from '../context.js';

/**
 * `nightshift console` (and `nightshift` with no command): the operator
 * console. React and Ink load only here, inside the action. Off a terminal
 * (a pipe, cron, CI) it prints `nightshift status` instead and exits 0.
 */
export function registerConsole(program: Command): void {
  program
    .command('console')
    .description(
      'the operator console (also `nightshift` alone): fleet, agent detail, review, alerts, costs, runbooks — live, with the kill switches one key away',
    )
    .option(
      '--readonly',
      'look only: every action (run, pause, disable, kill, edit, stop all, review marks) is hidden and refused',
    )
    .addHelpText(
      'after',
      '\nKeys: ? in the console lists every key of every view. Not on a terminal: prints `nightshift status` ' +
        'instead.\nExit codes: 0 closed, 2 no home, 3 a corrupt nightshift.yaml.',
    )
    .action(
      action(async (opts: { readonly?: boolean }, command: Command) => {
        const { home } = commonOptions(command);
        if (!process.stdout.isTTY || !process.stdin.isTTY) return printStatus(home, true);
        // runs started from the console and $EDITOR get the environment as it was given to us
        const env = { ...process.env };
        // React and Ink in their production builds: a keypress costs a third less
        process.env.NODE_ENV ??= 'production';
        // React and Ink load while the home is opened and the fleet read: the first frame comes sooner
        const consoleModules = import('../load-console.js').then(({ loadConsole }) => loadConsole());
        consoleModules.catch(() => undefined); // awaited below; no unhandled rejection if the home fails first
        const [{ openHome }, { loadFleet }] = await Promise.all([
          import('../../home/index.js'),
          import('../../fleet/index.js'),
        ]);
        // a broken nightshift.yaml never keeps the console (and its kill keys) closed: defaults, said in the header
        const opened = await openHome(home, process.env, { brokenConfig: 'last-valid' });
        const firstLoad = loadFleet(opened, { lookedBy: 'console', cron: true });
        firstLoad.catch(() => undefined); // the console reports it; no unhandled rejection meanwhile
        const [{ openConsole }, { binPath }] = await Promise.all([consoleModules, import('../../files/index.js')]);
        return openConsole({ home: opened, firstLoad, readonly: Boolean(opts.readonly), binPath: binPath(), env });
      }),
    );
}

/** What the console shows first, as text: for pipes and non-interactive runs. */
export async function printStatus(home: string | undefined, explain: boolean): Promise<number> {
  const [{ openHome }, { loadFleet }, { renderStatus }] = await Promise.all([
    import('../../home/index.js'),
    import('../../fleet/index.js'),
    import('../render-status.js'),
  ]);
  const opened = await openHome(home);
  const { snapshot } = await loadFleet(opened, { lookedBy: 'status', cron: true });
  if (explain) printText('nightshift: not a terminal, so no console: here is `nightshift status`.\n', process.stderr);
  printStyled(`${renderStatus(snapshot, new Date(snapshot.generated_at), tableWidth(100))}\n`);
  return 0;
}
