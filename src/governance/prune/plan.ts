import { inputAcceptedAt } from '../../home/index.js';
import { wallTime } from '../../shared/index.js';
import { DAY_MS, type RetentionRule } from '../retention/policy.js';
import { parseOutputName, stampInstant } from '../retention/output-name.js';

/**
 * What prune would do, decided without touching the disk: each output's age
 * (from its run's end, else its name's stamp, else the file's mtime) against
 * its agent's retention rule. The same plan is printed by --dry-run and
 * carried out by a real prune, so the two cannot disagree. A webhook body in
 * inputs/<agent>/ is the input of one run and is kept as long as the outputs
 * are, under the same rule, aged by the time its name says it was accepted.
 */
export type PruneFolder = 'outputs' | 'inputs';

export interface OutputFacts {
  /** file name inside <folder>/<agent>/ */
  name: string;
  /** outputs unless said */
  folder?: PruneFolder;
  /** ended_at of the run that wrote it, when the trail has one */
  endedAtMs: number | null;
  /** only needed for a name without a stamp; null when not looked up */
  mtimeMs: number | null;
}

export interface AgentOutputs {
  agent: string;
  timezone: string;
  /** null when the agent has no valid definition: its outputs are left alone */
  rule: RetentionRule | null;
  /** why there is no rule */
  skipReason?: string;
  files: OutputFacts[];
}

export type AgeBasis = 'run' | 'stamp' | 'mtime';

export interface PlannedAction {
  agent: string;
  folder: PruneFolder;
  /** relative to the home: <folder>/<agent>/<name> */
  file: string;
  name: string;
  action: 'archive' | 'delete';
  /** relative to the home; null for delete */
  archive: string | null;
  ageDays: number;
  basis: AgeBasis;
}

export interface PrunePlan {
  actions: PlannedAction[];
  /** outputs and inputs still within their retention (or kept for ever) */
  kept: number;
  skipped: Array<{ agent: string; reason: string; files: number; folders: PruneFolder[] }>;
}

function ageOf(file: OutputFacts, timezone: string): { at: number; basis: AgeBasis; year: number } {
  if (file.folder === 'inputs') {
    const at = inputAcceptedAt(file.name)?.getTime() ?? Number.POSITIVE_INFINITY;
    return { at, basis: 'stamp', year: Number.isFinite(at) ? wallTime(at, timezone).year : 0 };
  }
  const stamp = parseOutputName(file.name);
  const yearOf = (at: number) => stamp?.year ?? wallTime(at, timezone).year;
  if (file.endedAtMs !== null) return { at: file.endedAtMs, basis: 'run', year: yearOf(file.endedAtMs) };
  if (stamp) {
    const at = stampInstant(stamp, timezone).getTime();
    return { at, basis: 'stamp', year: stamp.year };
  }
  // no record, no stamp, no mtime: as young as can be, so never pruned
  const at = file.mtimeMs ?? Number.POSITIVE_INFINITY;
  return { at, basis: 'mtime', year: Number.isFinite(at) ? yearOf(at) : 0 };
}

export function planPrune(agents: readonly AgentOutputs[], now: Date): PrunePlan {
  const plan: PrunePlan = { actions: [], kept: 0, skipped: [] };
  for (const agent of [...agents].sort((a, b) => a.agent.localeCompare(b.agent))) {
    const rule = agent.rule;
    if (rule === null) {
      if (agent.files.length > 0)
        plan.skipped.push({
          agent: agent.agent,
          reason: agent.skipReason ?? 'no valid definition',
          files: agent.files.length,
          folders: [...new Set(agent.files.map((file) => file.folder ?? 'outputs'))].sort().reverse(),
        });
      continue;
    }
    const files = [...agent.files].sort(
      (a, b) => (a.folder ?? 'outputs').localeCompare(b.folder ?? 'outputs') || a.name.localeCompare(b.name),
    );
    for (const file of files) {
      if (rule.kind === 'forever') {
        plan.kept++;
        continue;
      }
      const age = ageOf(file, agent.timezone);
      const ageMs = now.getTime() - age.at;
      if (ageMs <= rule.keepMs) {
        plan.kept++;
        continue;
      }
      const folder = file.folder ?? 'outputs';
      plan.actions.push({
        agent: agent.agent,
        folder,
        file: `${folder}/${agent.agent}/${file.name}`,
        name: file.name,
        action: rule.then,
        archive: rule.then === 'archive' ? `${folder}/${agent.agent}/archive/${age.year}.tar.gz` : null,
        ageDays: Math.floor(ageMs / DAY_MS),
        basis: age.basis,
      });
    }
  }
  return plan;
}
