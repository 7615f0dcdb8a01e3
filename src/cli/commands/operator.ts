import type { Command } from 'commander';
import { action, printJson } from '../action.js';
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

const EXIT_HELP = '\nExit codes: 0 done (or nothing to do: already in that state), 2 unknown agent or bad arguments, 3 state.json is corrupt (left untouched), 4 the state lock could not be taken.';

export function registerOperatorCommands(program: Command): void {
  for (const { verb, summary } of VERBS) {
    const command = program
      .command(`${verb} <agent>`)
      .description(summary)
      .option('--reason <text>', 'why: recorded in logs/changes.jsonl')
      .option('--json', 'print the change as JSON');
    if (verb === 'pause') command.option('--until <time>', 'resume by itself at this time: 2026-12-01T09:00 (home time zone), an ISO time with offset, or a duration like 2h or 3d');
    command.addHelpText('after', EXIT_HELP).action(
      action(async (agent: string, opts: { reason?: string; until?: string }, cmd: Command) => {
        const { home, json } = commonOptions(cmd);
        const { openHome } = await import('../../home/index.js');
        const { requireAgent } = await import('../agent-arg.js');
        const opened = await openHome(home);
        await requireAgent(opened.paths, agent);
        const until = opts.until === undefined ? undefined : await parseUntil(opts.until, opened.defaults.timezone);
        return report(await change(opened.paths, { action: verb, agent, reason: opts.reason, until, source: 'cli' }), json);
      }),
    );
  }

  program
    .command('stop-all')
    .description('global stop: every run in flight is killed and new runs are refused until start-all')
    .option('--reason <text>', 'why: recorded in logs/changes.jsonl')
    .option('--json', 'print the change as JSON')
    .addHelpText('after', EXIT_HELP)
    .action(
      action(async (opts: { reason?: string }, cmd: Command) => {
        const { home, json } = commonOptions(cmd);
        const { openHome } = await import('../../home/index.js');
        const opened = await openHome(home);
        return report(await change(opened.paths, { action: 'stop-all', reason: opts.reason, source: 'cli' }), json);
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
        const opened = await openHome(home);
        return report(await change(opened.paths, { action: 'start-all', reason: opts.reason, source: 'cli' }), json);
      }),
    );
}

async function change(...args: Parameters<typeof import('../../state/index.js').applyChange>) {
  const { applyChange } = await import('../../state/index.js');
  return applyChange(...args);
}

async function parseUntil(text: string, timezone: string): Promise<Date> {
  const { parseDuration } = await import('../../agents/index.js');
  const { parseZonedDateTime } = await import('../../time/index.js');
  const { UsageError } = await import('../../errors.js');
  const ms = parseDuration(text);
  if (ms !== null) return new Date(Date.now() + ms);
  const at = parseZonedDateTime(text, timezone);
  if (!at) throw new UsageError(`--until: "${text}" is not a time: expected 2026-12-01T09:00 (in ${timezone}), an ISO time with offset, or a duration like 2h`, { field: '--until', actual: text });
  return at;
}

function report(result: Awaited<ReturnType<typeof change>>, json: boolean | undefined): number {
  if (json) {
    printJson(result.applied ? { applied: true, record: result.record } : { applied: false, noop: result.noop, message: result.message });
    return 0;
  }
  if (!result.applied) {
    process.stdout.write(`Nothing to do: ${result.message}\n`);
    return 0;
  }
  const r = result.record;
  const who = `${r.by}${r.reason ? `, reason: ${r.reason}` : ''}`;
  const target = r.agent ?? 'the fleet';
  const until = result.change.until ? ` until ${result.change.until}` : '';
  const done: Record<string, string> = {
    pause: `Paused ${target}${until}`,
    resume: `Resumed ${target}`,
    disable: `Disabled ${target}`,
    enable: `Enabled ${target}`,
    'stop-all': 'Global stop is ON: new runs are refused until `nightshift start-all`',
    'start-all': 'Global stop is off: agents run as their own state allows',
  };
  process.stdout.write(`${done[r.action] ?? r.action} (by ${who}). Recorded in logs/changes.jsonl.\n`);
  return 0;
}
