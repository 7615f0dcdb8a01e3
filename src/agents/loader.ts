import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { accessProblems } from './access.js';
import { type AgentDefaults, type AgentDefinition, BUILTIN_DEFAULTS, resolveDefinition } from './definition.js';
import { type Cached, entryKey, readCache, remember, remembered, writeCache } from './cache.js';
import { splitFrontMatter } from './frontmatter.js';
import { keysOf, type Problem, problemsFromZod } from './problems.js';
import { sizeProblems } from './size-problems.js';
import { AGENT_NAME_PATTERN, agentSchemas } from './schema.js';

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
  const entries = names.map((fileName, i) => {
    const where = whereOf(join(agentsDir, fileName));
    const text = texts[i] as string | Error;
    if (text instanceof Error) return unreadable(where, text);
    const { key, entry, fromDisk } = cachedParse(text, where, defaults, disk);
    kept.set(where.file, { key, value: entry });
    if (!fromDisk) changed = true;
    return entry;
  });
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
  const { entry, fromDisk } = cachedParse(text, where, defaults, disk);
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
  const entry = parseAgentText(text, whereOf(absolutePath), defaults, { accessRule: false });
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

function cachedParse(
  text: string,
  where: Where,
  defaults: AgentDefaults,
  disk: Map<string, CachedEntry>,
): { key: string; entry: AgentEntry; fromDisk: boolean } {
  const key = entryKey(text, where.absolutePath, defaults);
  const stored = disk.get(where.file);
  const entry = remembered(key) ?? (stored?.key === key ? stored.value : undefined);
  if (entry) {
    remember(key, entry);
    return { key, entry, fromDisk: stored?.key === key };
  }
  const parsed = parseAgentText(text, where, defaults);
  remember(key, parsed);
  return { key, entry: parsed, fromDisk: false };
}

export function parseAgentText(
  text: string,
  where: { name: string; file: string; absolutePath: string },
  defaults: AgentDefaults = BUILTIN_DEFAULTS,
  /** accessRule false: the caller applies the rule itself (the harness, to record a refusal; the demo's refused run) */
  options: { accessRule?: boolean } = {},
): AgentEntry {
  const { name, file, absolutePath } = where;
  const problems: Problem[] = [];
  if (!AGENT_NAME_PATTERN.test(name)) {
    problems.push({
      file,
      field: '',
      message: `the file name "${name}.md" is not an agent name: expected lowercase letters, digits and dashes, like nightly-summarizer.md`,
    });
  }
  const split = splitFrontMatter(file, text);
  if (!split.ok) return { name, file, ok: false, problems: [...problems, ...split.problems] };
  const { data, body } = split.value;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      name,
      file,
      ok: false,
      problems: [
        ...problems,
        { file, field: '', message: 'the front-matter is not a mapping: expected key: value lines' },
      ],
    };
  }
  const schema = agentSchemas().frontMatter;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    problems.push(...problemsFromZod(file, parsed.error, data, keysOf(schema)));
  } else {
    if (parsed.data.name !== name) {
      problems.push({
        file,
        field: 'name',
        message: `"${parsed.data.name}" does not match the file name: expected "${name}" (rename the file or the agent)`,
      });
    }
    // read-only first: tools and permission modes beyond what the file declares (access.ts)
    if (options.accessRule !== false)
      problems.push(...accessProblems({ ...parsed.data, file, frontMatter: parsed.data }));
    problems.push(...sizeProblems(file, parsed.data, body));
  }
  if (body.trim().length === 0) {
    problems.push({
      file,
      field: '',
      message: "has no prompt: expected the agent's instructions after the closing ---",
    });
  }
  if (problems.length > 0 || !parsed.success) return { name, file, ok: false, problems };
  return { name, file, ok: true, agent: resolveDefinition(parsed.data, { file, absolutePath, text, body }, defaults) };
}
