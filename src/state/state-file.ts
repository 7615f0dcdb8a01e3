import { chmod, open, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Low, LowSync } from 'lowdb';
import { DataFile, DataFileSync } from 'lowdb/node';
import { CorruptFileError } from '../shared/index.js';
import { asDiskWriteError } from '../files/index.js';
import { CORRUPT_STATE_FIX, formatState, parseStateText } from './format.js';
import { defaultState } from './schema.js';
import type { OperatorState } from './schema.js';

const PRIVATE = 0o600;

/**
 * state.json through lowdb. The adapter is lowdb's DataFile (what JSONFile is
 * built on) with our parse, so a bad file fails with a CorruptFileError that
 * names it, and our stringify, so the file stays pretty-printed.
 */
export function openStateDb(file: string): Low<OperatorState> {
  return new Low(new DataFile<OperatorState>(file, stateFormat(file)), defaultState());
}

function stateFormat(file: string): {
  parse: (text: string) => OperatorState;
  stringify: (state: OperatorState) => string;
} {
  return { parse: (text) => parseStateText(text, file), stringify: formatState };
}

/**
 * state.json for a reader, through lowdb's synchronous adapter: a read is a
 * small file, and every run reads it before it starts.
 */
export function openStateReader(file: string): LowSync<OperatorState> {
  return new LowSync(new DataFileSync<OperatorState>(file, stateFormat(file)), defaultState());
}

/** Reads into `db`; a missing file leaves the default state. Unreadable or corrupt: CorruptFileError. */
export async function loadStateDb(
  db: Low<OperatorState> | LowSync<OperatorState>,
  file: string,
): Promise<OperatorState> {
  try {
    await db.read();
  } catch (error) {
    if (error instanceof CorruptFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new CorruptFileError(
      file,
      `cannot be read (${code}): ${error instanceof Error ? error.message : String(error)}`,
      {
        expected: 'a readable JSON file',
        actual: code,
        fix: CORRUPT_STATE_FIX,
        cause: error,
      },
    );
  }
  return db.data;
}

/**
 * Replaces state.json atomically with mode 0600. steno (lowdb's writer) writes
 * `.state.json.tmp` and renames it over state.json, creating the temp file with
 * the default mode (0644 under the usual umask). Creating the temp file
 * ourselves at 0600 first makes steno's write reuse it (truncation keeps the
 * mode), so state.json is never readable by others, not even for a moment.
 * The chmod afterwards is the safety net should steno ever name its temp file
 * differently. Call only while holding the state lock: the temp file is shared.
 */
export async function writeStateDb(db: Low<OperatorState>, file: string, state: OperatorState): Promise<void> {
  try {
    await preparePrivateFile(join(dirname(file), `.${basename(file)}.tmp`));
    db.data = state;
    await db.write();
  } catch (error) {
    // steno writes the temp file, then renames it: a failed write leaves state.json as it was
    throw asDiskWriteError(file, error, 'state.json is unchanged and nothing was recorded');
  }
  if (((await stat(file)).mode & 0o777) !== PRIVATE) await chmod(file, PRIVATE);
}

async function preparePrivateFile(path: string): Promise<void> {
  const handle = await open(path, 'w', PRIVATE);
  try {
    await handle.chmod(PRIVATE); // a leftover temp file from a crash may have another mode
  } finally {
    await handle.close();
  }
}
