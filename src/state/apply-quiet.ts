import type { HomePaths } from '../home/index.js';
import { appendChangeRecord } from '../journal/index.js';
import { undoUnrecorded } from './apply.js';
import { withStateLock } from './lock.js';
import { nextQuiet, type QuietRequest, type QuietTransition } from './quiet.js';
import { loadStateDb, openStateDb, writeStateDb } from './state-file.js';

/**
 * An ack, unack, silence or unsilence, made the way every state change is
 * (apply.ts): under the state lock, state.json written, then the change
 * recorded in changes.jsonl; a record that cannot be written undoes the change.
 */
export async function applyQuietChange(
  paths: HomePaths,
  request: QuietRequest,
  now: Date = new Date(),
): Promise<QuietTransition> {
  return withStateLock(paths, async (assertHeld) => {
    const db = openStateDb(paths.state);
    const current = await loadStateDb(db, paths.state);
    const transition = nextQuiet(current, request, now);
    if (!transition.applied) return transition;
    assertHeld();
    await writeStateDb(db, paths.state, transition.state);
    try {
      await appendChangeRecord(paths.changesJournal, transition.record);
    } catch (error) {
      throw await undoUnrecorded(paths, db, current, error);
    }
    return transition;
  });
}
