import { type ChangeRecord, changeRecordSchema } from '../journal/index.js';
import type { StateStep } from './state-replay.js';
import { replayStateChanges, type Replay } from './state-replay.js';
import type { BudgetEvent, SimRun } from './history.js';
import type { Story } from './story.js';

/**
 * logs/changes.jsonl and the state it leads to. State changes (pause,
 * resume, disable, stop-all, start-all, and the budget's own pause and
 * resume) are replayed through nightshift's transition function; schedule,
 * definition and kill changes are recorded beside them. state.json is the
 * replay's final state, so the two files agree by construction.
 */
export function operatorSteps(story: Story): StateStep[] {
  return story.operatorChanges.map((change) => ({
    at: change.at,
    request: { action: change.action, agent: change.agent, reason: change.reason, until: change.until ?? null, by: change.by, source: change.source },
  }));
}

function budgetSteps(events: BudgetEvent[]): StateStep[] {
  return events
    .filter((event) => event.kind === 'reached')
    .flatMap((event) => [
      { at: new Date(event.at.getTime() + 1_500), request: { action: 'budget-pause' as const, agent: event.agent, until: event.resetAt, source: 'watchdog' as const } },
      { at: new Date(event.resetAt.getTime() + 2_000), request: { action: 'auto-resume' as const, agent: event.agent, source: 'daemon' as const } },
    ]);
}

export function changeLog(input: { story: Story; budgetEvents: BudgetEvent[]; runs: SimRun[]; now: Date }): { records: ChangeRecord[]; replay: Replay } {
  const { story } = input;
  const steps = [...operatorSteps(story), ...budgetSteps(input.budgetEvents)].filter((step) => step.at < input.now);
  const replay = replayStateChanges(steps);
  const killed = input.runs.find((run) => run.record.agent === story.kill.agent && run.record.reason?.startsWith('killed by'));
  if (!killed) throw new Error('demo story: the killed run is missing from the history');
  const others: ChangeRecord[] = [
    {
      v: 1,
      at: story.schedule.at.toISOString(),
      by: story.schedule.by,
      action: 'schedule',
      agent: story.schedule.agent,
      reason: story.schedule.reason,
      before: { cron: story.schedule.before },
      after: { cron: story.schedule.after },
      source: 'cli',
    },
    {
      v: 1,
      at: story.definition.at.toISOString(),
      by: story.definition.by,
      action: 'definition',
      agent: story.definition.agent,
      reason: story.definition.reason,
      before: story.definition.before,
      after: story.definition.after,
      source: 'cli',
    },
    {
      v: 1,
      at: story.kill.at.toISOString(),
      by: story.kill.by,
      action: 'kill',
      agent: story.kill.agent,
      reason: story.kill.reason,
      before: { run_id: killed.record.run_id, started_at: killed.record.started_at, trigger: killed.record.trigger },
      after: null,
      source: 'console',
    },
  ];
  const records = [...replay.records, ...others]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((record) => changeRecordSchema.parse(record));
  return { records, replay };
}
