import { changeRecordSchema } from '../journal/index.js';
import type { ChangeRecord } from '../journal/index.js';
import type { StateChange } from './change.js';
import type { Transition } from './transition.js';

type Applied = Extract<Transition, { applied: true }>;

/** Pure: the line of changes.jsonl for an applied change; parsed by the journal's schema so a bad record fails here, not in a reader. */
export function changeRecordFor(change: StateChange, transition: Applied, now: Date): ChangeRecord {
  return changeRecordSchema.parse({
    v: 1,
    at: now.toISOString(),
    by: change.by,
    action: change.action,
    agent: change.agent,
    reason: transition.reason,
    before: transition.before,
    after: transition.after,
    source: change.source,
  });
}
