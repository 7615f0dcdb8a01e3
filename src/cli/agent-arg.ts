import { access, readdir } from 'node:fs/promises';
import { closest } from '../agents/index.js';
import { UsageError } from '../shared/index.js';
import { assertAgentName, type HomePaths } from '../home/index.js';

/** An agent named on the command line must have a file in agents/ (valid or not). */
export async function requireAgent(paths: HomePaths, name: string): Promise<string> {
  assertAgentName(name);
  const names = (await readdir(paths.agents).catch(() => [] as string[]))
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3));
  if (names.includes(name)) return name;
  const retired = await access(paths.retiredAgentFile(name)).then(
    () => true,
    () => false,
  );
  if (retired)
    throw new UsageError(
      `${name} is retired (its file is retired/agents/${name}.md): nightshift unretire ${name} brings it back`,
      {
        field: 'agent',
        actual: name,
        expected: 'a live agent (a file in agents/)',
        fix: `nightshift unretire ${name} brings it back, disabled`,
      },
    );
  const guess = closest(name, names);
  throw new UsageError(
    `unknown agent "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}: expected one ` +
      `of ${names.length > 0 ? names.join(', ') : '(none yet)'} — the files in ${paths.agents}`,
    { field: 'agent', actual: name, expected: names.join(', ') },
  );
}
