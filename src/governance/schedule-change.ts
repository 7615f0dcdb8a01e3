import { readFile } from 'node:fs/promises';
import { formatProblem, parseAgentText } from '../agents/index.js';
import { checkCron } from '../cron/index.js';
import { errorMessage, UsageError } from '../shared/index.js';
import { refreshCronBlockIfInstalled } from '../crontab/index.js';
import type { Home } from '../home/index.js';
import { type ChangeRecord, changeRecordSchema, appendChangeRecord } from '../journal/index.js';
import type { CommentChange } from './schedule-change-comment.js';
import { updateRunbookTrigger } from './schedule-change-runbook.js';
import { writeFileAtomically } from '../files/index.js';

/**
 * Change control for schedules (seed: "Here's the PR: we're changing the cron
 * from 23:00 to 03:00. Reason: …"): the new expression is checked, a reason is
 * required, the agent file changes in its cron value only, and the change is
 * recorded with who and why in logs/changes.jsonl.
 */
export interface ScheduleChangeRequest {
  agent: string;
  cron: string;
  reason: string | undefined;
  by: string;
  source?: ChangeRecord['source'];
  now?: Date;
}

export type ScheduleChangeResult =
  | { changed: false; agent: string; cron: string; message: string }
  | {
      changed: true;
      agent: string;
      record: ChangeRecord;
      file: string;
      /** in words, as the fleet shows it, once the file is re-read */
      trigger: string | null;
      /** problems the file still has (other than its cron), if any */
      problems: string[];
      runbookUpdated: boolean;
      /** the comment that said the old schedule in words, now the new one's */
      comment: CommentChange | null;
      /** cron mode: the crontab block now runs the new schedule (or why it could not follow) */
      crontab: 'updated' | 'not-installed' | { error: string };
    };

/** The schema's own wording, so `schedule` and `validate` say the same thing about the same expression. */
export function checkNewCron(cron: string): string {
  const trimmed = cron.trim();
  const check = checkCron(trimmed);
  if (!check.ok)
    throw new UsageError(`${JSON.stringify(cron)} is not a valid cron expression: ${check.problem}`, {
      field: 'cron',
      actual: cron,
      expected: 'five fields (minute hour day-of-month month day-of-week) or a macro like @daily',
    });
  return trimmed;
}

export function requireReason(reason: string | undefined): string {
  const text = reason?.trim();
  if (!text) {
    throw new UsageError(
      '--reason is required: a schedule change is a change, and no reason means no change (nothing was ' +
        'written). Say why and what it affects, e.g. --reason "23:00 overlaps the nightly backup; outputs arrive ' +
        '4h later, still before the morning review"',
      {
        field: '--reason',
        expected: 'a non-empty reason',
        actual: reason === undefined ? 'none' : 'empty',
      },
    );
  }
  return text;
}

export async function changeSchedule(home: Home, request: ScheduleChangeRequest): Promise<ScheduleChangeResult> {
  const reason = requireReason(request.reason);
  const cron = checkNewCron(request.cron);
  const path = home.paths.agentFile(request.agent);
  const file = `agents/${request.agent}.md`;
  const text = await readFile(path, 'utf8');
  // the edit reads the file with yaml's source ranges: loaded for a schedule change only, not with the governance room
  const { editCron } = await import('./schedule-change-edit.js');
  const edit = editCron(text, file, cron);
  if (edit.unchanged)
    return { changed: false, agent: request.agent, cron, message: `${request.agent} already runs on "${cron}"` };

  await writeFileAtomically(path, edit.text, { expectCurrent: text });
  const record = changeRecordSchema.parse({
    v: 1,
    at: (request.now ?? new Date()).toISOString(),
    by: request.by,
    action: 'schedule',
    agent: request.agent,
    reason,
    before: { cron: edit.before },
    after: { cron: edit.after },
    source: request.source ?? 'cli',
  });
  try {
    await appendChangeRecord(home.paths.changesJournal, record);
  } catch (error) {
    // an unrecorded change is worse than none: put the file back
    await writeFileAtomically(path, text, { expectCurrent: edit.text }).catch(() => undefined);
    throw error;
  }

  const entry = await parseAgentText(edit.text, { name: request.agent, file, absolutePath: path }, home.defaults);
  const trigger = entry.ok ? entry.agent.triggerText : null;
  // best effort: the change is made and recorded; a runbook that cannot follow is reported, not fatal
  const runbookUpdated =
    trigger !== null && (await followInRunbook(home.paths.runbookFile(request.agent), trigger).catch(() => false));
  return {
    changed: true,
    agent: request.agent,
    record,
    file,
    trigger,
    problems: entry.ok ? [] : entry.problems.map(formatProblem),
    runbookUpdated,
    comment: edit.comment ?? null,
    crontab: await followInCrontab(home),
  };
}

/**
 * In cron mode the system's cron fires the runs from the block nightshift
 * wrote: it must run the new schedule from now on. The change stands if the
 * block cannot follow (it is made and recorded); the caller says so.
 */
async function followInCrontab(home: Home): Promise<'updated' | 'not-installed' | { error: string }> {
  try {
    return (await refreshCronBlockIfInstalled(home)).installed ? 'updated' : 'not-installed';
  } catch (error) {
    return { error: errorMessage(error) };
  }
}

async function followInRunbook(path: string, trigger: string): Promise<boolean> {
  const runbook = await readFile(path, 'utf8').catch(() => null);
  if (runbook === null) return false;
  const next = updateRunbookTrigger(runbook, trigger);
  if (next === null) return false;
  await writeFileAtomically(path, next, { expectCurrent: runbook });
  return true;
}
