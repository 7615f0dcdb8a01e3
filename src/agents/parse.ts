import type { AgentDefaults } from './definition.js';
import { BUILTIN_DEFAULTS } from './definition.js';
import { accessProblems } from './access.js';
import type { AgentEntry } from './loader.js';
import { splitFrontMatter } from './frontmatter.js';
import { keysOf, type Problem, problemsFromZod } from './problems.js';
import { modelProblems } from './model-problems.js';
import { resolveDefinition } from './resolve.js';
import { sizeProblems } from './size-problems.js';
import { AGENT_NAME_PATTERN, agentSchemas } from './schema.js';

/**
 * Reading an agent file: YAML, the zod schema, the cron check, the
 * definition. The packages behind it (yaml, zod, cronstrue) are most of
 * nightshift's code by weight, so loader.ts loads this module only when the
 * parse cache does not know the file.
 */
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
    problems.push(...modelProblems(file, parsed.data));
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
