import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentDefinition } from '../../agents/index.js';
import type { HomePaths } from '../../home/index.js';
import { appendRecord, type ChangeRecord } from '../../journal/index.js';

/**
 * Change control for definitions (DESIGN §6): when an agent's trigger, limits
 * or budget change, the daemon records what changed, before and after, in
 * logs/changes.jsonl, as made by nightshift. The last seen parts are kept in
 * run/definitions.json so changes made while the daemon was down are
 * recorded when it starts; the very first start records nothing (there is
 * nothing to compare with).
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

export function changeRecord(change: DefinitionChange, at: Date, why?: string): ChangeRecord {
  const what = change.before === null ? 'appeared' : change.after === null ? 'is gone or invalid' : `changed its ${Object.keys(change.after).join(', ')}`;
  return {
    v: 1,
    at: at.toISOString(),
    by: 'nightshift',
    action: 'definition',
    agent: change.agent,
    reason: why ?? `agents/${change.agent}.md ${what}`,
    before: change.before,
    after: change.after,
    source: 'daemon',
  };
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
  const file = snapshotFile(paths);
  const temp = `${file}.${randomUUID().slice(0, 8)}.new`;
  await writeFile(temp, `${JSON.stringify(parts)}\n`, { mode: 0o600 });
  await rename(temp, file);
}

/** Records each change; returns what was recorded. */
export async function recordDefinitionChanges(paths: HomePaths, changes: readonly DefinitionChange[], at: Date): Promise<ChangeRecord[]> {
  const records = changes.map((change) => changeRecord(change, at));
  for (const record of records) await appendRecord(paths.changesJournal, record);
  return records;
}
