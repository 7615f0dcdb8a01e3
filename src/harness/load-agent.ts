import { access } from 'node:fs/promises';
import {
  accessProblems,
  type AgentDefinition,
  formatProblem,
  loadAgentFile,
  loadDefinitionBeyondAccess,
} from '../agents/index.js';
import { UsageError, ValidationError } from '../shared/index.js';
import type { Home } from '../home/index.js';

/**
 * The definition a run needs, or why there is none: an unknown agent is a
 * usage error (exit 2); an invalid file fails with every problem listed
 * (exit 1) and writes no record, since there is no valid agent to attribute
 * one to — `validate`, `doctor` and the watchdog's missed-run check surface it.
 * The exception is a file whose only fault is asking for more than it
 * declares (write or network tools, a permission mode that does not ask): it
 * holds a whole definition, returned so the run refuses it on the record
 * (run-agent.ts applies the access rule to whatever definition it runs).
 */
export async function loadRunnableAgent(home: Home, name: string): Promise<AgentDefinition> {
  const live = home.paths.agentFile(name);
  // a retired agent's file is run from retired/ only to be refused on the record (SKIPPED retired, refuse.ts), like a disabled one
  const file =
    (await exists(live)) || !(await exists(home.paths.retiredAgentFile(name)))
      ? live
      : home.paths.retiredAgentFile(name);
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
  if (entry.ok) return entry.agent;
  const beyondAccess = await loadDefinitionBeyondAccess(file, home.defaults);
  // read again: if the file changed in between, it is refused only if the new text is whole and still asks for too much
  if (beyondAccess && accessProblems(beyondAccess).length > 0) return beyondAccess;
  throw new ValidationError(
    `agents/${name}.md is not valid, so it was not run:\n  ${entry.problems.map(formatProblem).join('\n  ')}`,
    {
      file,
      fix: `correct the fields named above, then check with \`nightshift validate\``,
    },
  );
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
