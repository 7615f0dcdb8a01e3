import { loadAgentFile } from '../agents/index.js';
import type { Home } from '../home/index.js';
import { type ChangeRecord, appendChangeRecord } from '../journal/index.js';
import type { ChangeSource } from '../state/index.js';
import { currentUser } from '../shared/index.js';

/**
 * A run a person asks for (`r` in the console, `nightshift run <agent>
 * --reason …`) is a change like a pause (DESIGN §6): it is recorded in
 * logs/changes.jsonl, action 'run', with who and why, before the run starts.
 * The console starts `nightshift run --reason`, so this one function records
 * runs from both. Runs a clock, an event, a condition or an eval starts are
 * not changes: their line in runs.jsonl says everything.
 */
export interface RunRequest {
  /** empty or blank: asked without a reason (recorded as null) */
  reason: string | null;
  source: ChangeSource;
  /** default: $USER */
  by?: string;
  at?: Date;
}

/**
 * Appends the 'run' change and returns it; null, with nothing recorded, when
 * the agent cannot run at all (no file, or not valid): the harness refuses
 * it with the reason before anything starts.
 */
export async function recordRunRequest(home: Home, agent: string, request: RunRequest): Promise<ChangeRecord | null> {
  let runnable = false;
  try {
    runnable = (await loadAgentFile(home.paths.agentFile(agent), home.defaults)).ok;
  } catch {
    runnable = false; // not an agent name
  }
  if (!runnable) return null;
  const record: ChangeRecord = {
    v: 1,
    at: (request.at ?? new Date()).toISOString(),
    by: request.by ?? currentUser(),
    action: 'run',
    agent,
    reason: request.reason?.trim() || null,
    source: request.source,
  };
  await appendChangeRecord(home.paths.changesJournal, record);
  return record;
}
