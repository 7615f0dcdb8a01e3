import { forAgent, type ResolvedTrigger } from '../agents/index.js';
import { shellQuote } from '../home/index.js';
import { constantShift, shiftExpression } from './zones.js';

/**
 * What the managed crontab block should say for a home: one line per enabled
 * cron agent, the watchdog line, and nothing for agents a crontab cannot
 * run. Pure: the caller says which agents are enabled, which zone the cron
 * daemon keeps, and whether it understands CRON_TZ (cronie does; Debian's
 * and macOS's cron do not).
 */
export type CronTrigger = Extract<ResolvedTrigger, { kind: 'cron' }>;

export interface PlanAgent {
  name: string;
  trigger: CronTrigger;
  /** enabled, and the fleet is not stopped */
  runnable: boolean;
  /** why not, when not: "paused", "disabled", "the global stop is on" */
  why?: string;
}

export interface PlanInput {
  home: string;
  agents: readonly PlanAgent[];
  /** node and bin/nightshift.js, absolute */
  nightshiftArgv: readonly string[];
  systemZone: string;
  cronTz: boolean;
  /** CRON_TZ set above the block by the user's own lines, to be handed back after it */
  inheritedCronTz: string | null;
  watchdog: boolean;
  now: Date;
}

export interface BlockPlan {
  body: string[];
  installed: Array<{ agent: string; expression: string; line: string }>;
  /** agents a crontab cannot run as written: seconds fields, zones it cannot follow */
  refused: Array<{ agent: string; reason: string }>;
  /** agents left out on purpose: paused, disabled, global stop */
  left: Array<{ agent: string; reason: string }>;
}

export const WATCHDOG_COMMENT = '# watchdog: `nightshift check` every minute (alerts; resumes pauses that ended)';

/**
 * A crontab command line: shell-quoted, % escaped (cron turns a bare % into a
 * newline), output to /dev/null (cron mails what is printed; normal runs must
 * stay quiet).
 */
export function cronCommand(argv: readonly string[]): string {
  return `${argv.map(quoteIfNeeded).join(' ')} >/dev/null`.replace(/%/g, '\\%');
}

function quoteIfNeeded(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : shellQuote(word);
}

export function planBlock(input: PlanInput): BlockPlan {
  const plan: BlockPlan = { body: [], installed: [], refused: [], left: [] };
  const base = [...input.nightshiftArgv];
  const lines: Array<{ zone: string | null; comment?: string; line: string }> = [];
  for (const agent of [...input.agents].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!agent.runnable) {
      plan.left.push({ agent: agent.name, reason: agent.why ?? 'not enabled' });
      continue;
    }
    const { expression, timezone } = agent.trigger;
    if (expression.split(/\s+/).length === 6) {
      plan.refused.push({
        agent: agent.name,
        reason: `its cron "${agent.trigger.cron}" has a seconds field, which a crontab cannot express: run it with \`nightshift daemon\``,
      });
      continue;
    }
    const command = cronCommand([...base, 'run', agent.name, '--trigger', 'cron', '--home', input.home]);
    // a zone the clock code cannot read is this agent's to be refused for, not the block's to fail on
    const shifted = forAgent(agent.name, `time zone ${timezone}`, () =>
      constantShift(timezone, input.systemZone, input.now),
    );
    if (!shifted.ok) {
      plan.refused.push({
        agent: agent.name,
        reason: `${shifted.fault.message}: run it with \`nightshift daemon\`, or set another trigger.timezone`,
      });
      continue;
    }
    const shift = shifted.value;
    let zone: string | null = null;
    let when = expression;
    let comment: string | undefined;
    if (shift !== 0) {
      const moved = shift === null ? null : shiftExpression(expression, shift);
      if (input.cronTz) zone = timezone;
      else if (moved !== null) {
        when = moved;
        comment = `# ${agent.name}: "${expression}" in ${timezone} is "${moved}" in ${input.systemZone}, the zone cron runs in`;
      } else {
        plan.refused.push({
          agent: agent.name,
          reason:
            `it runs in ${timezone}, whose clock differs from this system's ${input.systemZone}` +
            `${shift === null ? ' by a varying offset (daylight saving)' : ''}, ` +
            'and this cron has no CRON_TZ to follow it: ' +
            `run it with \`nightshift daemon\`, install cronie, or set trigger.timezone: ${input.systemZone}`,
        });
        continue;
      }
    }
    const line = `${when} ${command}`;
    lines.push({ zone, comment, line });
    plan.installed.push({ agent: agent.name, expression: when, line });
  }
  // entries in the system zone first, then one CRON_TZ group per zone; the zone above the block is handed back after it
  const inherited = input.inheritedCronTz;
  let current: string | null = inherited;
  const setZone = (zone: string | null) => {
    const wanted = zone ?? (inherited !== null ? input.systemZone : null);
    if (wanted === current || (wanted === null && current === null)) return;
    plan.body.push(`CRON_TZ=${wanted ?? input.systemZone}`);
    current = wanted;
  };
  const ordered = [...lines].sort((a, b) => (a.zone ?? '').localeCompare(b.zone ?? ''));
  for (const entry of ordered) {
    if (input.cronTz) setZone(entry.zone);
    if (entry.comment) plan.body.push(entry.comment);
    plan.body.push(entry.line);
  }
  if (input.watchdog) {
    if (input.cronTz) setZone(null);
    plan.body.push(WATCHDOG_COMMENT, `* * * * * ${cronCommand([...base, 'check', '--home', input.home])}`);
  }
  if (input.cronTz && current !== inherited) plan.body.push(`CRON_TZ=${inherited ?? input.systemZone}`);
  for (const refused of plan.refused)
    plan.body.push(`# not installed: ${refused.agent}: ${refused.reason}`.replace(/\n/g, ' '));
  return plan;
}
