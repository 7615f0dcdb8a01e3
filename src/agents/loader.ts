import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type AgentDefaults, type AgentDefinition, BUILTIN_DEFAULTS } from './definition.js';
import { entryKey, readCache, remember, remembered, writeCache } from './cache.js';
import type { Cached } from '../shared/index.js';
import type { Problem } from './problems.js';

/**
 * Loads every agents/*.md. A broken file never hides the others: it comes back
 * as an invalid entry carrying all of its problems, in file order.
 */
export type AgentEntry =
  | { name: string; file: string; ok: true; agent: AgentDefinition }
  | { name: string; file: string; ok: false; problems: Problem[] };

/**
 * `cacheFile` (the home's run/agents.cache.json) lets unchanged files skip
 * parsing, in this process and the next: see cache.ts.
 */
export async function loadAgents(
  agentsDir: string,
  defaults: AgentDefaults = BUILTIN_DEFAULTS,
  cacheFile?: string,
): Promise<AgentEntry[]> {
  let names: string[];
  try {
    names = (await readdir(agentsDir)).filter((file) => file.endsWith('.md')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const [texts, disk] = await Promise.all([
    Promise.all(names.map((file) => readText(join(agentsDir, file)))),
    cacheFile ? readCache<AgentEntry>(cacheFile) : new Map<string, CachedEntry>(),
  ]);
  const kept = new Map<string, CachedEntry>();
  let changed = disk.size !== names.length;
  const entries: AgentEntry[] = [];
  for (const [i, fileName] of names.entries()) {
    const where = whereOf(join(agentsDir, fileName));
    const text = texts[i] as string | Error;
    if (text instanceof Error) {
      entries.push(unreadable(where, text));
      continue;
    }
    const { key, entry, fromDisk } = await cachedParse(text, where, defaults, disk);
    kept.set(where.file, { key, value: entry });
    if (!fromDisk) changed = true;
    entries.push(entry);
  }
  if (cacheFile && changed) await writeCache(cacheFile, kept);
  return entries;
}

export async function loadAgentFile(
  absolutePath: string,
  defaults: AgentDefaults = BUILTIN_DEFAULTS,
  cacheFile?: string,
): Promise<AgentEntry> {
  const where = whereOf(absolutePath);
  const text = await readText(absolutePath);
  if (text instanceof Error) return unreadable(where, text);
  const key = entryKey(text, absolutePath, defaults);
  const known = remembered(key);
  if (known) return known;
  const disk = cacheFile ? await readCache<AgentEntry>(cacheFile) : new Map<string, CachedEntry>();
  const { entry, fromDisk } = await cachedParse(text, where, defaults, disk);
  if (cacheFile && !fromDisk) await writeCache(cacheFile, disk.set(where.file, { key, value: entry }));
  return entry;
}

/**
 * The definition in a file that is whole except that it asks for more than it
 * declares (tools or a permission mode beyond `writes`/`network`, see
 * access.ts); null when it has any other problem or cannot be read. The
 * harness records its refusal against this definition. Never cached: a
 * cached parse always has the access rule applied.
 */
export async function loadDefinitionBeyondAccess(
  absolutePath: string,
  defaults: AgentDefaults = BUILTIN_DEFAULTS,
): Promise<AgentDefinition | null> {
  const text = await readText(absolutePath);
  if (text instanceof Error) return null;
  const entry = await parseAgentText(text, whereOf(absolutePath), defaults, { accessRule: false });
  return entry.ok ? entry.agent : null;
}

type Where = { name: string; file: string; absolutePath: string };
type CachedEntry = Cached<AgentEntry>;

function whereOf(absolutePath: string): Where {
  return { name: basename(absolutePath, '.md'), file: `agents/${basename(absolutePath)}`, absolutePath };
}

async function readText(absolutePath: string): Promise<string | Error> {
  try {
    return await readFile(absolutePath, 'utf8');
  } catch (error) {
    return error as Error;
  }
}

function unreadable(where: Where, error: Error): AgentEntry {
  const { name, file } = where;
  return { name, file, ok: false, problems: [{ file, field: '', message: `cannot be read: ${error.message}` }] };
}

async function cachedParse(
  text: string,
  where: Where,
  defaults: AgentDefaults,
  disk: Map<string, CachedEntry>,
): Promise<{ key: string; entry: AgentEntry; fromDisk: boolean }> {
  const key = entryKey(text, where.absolutePath, defaults);
  const stored = disk.get(where.file);
  const entry = remembered(key) ?? (stored?.key === key ? stored.value : undefined);
  if (entry) {
    remember(key, entry);
    return { key, entry, fromDisk: stored?.key === key };
  }
  const parsed = await parseAgentText(text, where, defaults);
  remember(key, parsed);
  return { key, entry: parsed, fromDisk: false };
}

/**
 * Parses one agent file's text, with no cache. The parser is loaded on the
 * first call (see parse.ts); `where` names the file in every problem.
 */
export async function parseAgentText(
  text: string,
  where: Where,
  defaults: AgentDefaults = BUILTIN_DEFAULTS,
  /** accessRule false: the caller applies the rule itself (the harness, to record a refusal; the demo's refused run) */
  options: { accessRule?: boolean } = {},
): Promise<AgentEntry> {
  return (await import('./parse.js')).parseAgentText(text, where, defaults, options);
}
