import { access } from 'node:fs/promises';
import { type AgentDefinition, formatProblem, loadAgentFile } from '../agents/index.js';
import { UsageError, ValidationError } from '../errors.js';
import type { Home } from '../home/index.js';

/**
 * The definition a run needs, or why there is none: an unknown agent is a
 * usage error (exit 2); an invalid file fails with every problem listed
 * (exit 1) and writes no record, since there is no valid agent to attribute
 * one to — `validate`, `doctor` and the watchdog's missed-run check surface it.
 */
export async function loadRunnableAgent(home: Home, name: string): Promise<AgentDefinition> {
  const file = home.paths.agentFile(name);
  try {
    await access(file);
  } catch {
    throw new UsageError(`no agent named "${name}": ${file} does not exist`, {
      file,
      expected: `agents/${name}.md`,
      actual: 'no such file',
      fix: 'list the agents with `nightshift validate`',
    });
  }
  const entry = await loadAgentFile(file, home.defaults, home.paths.agentsCache);
  if (!entry.ok) {
    throw new ValidationError(`agents/${name}.md is not valid, so it was not run:\n  ${entry.problems.map(formatProblem).join('\n  ')}`, {
      file,
      fix: `correct the fields named above, then check with \`nightshift validate\``,
    });
  }
  return entry.agent;
}
