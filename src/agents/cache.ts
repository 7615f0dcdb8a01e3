import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Cached, parseKey } from '../shared/index.js';
import type { AgentDefaults } from './definition.js';
import type { AgentEntry } from './loader.js';
import { writeFileAtomically } from '../files/index.js';

/**
 * Parsed agent files (and nightshift.yaml), kept so an unchanged file is parsed once: in this
 * process (the daemon reloads, a run loads its agent before and after) and in
 * the next one (every CLI command and the console read the whole fleet, and
 * parsing YAML, the schema and the cron expressions of 50 agents cost a cold
 * process ~340 ms).
 *
 * An entry is keyed by a hash of everything its parse reads: the file's text,
 * its path, the home's defaults, the build of nightshift (the schema) and
 * Node's version (the time-zone data). The cache is only ever a shortcut: missing, corrupt or
 * unwritable means the files are parsed, never that an agent is lost.
 */
const FORMAT = 2;

interface CacheFile<T> {
  format: number;
  entries: Record<string, Cached<T>>;
}

export function entryKey(text: string, absolutePath: string, defaults: AgentDefaults): string {
  return parseKey(absolutePath, JSON.stringify(defaults), text);
}

const memory = new Map<string, AgentEntry>();
const MEMORY_MAX = 1000;

export function remembered(key: string): AgentEntry | undefined {
  return memory.get(key);
}

export function remember(key: string, entry: AgentEntry): void {
  if (memory.size >= MEMORY_MAX) memory.delete(memory.keys().next().value as string);
  memory.set(key, entry);
}

/** The entries on disk, by file; empty when there is no usable cache. */
export async function readCache<T>(cacheFile: string): Promise<Map<string, Cached<T>>> {
  try {
    const parsed = JSON.parse(await readFile(cacheFile, 'utf8')) as Partial<CacheFile<T>>;
    if (parsed.format !== FORMAT || parsed.entries === null || typeof parsed.entries !== 'object') return new Map();
    return new Map(Object.entries(parsed.entries));
  } catch {
    return new Map();
  }
}

/** Replaces the cache atomically; a home whose run/ cannot be written simply goes uncached. */
export async function writeCache<T>(cacheFile: string, entries: Map<string, Cached<T>>): Promise<void> {
  const body: CacheFile<T> = { format: FORMAT, entries: Object.fromEntries(entries) };
  try {
    await mkdir(dirname(cacheFile), { recursive: true, mode: 0o700 });
    await writeFileAtomically(cacheFile, JSON.stringify(body), { mode: 0o600, durable: false });
  } catch {
    // unwritable: the next process parses again
  }
}
