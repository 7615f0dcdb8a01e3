import type { Command } from 'commander';
import { action } from '../action.js';
import { printChange, shownJournal } from '../output.js';
import { commonOptions } from '../context.js';
import { parseUntil } from './operator.js';
import { formatIsoWall } from '../../shared/index.js';
import type { Home } from '../../home/index.js';

/**
 * `nightshift ack` / `unack` (an open alert seen: kept open and visible, not
 * re-sent) and `silence` / `unsilence` (a maintenance window: alerts recorded,
 * none sent). State in state.json, each change in logs/changes.jsonl.
 */
const UNTIL_HELP =
  'ends by itself at this time: 2026-12-01T09:00 (home time zone), an ISO time with offset, or a duration like 2h or 3d';

const EXIT_HELP =
  '\nExit codes: 0 done (or nothing to do), 2 no such open alert or agent, or bad arguments, ' +
  '3 state.json is corrupt (left untouched), 4 the state lock could not be taken.';

type QuietTransition = import('../../state/index.js').QuietTransition;

export function registerQuietCommands(program: Command): void {
  for (const verb of ['ack', 'unack'] as const) {
    const command = program
      .command(`${verb} <alert>`)
      .description(
        verb === 'ack'
          ? 'acknowledge an open alert: it stays open and visible but is not re-sent (until --until, or until it resolves)'
          : 'end an acknowledgement: the alert is re-sent again every alerts.realert',
      )
      .option('--reason <text>', `why: recorded in logs/changes.jsonl${verb === 'ack' ? ' (required)' : ''}`)
      .option('--json', 'print the change as JSON');
    if (verb === 'ack') command.option('--until <time>', UNTIL_HELP);
    command
      .addHelpText(
        'after',
        '\n<alert> is the key `nightshift check` and the console show (non_ok:inbox-digest), or an agent or a rule\n' +
          'with exactly one open alert.' +
          EXIT_HELP,
      )
      .action(
        action(async (alert: string, opts: { reason?: string; until?: string; json?: boolean }, cmd: Command) => {
          const { home, json } = commonOptions(cmd);
          const { openHome } = await import('../../home/index.js');
          const opened = await openHome(home);
          const until = opts.until === undefined ? undefined : await parseUntil(opts.until, opened.defaults.timezone);
          const { ackAlert } = await import('../../switches/index.js');
          const result = await ackAlert(opened, verb, alert, { reason: opts.reason, until, source: 'cli' });
          return report(result, json, opened, () =>
            verb === 'ack'
              ? `Acknowledged ${result.alert.key} (${result.alert.message}) ${untilText(result, opened.defaults.timezone)}: it stays open and is not re-sent`
              : `${result.alert.key} is no longer acknowledged: it is re-sent every alerts.realert while it lasts`,
          );
        }),
      );
  }

  for (const verb of ['silence', 'unsilence'] as const) {
    const command = program
      .command(`${verb} [agent]`)
      .description(
        verb === 'silence'
          ? 'a maintenance window for an agent (or the whole fleet): its alerts are recorded but sent nowhere until --until'
          : 'end a maintenance window early',
      )
      .option('--reason <text>', `why: recorded in logs/changes.jsonl${verb === 'silence' ? ' (required)' : ''}`)
      .option('--json', 'print the change as JSON');
    if (verb === 'silence') command.option('--until <time>', `${UNTIL_HELP} (required)`);
    command
      .addHelpText(
        'after',
        '\nWithout an agent: the whole fleet. In the window alerts still open, re-send and resolve in\n' +
          'logs/alerts.jsonl (marked "held"), and no channel gets anything. When it ends, each alert that\n' +
          'opened in it and is still open (and not acknowledged) is sent once; one that opened and resolved\n' +
          'inside it is never sent.' +
          EXIT_HELP,
      )
      .action(
        action(async (agent: string | undefined, opts: { reason?: string; until?: string }, cmd: Command) => {
          const { home, json } = commonOptions(cmd);
          const { openHome } = await import('../../home/index.js');
          const opened = await openHome(home);
          if (agent !== undefined) {
            const { requireAgent } = await import('../agent-arg.js');
            await requireAgent(opened.paths, agent);
          }
          const until = opts.until === undefined ? undefined : await parseUntil(opts.until, opened.defaults.timezone);
          const { silenceAlerts } = await import('../../switches/index.js');
          const scope = agent ?? null;
          const result = await silenceAlerts(opened, verb, scope, { reason: opts.reason, until, source: 'cli' });
          const target = scope === null ? 'the fleet' : scope;
          return report(result, json, opened, () =>
            verb === 'silence'
              ? `Silenced ${target} ${untilText(result, opened.defaults.timezone)}: alerts are recorded, none sent`
              : `${target} is no longer silenced: alerts are sent again`,
          );
        }),
      );
  }
}

function untilText(result: QuietTransition, timeZone: string): string {
  if (!result.applied) return '';
  const after = result.record.after as { until?: string | null } | null;
  return after?.until ? `until ${formatIsoWall(after.until, timeZone)}` : 'until it resolves';
}

function report(result: QuietTransition, json: boolean | undefined, home: Home, done: () => string): number {
  return printChange(result, json, () => ({ text: done() }), shownJournal(home.root, home.paths.changesJournal));
}
