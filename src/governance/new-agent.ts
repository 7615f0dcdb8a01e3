import { access, mkdir, open } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { formatProblem, parseAgentText, type RunnerKind } from '../agents/index.js';
import { UsageError } from '../shared/index.js';
import { assertAgentName, type Home } from '../home/index.js';
import { dayKey } from '../shared/index.js';
import { caseYaml, CASE_INPUT, FIRST_CASE } from './new-agent-eval.js';
import { newAgentRunbook } from './new-agent-runbook.js';
import { newAgentFile, RUNNER_KINDS } from './new-agent-template.js';
import { checkNewCron } from './schedule-change.js';

/**
 * `nightshift new <agent>`: an agent file that validates as written, its
 * runbook and its first eval case — the three things an agent needs before
 * it is wired to a trigger. Never overwrites anything.
 */
export interface CreateAgentRequest {
  name: string;
  owner: string;
  description?: string;
  runner?: string;
  cron?: string;
  now?: Date;
}

export interface CreateAgentResult {
  name: string;
  /** paths relative to the home */
  created: string[];
  /** files that were there already and were left as they are */
  kept: string[];
  trigger: string;
}

export function parseRunnerKind(text: string | undefined): RunnerKind {
  if (text === undefined) return 'extractive';
  const kind = text.trim() as RunnerKind;
  if (!RUNNER_KINDS.includes(kind)) {
    throw new UsageError(`--runner: "${text}" is not a runner: expected one of ${RUNNER_KINDS.join(', ')}`, {
      field: '--runner',
      actual: text,
      expected: RUNNER_KINDS.join(' | '),
    });
  }
  return kind;
}

export async function createAgent(home: Home, request: CreateAgentRequest): Promise<CreateAgentResult> {
  const name = assertAgentName(request.name);
  const runner = parseRunnerKind(request.runner);
  const cron = request.cron === undefined ? null : checkNewCron(request.cron);
  const timezone = home.defaults.timezone;
  const description = request.description?.trim() || `TODO: say in one sentence what ${name} does.`;
  const text = newAgentFile({
    name,
    owner: request.owner,
    description,
    runner,
    cron,
    timezone,
    created: dayKey(request.now ?? new Date(), timezone),
  });
  const path = home.paths.agentFile(name);
  const entry = await parseAgentText(text, { name, file: `agents/${name}.md`, absolutePath: path }, home.defaults);
  if (!entry.ok)
    throw new Error(
      `the new agent's template does not validate (a bug in nightshift): ${entry.problems.map(formatProblem).join('; ')}`,
    );
  const trigger = entry.agent.triggerText;

  const created: string[] = [];
  const kept: string[] = [];
  // state.json keys by name: a new agent under a retired one's name would be born retired, and block its unretire
  if (
    await access(home.paths.retiredAgentFile(name)).then(
      () => true,
      () => false,
    )
  )
    throw new UsageError(
      `${name} is the name of a retired agent (retired/agents/${name}.md): \`nightshift unretire ${name}\` brings it back, or pick another name`,
      {
        file: home.paths.retiredAgentFile(name),
        field: 'agent',
        actual: name,
        expected: 'a name no agent, live or retired, has',
      },
    );
  if (!(await writeIfMissing(path, text))) {
    throw new UsageError(
      `agents/${name}.md exists already: \`nightshift new\` never overwrites; edit that file, or pick another name`,
      { file: path, field: 'agent', actual: name, expected: 'a name without an agent file' },
    );
  }
  created.push(relative(home.root, path));
  const caseDir = join(home.paths.evalsDir(name), FIRST_CASE);
  const files: Array<[string, string]> = [
    [
      home.paths.runbookFile(name),
      newAgentRunbook({ name, owner: request.owner, description, trigger, home: home.root }),
    ],
    [join(caseDir, 'input.txt'), CASE_INPUT],
    [join(caseDir, 'case.yaml'), caseYaml(name)],
    // what input.path names, so the first `nightshift run` has something to read (the file says to replace it)
    [join(home.root, 'samples', `${name}.txt`), sampleInput(name)],
  ];
  // a command agent's program, as its file names it: a first run works, and shows the protocol it must keep
  if (runner === 'command') files.push([join(home.paths.scripts, `${name}.sh`), commandStub(name)]);
  for (const [file, content] of files) {
    const executable = file.endsWith('.sh');
    ((await writeIfMissing(file, content, executable ? 0o700 : 0o600)) ? created : kept).push(
      relative(home.root, file),
    );
  }
  return { name, created, kept, trigger };
}

/** O_EXCL: checking and creating are one step, so a file made meanwhile is never overwritten. */
async function writeIfMissing(path: string, text: string, mode = 0o600): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  let handle;
  try {
    handle = await open(path, 'wx', mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
  return true;
}

function sampleInput(name: string): string {
  return (
    `A stand-in input for ${name}, written by \`nightshift new\`.\n` +
    `Replace this file with what ${name} should read, or point input.path in agents/${name}.md elsewhere.\n`
  );
}

/** A program that keeps the output protocol; the agent file's comment says the rest. */
function commandStub(name: string): string {
  return [
    '#!/bin/sh',
    `# ${name}'s program (runner kind: command), written by \`nightshift new\`: replace the middle with the work.`,
    '# Its input file is at $NIGHTSHIFT_INPUT; what it prints is the output; the last two lines say how it went:',
    '# STATUS: OK (or EMPTY, PARTIAL, ERROR) and END_OF_RUN. nightshift enforces the time and output limits.',
    '# The agent file expects three bullets (output.expect); an OK run without them is BAD_FORMAT.',
    'set -eu',
    'echo "- input: $(basename "$NIGHTSHIFT_INPUT")"',
    'echo "- lines: $(wc -l < "$NIGHTSHIFT_INPUT" | tr -d \' \')"',
    `echo "- this is the stand-in program: replace scripts/${name}.sh with the work"`,
    'echo "STATUS: OK"',
    'echo "END_OF_RUN"',
    '',
  ].join('\n');
}
