import type { Home } from '../../home/index.js';
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
}

export async function runDoctor(home: Home, options: Partial<GatherOptions> & { agent?: string } = {}): Promise<DoctorReport> {
  const now = options.now ?? new Date();
  const [gathered, containment] = await Promise.all([
    gatherDoctorFacts(home, { now, env: options.env, crontab: options.crontab, namedHome: options.namedHome }),
    containmentReport(options.env ?? process.env),
  ]);
  const entries = options.agent === undefined ? gathered.entries : gathered.entries.filter((e) => e.name === options.agent);
  const agents = entries.map((entry) => runChecklist(entry, gathered.facts.get(entry.name)!, gathered.home));
  return { at: now.toISOString(), home: home.root, ok: agents.every((a) => a.ok), agents, notes: gathered.notes, containment };
}

/** agent → failing check ids, the shape of the demo manifest's `doctor`. */
export function failingChecks(report: DoctorReport): Record<string, string[]> {
  return Object.fromEntries(report.agents.map((a) => [a.agent, a.checks.filter((c) => !c.ok).map((c) => c.id)]));
}
