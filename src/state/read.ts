import type { HomePaths } from '../home/index.js';
import type { OperatorState } from './schema.js';
import { loadStateDb, openStateReader } from './state-file.js';

/**
 * For readers (the console, the harness's pre-run check): no lock, because
 * state.json is only ever replaced whole by a rename, so a read sees the old
 * file or the new one. A missing file is the default state.
 */
export async function readState(paths: Pick<HomePaths, 'state'>): Promise<OperatorState> {
  return loadStateDb(openStateReader(paths.state), paths.state);
}
