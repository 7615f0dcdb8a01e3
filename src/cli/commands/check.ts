import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText } from '../output.js';
import { commonOptions } from '../context.js';
import { formatIsoWall } from '../../shared/index.js';

/**
 * `nightshift check`: the watchdog, once. Runs alone from cron or inside the
 * daemon every minute. Exit 1 while any alert is open or any agent could not
 * be evaluated, so `check && …` and monitoring wrappers see trouble without
 * parsing. One agent that cannot be evaluated never stops the others' check.
 */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(
      'the watchdog: evaluate every alert rule, open / re-send / resolve alerts, deliver them; exit 1 while any is open or an agent could not be evaluated',
    )
    .option('--json', 'print the open alerts and the events of this check as JSON')
    .option(
      '--exit-zero',
      'exit 0 while alerts are open (they are delivered all the same): for a scheduler that counts exit 1 as a failed job, as Kubernetes does',
    )
    .addHelpText(
      'after',
      `
Rules: missed run, non-OK status, one run over cost_over_usd, output drop, budget warning and
budget reached (the agent is paused until the month ends), cost anomaly, scheduler down,
review overdue. An alert is sent when it opens, again every alerts.realert while it lasts
(missed, non-OK, output drop, scheduler down), and once when it resolves.
Each open alert is listed with its key, which \`nightshift ack\` takes: an acked alert is not re-sent; in a
maintenance window (\`nightshift silence\`) alerts are recorded, none sent.
An agent whose schedule or rules cannot be evaluated (the cron engine throws for its zone, say)
is reported as ERROR with the message; every other agent is still checked, and its own open
alerts stay open until it can be evaluated again.
Exit codes: 0 no alert open and every agent evaluated, 1 alerts open or an agent (or a rule) could
not be evaluated (a broken nightshift.yaml opens config_invalid), 2 no home, 3 a corrupt state.json. With --exit-zero, open
alerts alone exit 0; an agent or a rule that could not be evaluated is still 1.`,
    )
    .action(
      action(async (opts: { exitZero?: boolean }, cmd: Command) => {
        const { home, json } = commonOptions(cmd);
        const [{ openHome }, { runCheck }] = await Promise.all([
          import('../../home/index.js'),
          import('../../watchdog/index.js'),
        ]);
        // a broken nightshift.yaml is the watchdog's to say (config_invalid, through the channels the file had when
        // it was last valid), not a reason to stop watching: every run refuses while it is broken
        const opened = await openHome(home, process.env, { brokenConfig: 'last-valid' });
        if (opened.configProblem !== undefined)
          printText(`nightshift: warning: ${opened.configProblem}\n`, process.stderr);
        const result = await runCheck(
          opened,
          opened.configProblem === undefined ? {} : { configProblem: opened.configProblem },
        );
        for (const warning of result.warnings) printText(`nightshift: warning: ${warning}\n`, process.stderr);
        if (json) {
          printJson({
            at: result.at,
            open: result.open,
            events: result.events,
            changes: result.changes,
            faults: result.faults,
            failed_rules: result.failedRules,
            invalid: result.invalid,
          });
        } else {
          printText(renderCheck(result, opened.defaults.timezone));
        }
        return checkExitCode(opts.exitZero ? { ...result, open: [] } : result);
      }),
    );
}

type CheckResult = import('../../watchdog/index.js').CheckResult;

/**
 * 1 (attention) while an alert is open, an agent file is not valid, or an agent or a rule could not be evaluated:
 * the same as an invalid agent in `validate`.
 */
export function checkExitCode(result: Pick<CheckResult, 'open' | 'faults' | 'failedRules' | 'invalid'>): number {
  const attention = result.open.length + result.faults.length + result.failedRules.length + result.invalid.length;
  return attention > 0 ? 1 : 0;
}

/** Times print in `timeZone` (the home's), the one way for people (src/shared/time/wall-format.ts). */
export function renderCheck(result: CheckResult, timeZone = 'UTC'): string {
  const lines: string[] = [];
  for (const change of result.changes)
    lines.push(`${change.action} ${change.agent ?? 'fleet'}${change.reason ? `: ${change.reason}` : ''}`);
  for (const event of result.events) {
    const failed = (event.channels ?? []).filter((c) => !c.ok).map((c) => `${c.channel} failed: ${c.error ?? ''}`);
    lines.push(`${event.event.padEnd(7)} ${event.message}${failed.length > 0 ? `  [${failed.join('; ')}]` : ''}`);
    if (event.held !== undefined) lines.push(`        sent to no channel: ${event.held}`);
  }
  if (result.events.length === 0) lines.push('No change since the last check.');
  const order = { critical: 0, warning: 1, info: 2 } as const;
  const open = [...result.open].sort((a, b) => order[a.severity] - order[b.severity] || a.key.localeCompare(b.key));
  lines.push(open.length === 0 ? 'No alert open.' : `${open.length} alert(s) open:`);
  for (const alert of open) {
    lines.push(`  ${alert.severity.padEnd(8)} ${alert.message}  (since ${formatIsoWall(alert.opened_at, timeZone)})`);
    // the key is what `nightshift ack` takes
    lines.push(`  ${''.padEnd(8)} key ${alert.key}${alert.quiet ? ` · ${alert.quiet.text}` : ''}`);
  }
  if (result.faults.length > 0) {
    const agents = new Set(result.faults.map((fault) => fault.agent));
    lines.push(
      `${agents.size} agent(s) could not be evaluated (every other agent was checked; their open alerts stay open):`,
    );
    for (const fault of result.faults) lines.push(`  ERROR ${fault.message}`);
  }
  for (const failed of result.failedRules) lines.push(`ERROR ${failed} (no alert was resolved by this check)`);
  if (result.invalid.length > 0) {
    lines.push(
      `${result.invalid.length} agent file(s) not valid: not watched, and not started by any scheduler until fixed ` +
        '(nightshift validate):',
    );
    for (const { agent, problem } of result.invalid) lines.push(`  INVALID agents/${agent}.md: ${problem}`);
  }
  return `${lines.join('\n')}\n`;
}
