import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type AgentDefaults, type AgentDefinition, BUILTIN_DEFAULTS, resolveDefinition } from './definition.js';
import { splitFrontMatter } from './frontmatter.js';
import { keysOf, type Problem, problemsFromZod } from './problems.js';
import { AGENT_NAME_PATTERN, agentFrontMatterSchema } from './schema.js';

/**
 * Loads every agents/*.md. A broken file never hides the others: it comes back
 * as an invalid entry carrying all of its problems, in file order.
 */
export type AgentEntry =
  | { name: string; file: string; ok: true; agent: AgentDefinition }
  | { name: string; file: string; ok: false; problems: Problem[] };

export async function loadAgents(agentsDir: string, defaults: AgentDefaults = BUILTIN_DEFAULTS): Promise<AgentEntry[]> {
  let names: string[];
  try {
    names = (await readdir(agentsDir)).filter((file) => file.endsWith('.md')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return Promise.all(names.map((file) => loadAgentFile(join(agentsDir, file), defaults)));
}

export async function loadAgentFile(absolutePath: string, defaults: AgentDefaults = BUILTIN_DEFAULTS): Promise<AgentEntry> {
  const name = basename(absolutePath, '.md');
  const file = `agents/${basename(absolutePath)}`;
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (error) {
    return { name, file, ok: false, problems: [{ file, field: '', message: `cannot be read: ${(error as Error).message}` }] };
  }
  return parseAgentText(text, { name, file, absolutePath }, defaults);
}

export function parseAgentText(
  text: string,
  where: { name: string; file: string; absolutePath: string },
  defaults: AgentDefaults = BUILTIN_DEFAULTS,
): AgentEntry {
  const { name, file, absolutePath } = where;
  const problems: Problem[] = [];
  if (!AGENT_NAME_PATTERN.test(name)) {
    problems.push({ file, field: '', message: `the file name "${name}.md" is not an agent name: expected lowercase letters, digits and dashes, like nightly-summarizer.md` });
  }
  const split = splitFrontMatter(file, text);
  if (!split.ok) return { name, file, ok: false, problems: [...problems, ...split.problems] };
  const { data, body } = split.value;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { name, file, ok: false, problems: [...problems, { file, field: '', message: 'the front-matter is not a mapping: expected key: value lines' }] };
  }
  const parsed = agentFrontMatterSchema.safeParse(data);
  if (!parsed.success) {
    problems.push(...problemsFromZod(file, parsed.error, data, keysOf(agentFrontMatterSchema)));
  } else if (parsed.data.name !== name) {
    problems.push({ file, field: 'name', message: `"${parsed.data.name}" does not match the file name: expected "${name}" (rename the file or the agent)` });
  }
  if (body.trim().length === 0) {
    problems.push({ file, field: '', message: 'has no prompt: expected the agent\'s instructions after the closing ---' });
  }
  if (problems.length > 0 || !parsed.success) return { name, file, ok: false, problems };
  return { name, file, ok: true, agent: resolveDefinition(parsed.data, { file, absolutePath, text, body }, defaults) };
}
