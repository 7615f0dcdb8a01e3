import type { Command } from 'commander';
import { action } from '../action.js';
import { printChange, printJson, printText, shownJournal } from '../output.js';
import type { Home } from '../../home/index.js';
import { commonOptions } from '../context.js';

/**
 * The kill switches that change operator state: pause, resume, disable,
 * enable, stop-all, start-all. All go through the state module's one
 * `applyChange`, which records who, when and why in logs/changes.jsonl.
 */
type Verb = 'pause' | 'resume' | 'disable' | 'enable';

const VERBS: Array<{ verb: Verb; summary: string }> = [
  { verb: 'pause', summary: 'pause an agent: its runs are refused (SKIPPED) until resumed or until --until' },
  { verb: 'resume', summary: 'end a pause' },
  { verb: 'disable', summary: 'disable an agent: no run until it is enabled again' },
  { verb: 'enable', summary: 'enable a disabled or paused agent' },
];

const EXIT_HELP =
  '\nExit codes: 0 done (or nothing to do: already in that state), 2 unknown agent or bad arguments, ' +
  '3 state.json is corrupt (left untouched), 4 the state lock could not be taken.';

export function registerOperatorCommands(program: Command): void {
  for (const { verb, summary } of VERBS) {
    const command = program
      .command(`${verb} <agent>`)
      .description(summary)
      .option('--reason <text>', 'why: recorded in logs/changes.jsonl')
      .option('--json', 'print the change as JSON');
    if (verb === 'pause')
      command.option(
        '--until <time>',
        'resume by itself at this time: 2026-12-01T09:00 (home time zone), an ISO time with offset, or a duration like 2h or 3d',
      );
    command.addHelpText('after', EXIT_HELP).action(
      action(async (agent: string, opts: { reason?: string; until?: string }, cmd: Command) => {
        const { home, json } = commonOptions(cmd);
        const { openHome } = await import('../../home/index.js');
        const { requireAgent } = await import('../agent-arg.js');
        const opened = await openStopping(openHome, home);
        await requireAgent(opened.paths, agent);
        const until = opts.until === undefined ? undefined : await parseUntil(opts.until, opened.defaults.timezone);
        const { switchAgent } = await import('../../switches/index.js');
        return report(
          await switchAgent(opened, verb, agent, { reason: opts.reason, until, source: 'cli', onWarning: warn }),
          json,
          opened,
        );
      }),
    );
  }

  program
    .command('kill <agent>')
    .description('kill the run in flight: its whole process group and any escaped descendants (the run is recorded)')
    .option('--reason <text>', 'why: recorded in logs/changes.jsonl')
    .option('--if-running', 'exit 0 when nothing is running (for scripts)')
    .option('--json', 'print the outcome as JSON')
    .addHelpText(
      'after',
      "\nWhat it ends: the run's own cgroup (cgroup.kill) where runs get one, see `nightshift doctor`; else " +
        'its process group and every process carrying its NIGHTSHIFT_RUN_ID.\n' +
        'A stale lock (its harness gone) is recorded as CRASHED. ' +
        'A lock whose pid is alive but is no nightshift run (no process of the run, no answer from a harness) ' +
        'is reported, and nothing is signalled.\n' +
        '\nExit codes: 0 killed, or a stale lock recorded as CRASHED (or nothing running with --if-running), ' +
        '1 nothing was running, or the lock names a process that is not a nightshift run, ' +
        'or the run is on another host whose harness did not answer the kill request (it stays for it), ' +
        '2 unknown agent.\n' +
        'A run on another host sharing this home is killed by its own harness, which hears the request ' +
        '(run/<agent>.kill) within a second and records who asked from which host.',
    )
    .action(
      action(async (agent: string, opts: { reason?: string; ifRunning?: boolean }, cmd: Command) => {
        const { home, json } = commonOptions(cmd);
        const { openHome } = await import('../../home/index.js');
        const { requireAgent } = await import('../agent-arg.js');
        const opened = await openStopping(openHome, home);
        await requireAgent(opened.paths, agent);
        const { killAgent } = await import('../../switches/index.js');
        const started = Date.now();
        const result = await killAgent(opened, agent, { reason: opts.reason, source: 'cli' });
        const { describeKill } = await import('../../harness/index.js');
        if (json) printJson({ ...result, ms: Date.now() - started });
        else if (result.outcome !== 'killed') printText(`${describeKill(agent, result)}\n`);
        else {
          const status = result.record
            ? ` It was recorded as ${result.record.status}${result.record.reason ? ` (${result.record.reason})` : ''}.`
            : '';
          printText(`Killed run ${result.runId} of ${agent} in ${Date.now() - started} ms.${status}\n`);
        }
        if (result.outcome === 'not-a-run' || result.outcome === 'requested') return 1;
        return result.outcome === 'not-running' && !opts.ifRunning ? 1 : 0;
      }),
    );

  program
    .command('stop-all')
    .description('global stop: every run in flight is killed and new runs are refused until start-all')
    .option('--reason <text>', 'why: recorded in logs/changes.jsonl')
    .option('--json', 'print the change as JSON')
    .addHelpText(
      'after',
      EXIT_HELP.replace(
        ', 2 unknown agent',
        ', 1 a run could not be killed (named as ERROR; the stop is on and every other run was killed), 2 unknown agent',
      ),
    )
    .action(
      action(async (opts: { reason?: string }, cmd: Command) => {
        const { home, json } = commonOptions(cmd);
        const { openHome } = await import('../../home/index.js');
        const opened = await openStopping(openHome, home);
        const { stopAll } = await import('../../switches/index.js');
        const result = await stopAll(opened, { reason: opts.reason, source: 'cli', onWarning: warn });
        // a run that could not be killed needs a person: exit 1, after every other run was killed
        const code = result.faults.length > 0 ? 1 : 0;
        if (json) {
          printJson({
            ...(result.change.applied
              ? { applied: true, record: result.change.record }
              : { applied: false, message: result.change.message }),
            killed: result.killed,
            faults: result.faults,
          });
          return code;
        }
        await report(result.change, false, opened);
        const { describeKill } = await import('../../harness/index.js');
        for (const { agent, result: kill } of result.killed)
          printText(`${kill.outcome === 'killed' ? `Killed the run of ${agent}.` : describeKill(agent, kill)}\n`);
        for (const fault of result.faults) printText(`ERROR ${fault.message}\n`);
        if (result.killed.length === 0 && result.faults.length === 0) printText('No run was in flight.\n');
        return code;
      }),
    );

  program
    .command('start-all')
    .description('end the global stop: agents run again as their own state allows')
    .option('--reason <text>', 'why: recorded in logs/changes.jsonl')
    .option('--json', 'print the change as JSON')
    .addHelpText('after', EXIT_HELP)
    .action(
      action(async (opts: { reason?: string }, cmd: Command) => {
        const { home, json } = commonOptions(cmd);
        const { openHome } = await import('../../home/index.js');
        const opened = await openStopping(openHome, home);
        const { startAll } = await import('../../switches/index.js');
        return report(await startAll(opened, { reason: opts.reason, source: 'cli', onWarning: warn }), json, opened);
      }),
    );
}

type ChangeResult = import('../../state/index.js').ChangeResult;

/**
 * The home for a command that stops or starts things: a broken nightshift.yaml
 * is said as a warning and its last valid settings apply (else the built-in
 * defaults), so it never keeps an operator from killing or pausing a run (the
 * other commands refuse it).
 */
async function openStopping(
  openHome: typeof import('../../home/index.js').openHome,
  home: string | undefined,
): Promise<Home> {
  const opened = await openHome(home, process.env, { brokenConfig: 'last-valid' });
  if (opened.configProblem !== undefined)
    warn(
      `${opened.configProblem}\n  this command goes on with ${inForceWords(opened)} (fix the file for every other command)`,
    );
  return opened;
}

function inForceWords(home: Home): string {
  return home.configInForce === 'last-valid' ? "the file's last valid settings" : 'the built-in defaults';
}

function warn(message: string): void {
  printText(`nightshift: warning: ${message}\n`, process.stderr);
}

export async function parseUntil(text: string, timezone: string): Promise<Date> {
  const { parseDuration } = await import('../../agents/index.js');
  const { parseZonedDateTime } = await import('../../shared/index.js');
  const { UsageError } = await import('../../shared/index.js');
  const ms = parseDuration(text);
  if (ms !== null) return new Date(Date.now() + ms);
  const at = parseZonedDateTime(text, timezone);
  if (!at)
    throw new UsageError(
      `--until: "${text}" is not a time: expected 2026-12-01T09:00 (in ${timezone}), an ISO time with offset, or a duration like 2h`,
      { field: '--until', actual: text },
    );
  return at;
}

/** Times print in the home's zone, the one way (src/shared/time/wall-format.ts). */
async function report(result: ChangeResult, json: boolean | undefined, home: Home): Promise<number> {
  const timeZone = home.defaults.timezone;
  const { pauseEnd } = await import('../../switches/index.js');
  return printChange(
    result,
    json,
    (r) => {
      const target = r.agent ?? 'the fleet';
      const pause = r.action === 'pause' ? pauseEnd(r, timeZone) : { until: '', note: '' };
      const done: Record<string, string> = {
        pause: `Paused ${target}${pause.until}`,
        resume: `Resumed ${target}`,
        disable: `Disabled ${target}`,
        enable: `Enabled ${target}`,
        'stop-all': 'Global stop is ON: new runs are refused until `nightshift start-all`',
        'start-all': 'Global stop is off: agents run as their own state allows',
      };
      return { text: done[r.action] ?? r.action, note: pause.note };
    },
    shownJournal(home.root, home.paths.changesJournal),
  );
}
