import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentDefinition } from '../agents/index.js';
import type { HomePaths } from '../home/index.js';
import {
  type ChangeRecord,
  changeRecordSchema,
  listJournals,
  mergeByTime,
  appendChangeRecord,
} from '../journal/index.js';
import { writeFileAtomically } from '../files/index.js';
import { byCodeUnits } from '../shared/index.js';

/**
 * Change control for definitions (DESIGN §6): when an agent's trigger, limits
 * or budget change, the daemon records what changed, before and after, in
 * logs/changes.jsonl, as made by nightshift. The last seen parts are kept in
 * run/definitions.json so changes made while the daemon was down are
 * recorded when it starts; the very first start records nothing (there is
 * nothing to compare with).
 *
 * The console records an edit it made (`e`) itself, by the operator and with
 * their reason. One change is recorded once, whoever sees it first:
 * - both sides skip a change whose new values are already the latest recorded
 *   for that agent in the tail of logs/changes.jsonl (alreadyRecorded);
 * - the console claims its edit in run/definitions.json as soon as the editor
 *   returns, before it asks why; the daemon skips a change that the snapshot
 *   already shows (claimedIn), so the record with a reason is the one kept.
 */
export interface DefinitionParts {
  trigger: unknown;
  limits: unknown;
  budget: unknown;
}

export type PartsByAgent = Record<string, DefinitionParts>;

const PARTS = ['trigger', 'limits', 'budget'] as const;

export function partsOf(agent: AgentDefinition): DefinitionParts {
  return { trigger: agent.trigger ?? null, limits: agent.limits, budget: agent.budget ?? null };
}

export interface DefinitionChange {
  agent: string;
  before: Partial<DefinitionParts> | null;
  after: Partial<DefinitionParts> | null;
}

/** Pure: per agent, only the parts that differ; an agent that appears or goes is all before or all after. */
export function diffDefinitions(before: PartsByAgent, after: PartsByAgent): DefinitionChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: DefinitionChange[] = [];
  for (const agent of names) {
    const was = before[agent];
    const now = after[agent];
    if (!was || !now) {
      changes.push({ agent, before: was ?? null, after: now ?? null });
      continue;
    }
    const changed = PARTS.filter((part) => JSON.stringify(was[part]) !== JSON.stringify(now[part]));
    if (changed.length === 0) continue;
    changes.push({
      agent,
      before: Object.fromEntries(changed.map((part) => [part, was[part]])),
      after: Object.fromEntries(changed.map((part) => [part, now[part]])),
    });
  }
  return changes;
}

/** Who made a definition change: the daemon (the default) or a person at the console. */
export interface DefinitionAuthor {
  by: string;
  source: ChangeRecord['source'];
}

const DAEMON: DefinitionAuthor = { by: 'nightshift', source: 'daemon' };

/** What happened to the agent file, in the daemon's own words: it appeared, went, or changed these parts. */
function whatChanged(change: DefinitionChange): string {
  if (change.before === null) return 'appeared';
  if (change.after === null) return 'is gone or invalid';
  return `changed its ${Object.keys(change.after).join(', ')}`;
}

/** `why` undefined: the daemon's own description of the change; null: a person gave no reason. */
export function changeRecord(
  change: DefinitionChange,
  at: Date,
  why?: string | null,
  author: DefinitionAuthor = DAEMON,
): ChangeRecord {
  const what = whatChanged(change);
  return {
    v: 1,
    at: at.toISOString(),
    by: author.by,
    action: 'definition',
    agent: change.agent,
    reason: why === undefined ? `agents/${change.agent}.md ${what}` : why,
    before: change.before,
    after: change.after,
    source: author.source,
  };
}

/** JSON with object keys sorted: the same values compare equal whatever order they were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isObject(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => byCodeUnits(a, b))) : inner,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Pure: whether `records` (changes.jsonl, oldest first) already hold this
 * change. For each part it changes, the newest 'definition' record of the
 * agent that names that part must hold the same value; a record saying the
 * agent was gone ends the search (nothing before it counts). A change to
 * "gone" is held when the newest record already says gone. With one record
 * per change this is "its `after` equals the last record's `after`"; per
 * part, it also holds when the daemon saw an edit in two saves and the
 * console saw it as one. `since`: only records made from then on count (the
 * console passes the moment it opened the editor: a record of this edit
 * cannot be older, and an older one with the same values is another change).
 */
export function alreadyRecorded(change: DefinitionChange, records: readonly ChangeRecord[], since?: Date): boolean {
  const from = since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const mine = records.filter(
    (record) => record.action === 'definition' && record.agent === change.agent && Date.parse(record.at) >= from,
  );
  if (change.after === null) return mine.length > 0 && mine[mine.length - 1]?.after === null;
  const wanted = Object.entries(change.after);
  if (wanted.length === 0) return false;
  const latest = new Map<string, unknown>();
  for (let i = mine.length - 1; i >= 0 && latest.size < wanted.length; i--) {
    const after = mine[i]?.after;
    if (!isObject(after)) break;
    for (const [part, value] of Object.entries(after)) if (!latest.has(part)) latest.set(part, value);
  }
  return wanted.every(([part, value]) => latest.has(part) && canonical(latest.get(part)) === canonical(value));
}

/**
 * Pure: whether the snapshot already shows this change made, every changed
 * part at its new value. The daemon writes the snapshot only after recording,
 * so for its own changes it never does; when it does, the console has claimed
 * the change and records it itself.
 */
export function claimedIn(seen: PartsByAgent | null, change: DefinitionChange): boolean {
  const parts = seen?.[change.agent];
  if (!isObject(parts) || change.after === null) return false;
  const wanted = Object.entries(change.after);
  return (
    wanted.length > 0 &&
    wanted.every(([part, value]) => Object.hasOwn(parts, part) && canonical(parts[part]) === canonical(value))
  );
}

/** How much of changes.jsonl is read to find the last definition records: thousands of changes. */
export const CHANGES_TAIL_BYTES = 1024 * 1024;

/**
 * The records in the last bytes of each changes journal (the home's and each
 * host's: listJournals), merged oldest first (mergeByTime); lines that do not
 * parse (the cut first one) are skipped.
 */
export async function recentChanges(paths: HomePaths, tailBytes = CHANGES_TAIL_BYTES): Promise<ChangeRecord[]> {
  const files = await listJournals(paths.logs, 'changes');
  const parts = await Promise.all(files.map((file) => recentChangesIn(file.path, tailBytes)));
  return mergeByTime(parts, (record) => record.at);
}

async function recentChangesIn(file: string, tailBytes: number): Promise<ChangeRecord[]> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let text: string;
  let cut: boolean;
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, tailBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    text = buffer.toString('utf8');
    cut = length < size;
  } finally {
    await handle.close();
  }
  const lines = text.split('\n');
  if (cut) lines.shift();
  const records: ChangeRecord[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    try {
      const parsed = changeRecordSchema.safeParse(JSON.parse(line));
      if (parsed.success) records.push(parsed.data);
    } catch {
      // a torn or foreign line: readers skip it
    }
  }
  return records;
}

function snapshotFile(paths: HomePaths): string {
  return join(paths.run, 'definitions.json');
}

export async function readSeenDefinitions(paths: HomePaths): Promise<PartsByAgent | null> {
  try {
    const parsed = JSON.parse(await readFile(snapshotFile(paths), 'utf8')) as unknown;
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as PartsByAgent) : null;
  } catch {
    return null;
  }
}

export async function writeSeenDefinitions(paths: HomePaths, parts: PartsByAgent): Promise<void> {
  await writeFileAtomically(snapshotFile(paths), `${JSON.stringify(parts)}\n`, { mode: 0o600 });
}

/**
 * The daemon's side: records each change it saw, except one already recorded
 * (by the console, or before a restart) or claimed by the console in
 * run/definitions.json. Returns what was recorded.
 */
export async function recordDefinitionChanges(
  paths: HomePaths,
  changes: readonly DefinitionChange[],
  at: Date,
): Promise<ChangeRecord[]> {
  if (changes.length === 0) return [];
  // unreadable, the journal cannot say what is recorded: recording twice beats not at all
  const [recent, seen] = await Promise.all([recentChanges(paths).catch(() => []), readSeenDefinitions(paths)]);
  const records = changes
    .filter((change) => !alreadyRecorded(change, recent) && !claimedIn(seen, change))
    .map((change) => changeRecord(change, at));
  for (const record of records) await appendChangeRecord(paths.changesJournal, record);
  return records;
}

/**
 * Puts the agent's new parts into run/definitions.json, as if the daemon had
 * seen them: a running daemon then leaves the change to whoever claimed it,
 * and one started later finds nothing new. A snapshot that does not exist is
 * left so: the daemon has never run, and its first start records nothing.
 */
export async function markDefinitionSeen(paths: HomePaths, agent: string, parts: DefinitionParts): Promise<boolean> {
  const seen = await readSeenDefinitions(paths);
  if (!seen) return false;
  await writeSeenDefinitions(paths, { ...seen, [agent]: parts });
  return true;
}

export type EditOutcome =
  | { kind: 'unchanged' }
  /** the file is not valid now: nothing to record here (a running daemon records it as gone or invalid) */
  | { kind: 'invalid' }
  /** the same change is already in logs/changes.jsonl (the daemon saw the save first) */
  | { kind: 'recorded'; record: ChangeRecord }
  /** a change to record: it is claimed in run/definitions.json until recordEditedDefinition records it */
  | { kind: 'changed'; change: DefinitionChange };

/**
 * The console's side, when $EDITOR returns: what the edit changed (`before`
 * and `after` are the agent's parts, null when its file was not valid;
 * `since`, when the editor was opened), and, if it is news, the claim that
 * keeps a running daemon from recording it without the operator's reason.
 */
export async function noticeEditedDefinition(
  paths: HomePaths,
  agent: string,
  before: DefinitionParts | null,
  after: DefinitionParts | null,
  since?: Date,
): Promise<EditOutcome> {
  if (after === null) return { kind: 'invalid' };
  const change = diffDefinitions(before ? { [agent]: before } : {}, { [agent]: after })[0];
  if (!change) return { kind: 'unchanged' };
  const recent = await recentChanges(paths);
  if (alreadyRecorded(change, recent, since)) {
    const record = [...recent].reverse().find((r) => r.action === 'definition' && r.agent === agent) as ChangeRecord;
    return { kind: 'recorded', record };
  }
  // no claim (run/definitions.json unwritable) only means a running daemon may record it too
  await markDefinitionSeen(paths, agent, after).catch(() => false);
  return { kind: 'changed', change };
}

/**
 * Records an edit made by a person (the console's `e`), with their reason,
 * unless the same change is already recorded (the daemon saw the save before
 * the claim). run/definitions.json already shows it: noticeEditedDefinition
 * marked it seen. Returns the record, or null when it was already there.
 */
export async function recordEditedDefinition(
  paths: HomePaths,
  change: DefinitionChange,
  options: { reason: string | null; author: DefinitionAuthor; at: Date; since?: Date },
): Promise<ChangeRecord | null> {
  if (alreadyRecorded(change, await recentChanges(paths), options.since)) return null;
  const record = changeRecord(change, options.at, options.reason, options.author);
  await appendChangeRecord(paths.changesJournal, record);
  return record;
}
