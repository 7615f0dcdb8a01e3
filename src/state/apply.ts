import { errorMessage } from '../shared/index.js';
import type { HomePaths } from '../home/index.js';
import { type ChangeRecord, appendChangeRecord } from '../journal/index.js';
import { normalizeChange } from './change.js';
import type { ChangeRequest, ChangeSource, StateChange } from './change.js';
import { isPauseExpired } from './effective.js';
import { ChangeNotRecordedError } from './errors.js';
import { withStateLock } from './lock.js';
import { changeRecordFor } from './record.js';
import { currentUser } from '../shared/index.js';
import type { OperatorState } from './schema.js';
import { loadStateDb, openStateDb, writeStateDb } from './state-file.js';
import { readState } from './read.js';
import { nextState } from './transition.js';
import type { NoopCode } from './transition.js';

export type ChangeResult =
  | { applied: true; change: StateChange; record: ChangeRecord; state: OperatorState }
  /** nothing to do; state.json and changes.jsonl were not touched */
  | { applied: false; change: StateChange; noop: NoopCode; message: string; state: OperatorState };

/**
 * The one way state.json changes (DESIGN §6). Under the state lock: read,
 * compute with the pure `nextState`, write state.json, append the change
 * record, in that order, so state and journal always agree. A corrupt
 * state.json fails the read and is left exactly as it is.
 */
export async function applyChange(
  paths: HomePaths,
  request: ChangeRequest,
  now: Date = new Date(),
  /** the zone a no-op's message shows its times in (the home's); ISO without it */
  timeZone?: string,
): Promise<ChangeResult> {
  const change = normalizeChange(request, now, currentUser());
  return withStateLock(paths, async (assertHeld) => {
    const db = openStateDb(paths.state);
    const current = await loadStateDb(db, paths.state);
    const transition = nextState(current, change, now, timeZone);
    if (!transition.applied)
      return { applied: false, change, noop: transition.noop, message: transition.message, state: current };
    const record = changeRecordFor(change, transition, now);
    assertHeld();
    await writeStateDb(db, paths.state, transition.state);
    try {
      await appendChangeRecord(paths.changesJournal, record);
    } catch (error) {
      throw await undoUnrecorded(paths, db, current, error);
    }
    return { applied: true, change, record, state: transition.state };
  });
}

/** A change that cannot be recorded must not stay in effect: put state.json back, still under the lock. */
export async function undoUnrecorded(
  paths: HomePaths,
  db: ReturnType<typeof openStateDb>,
  previous: OperatorState,
  error: unknown,
): Promise<Error> {
  try {
    await writeStateDb(db, paths.state, previous);
  } catch (undoError) {
    return new ChangeNotRecordedError(
      `could not record the change in ${paths.changesJournal} (${errorMessage(error)}) nor undo it ` +
        `in ${paths.state} (${errorMessage(undoError)}); state and journal disagree`,
      {
        file: paths.changesJournal,
        fix: `check that ${paths.logs} is writable, then compare state.json with the last lines of changes.jsonl`,
        cause: error,
      },
    );
  }
  return new ChangeNotRecordedError(
    `could not record the change in ${paths.changesJournal}: ${errorMessage(error)}; state.json was left as it was`,
    {
      file: paths.changesJournal,
      fix: `check that ${paths.logs} is writable and try again`,
      cause: error,
    },
  );
}

/**
 * Resumes, one recorded change each, every agent whose pause_until has passed.
 * The read here is only a shortlist: each resume re-checks under the lock, so
 * an agent resumed or re-paused meanwhile comes back as a no-op, not a double resume.
 */
export async function resumeExpiredPauses(
  paths: HomePaths,
  now: Date = new Date(),
  options: { source?: ChangeSource } = {},
): Promise<ChangeResult[]> {
  const state = await readState(paths);
  const expired = Object.entries(state.agents).filter(([, entry]) => isPauseExpired(entry, now));
  const results: ChangeResult[] = [];
  for (const [agent] of expired) {
    results.push(await applyChange(paths, { action: 'auto-resume', agent, source: options.source ?? 'daemon' }, now));
  }
  return results;
}
