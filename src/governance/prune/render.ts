import { archiveFileName } from '../../journal/index.js';
import type { AgeBasis, PlannedAction } from './plan.js';
import type { PruneReport } from './prune.js';

/** `prune` for a person (one line per file moved) and as JSON. */

const BASIS_WORDS: Record<AgeBasis, string> = {
  run: 'by its run end',
  stamp: 'by its name (no run record)',
  mtime: 'by its mtime (no run record, no date in its name)',
};

function actionLine(action: PlannedAction, verb: { archive: string; delete: string }): string {
  const age = `${action.ageDays} days old ${BASIS_WORDS[action.basis]}`;
  return action.action === 'archive'
    ? `${verb.archive} ${action.file} → ${action.archive} (${age})`
    : `${verb.delete} ${action.file} (${age}; its retention says delete)`;
}

export function renderPrune(report: PruneReport): string {
  const out: string[] = [];
  const { plan, applied } = report;
  if (report.dryRun) {
    out.push('dry run: nothing is moved or deleted');
    for (const action of plan.actions)
      out.push(actionLine(action, { archive: 'would archive', delete: 'would delete ' }));
  } else if (applied) {
    for (const action of applied.archived) out.push(actionLine(action, { archive: 'archived', delete: 'deleted' }));
    for (const action of applied.alreadyArchived)
      out.push(`${action.file}: already in ${action.archive} with the same bytes; removed`);
    for (const action of applied.deleted) out.push(actionLine(action, { archive: 'archived', delete: 'deleted' }));
    for (const { action, error } of applied.failed) out.push(`FAILED ${action.file}: ${error} (left in place)`);
  }
  for (const skip of plan.skipped)
    out.push(
      `left alone: ${skip.folders.map((f) => `${f}/${skip.agent}/`).join(' and ')} (${skip.files} files): ${skip.reason}`,
    );
  const counts = applied
    ? `archived ${applied.archived.length + applied.alreadyArchived.length}, deleted ${applied.deleted.length}, failed ${applied.failed.length}`
    : `would archive ${plan.actions.filter((a) => a.action === 'archive').length}, would delete ${plan.actions.filter((a) => a.action === 'delete').length}`;
  out.push(`outputs and webhook inputs: ${counts}, kept ${plan.kept} within retention`);
  if (report.logs) {
    const verb = report.dryRun ? 'would move' : 'moved';
    for (const journal of report.logs.journals) {
      const years = Object.entries(journal.byYear);
      const moved = years.reduce((sum, [, n]) => sum + n, 0);
      const detail = years
        .map(([year, n]) => `${n} → logs/archive/${archiveFileName('runs', year, journal.host)}`)
        .join(', ');
      out.push(
        `audit trail: ${verb} ${moved} run records that ended before ${report.logs.cutoff}` +
          `${detail ? ` (${detail})` : ''}; ${journal.kept} stay in logs/${journal.journal}`,
      );
      if (journal.alreadyArchived > 0)
        out.push(
          `audit trail: ${journal.alreadyArchived} records were already archived (an interrupted rotation) and left ${journal.journal}`,
        );
    }
    for (const name of report.logs.leftToOtherHosts)
      out.push(
        `audit trail: logs/${name} is another host's journal: \`nightshift prune --logs\` on that host rotates it`,
      );
  } else {
    out.push('audit trail: not pruned (add --logs to rotate logs/runs.jsonl)');
  }
  return out.join('\n');
}

export function pruneToJson(report: PruneReport): unknown {
  const strip = (a: PlannedAction) => ({
    file: a.file,
    action: a.action,
    archive: a.archive,
    age_days: a.ageDays,
    age_from: a.basis,
  });
  return {
    dry_run: report.dryRun,
    at: report.at,
    planned: report.plan.actions.map(strip),
    kept: report.plan.kept,
    skipped: report.plan.skipped,
    ...(report.applied
      ? {
          archived: report.applied.archived.map(strip),
          already_archived: report.applied.alreadyArchived.map(strip),
          deleted: report.applied.deleted.map(strip),
          failed: report.applied.failed.map((f) => ({ ...strip(f.action), error: f.error })),
        }
      : {}),
    logs: report.logs && {
      cutoff: report.logs.cutoff,
      moved_by_year: report.logs.byYear,
      already_archived: report.logs.alreadyArchived,
      kept: report.logs.kept,
      archives: report.logs.archives,
      journals: report.logs.journals.map((j) => j.journal),
      left_to_other_hosts: report.logs.leftToOtherHosts,
    },
  };
}
