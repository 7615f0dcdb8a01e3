import { type AgentEntry, type AgentFault, agentFault, forAgent } from '../../agents/index.js';
import type { Home } from '../../home/index.js';
import { describeScheduler } from '../../fleet/index.js';
import { runChecklist } from './checklist.js';
import { containmentReport, type ContainmentReport } from './containment.js';
import { gatherDoctorFacts, type GatherOptions } from './gather.js';
import type { AgentVerdict } from './types.js';

/** `nightshift doctor [agent]`: gather the facts once, run the pure checklist per agent. */
export interface DoctorReport {
  at: string;
  home: string;
  ok: boolean;
  agents: AgentVerdict[];
  notes: string[];
  /** how runs started from here are contained: what `nightshift kill` can reach */
  containment: ContainmentReport;
  /** who schedules this home, in status's and the console's words: the daemon, cron mode, both or nobody */
  scheduler: { text: string; severity: 'ok' | 'warning' | 'error' };
}

export async function runDoctor(
  home: Home,
  options: Partial<GatherOptions> & { agent?: string } = {},
): Promise<DoctorReport> {
  const now = options.now ?? new Date();
  const [gathered, containment] = await Promise.all([
    gatherDoctorFacts(home, { now, env: options.env, crontab: options.crontab, namedHome: options.namedHome }),
    containmentReport(options.env ?? process.env),
  ]);
  const entries =
    options.agent === undefined ? gathered.entries : gathered.entries.filter((e) => e.name === options.agent);
  const agents = entries.map((entry) => {
    const facts = gathered.facts.get(entry.name);
    const verdict = facts
      ? forAgent(entry.name, 'doctor checklist', () => runChecklist(entry, facts, gathered.home))
      : null;
    if (verdict?.ok) return verdict.value;
    return unexamined(
      entry,
      verdict?.fault ?? gathered.faults.get(entry.name) ?? agentFault(entry.name, 'doctor facts', 'none gathered'),
    );
  });
  return {
    at: now.toISOString(),
    home: home.root,
    ok: agents.every((a) => a.ok),
    agents,
    notes: gathered.notes,
    containment,
    scheduler: describeScheduler(gathered.scheduler, now, home.defaults.timezone),
  };
}

/** One agent that could not be examined fails one check, saying why; the others are examined as ever. */
function unexamined(entry: AgentEntry, fault: AgentFault): AgentVerdict {
  return {
    agent: entry.name,
    file: entry.file,
    ok: false,
    checks: [
      {
        id: 'examined',
        ok: false,
        title: 'nightshift could examine it',
        detail: fault.message,
        fix: 'make the file named in the message readable (or remove it), then run doctor again',
      },
    ],
  };
}

/** agent → failing check ids, the shape of the demo manifest's `doctor`. */
export function failingChecks(report: DoctorReport): Record<string, string[]> {
  return Object.fromEntries(report.agents.map((a) => [a.agent, a.checks.filter((c) => !c.ok).map((c) => c.id)]));
}
