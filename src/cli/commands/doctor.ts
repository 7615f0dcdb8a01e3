import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText } from '../output.js';
import { commonOptions } from '../context.js';

export function registerDoctor(program: Command): void {
  program
    .command('doctor [agent]')
    .description(
      'the production-readiness checklist and the five-question test: pass/fail per agent, with the exact fix for each failure',
    )
    .option('--json', 'print the checklist as JSON')
    .addHelpText(
      'after',
      `
Checks: valid, stop_conditions (3+ in the prompt), protocol (STATUS/END_OF_RUN in the output format),
limits (time, calls, cost, output set in the file), read_only (write tools need writes: true and a
month of OK runs), owner, runbook (with \`nightshift disable <agent>\`), budget, review (cadence kept),
evals (cases in evals/<agent>/), alert_channel (notify: in nightshift.yaml), risk (the five questions,
none left as \`nightshift new\`'s TODO), one_scheduler (not in both the daemon and the crontab), and
template_text (listed only when the description or prompt still holds a TODO; \`validate\` warns of it too).
A command agent's limits line says its cost stops a run only if it prints its usage line as it goes.

It also prints the containment runs started from here get, which is what \`nightshift kill\` can reach:
cgroup (a cgroup v2 of their own, ended with cgroup.kill), sweep (no cgroup could be made: process group,
descendants and processes carrying NIGHTSHIFT_RUN_ID) or group (no /proc). NIGHTSHIFT_CONTAINMENT=sweep
turns cgroups off. And who schedules the home, in \`status\`'s words: the daemon, cron (its block in
the crontab and a cron daemon to fire it), both, or nobody.

Exit codes: 0 every agent passes, 1 some agent fails a check, 2 unknown agent or no home, 3 corrupt nightshift.yaml.`,
    )
    .action(
      action(async (agent: string | undefined, _opts: object, command: Command) => {
        const { home, json } = commonOptions(command);
        const { openHome } = await import('../../home/index.js');
        const { runDoctor, renderDoctor, doctorToJson } = await import('../../governance/index.js');
        const opened = await openHome(home);
        if (agent !== undefined) {
          const { requireAgent } = await import('../agent-arg.js');
          await requireAgent(opened.paths, agent);
        }
        const report = await runDoctor(opened, { agent, namedHome: home !== undefined });
        if (json) printJson(doctorToJson(report));
        else printText(`${renderDoctor(report)}\n`);
        return report.ok ? 0 : 1;
      }),
    );
}
