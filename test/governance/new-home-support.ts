import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Home, openHome } from '../../src/home/index.js';
import type { RunRecord } from '../../src/journal/records.js';
import { cli as runCli, type Ran } from '../support/cli.js';
import { makeRunRecord } from '../support/run-record.js';

/**
 * Homes for the governance tests: a temp copy of fixtures/demo-home (never
 * the fixture itself) or a small synthetic one, and the built CLI.
 */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const DEMO_FIXTURE = join(REPO, 'fixtures', 'demo-home');
export const BIN = join(REPO, 'bin', 'nightshift.js');
/** fixtures/demo-home.expect.json's "now", in the home's zone (Europe/Berlin) */
export const DEMO_NOW_LOCAL = '2026-11-23T08:30';

export interface TempHome {
  root: string;
  open(): Promise<Home>;
  write(relative: string, content: string): Promise<string>;
  read(relative: string): Promise<string>;
  remove(): Promise<void>;
}

function tempHome(root: string): TempHome {
  return {
    root,
    open: () => openHome(root, {}),
    async write(relative, content) {
      const file = join(root, relative);
      await mkdir(join(file, '..'), { recursive: true });
      await writeFile(file, content);
      return file;
    },
    read: (relative) => readFile(join(root, relative), 'utf8'),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

export async function copyDemoHome(): Promise<TempHome> {
  const root = await mkdtemp(join(tmpdir(), 'ns-gov-demo-'));
  await cp(DEMO_FIXTURE, root, { recursive: true });
  for (const dir of ['evals', 'run', 'scripts', 'samples']) await mkdir(join(root, dir), { recursive: true });
  return tempHome(root);
}

export async function manifest(): Promise<
  Record<string, unknown> & {
    paused: string[];
    disabled: string[];
    invalid: string[];
    drifting_cost: string;
    failed_last_night: string;
    agents: string[];
  }
> {
  return JSON.parse(await readFile(join(REPO, 'fixtures', 'demo-home.expect.json'), 'utf8'));
}

/** A home with the given agent files and runs. */
export async function syntheticHome(
  options: {
    timezone?: string;
    agents?: Record<string, string>;
    runs?: RunRecord[];
    files?: Record<string, string>;
  } = {},
): Promise<TempHome> {
  const root = await mkdtemp(join(tmpdir(), 'ns-gov-'));
  const home = tempHome(root);
  for (const dir of ['agents', 'outputs', 'logs', 'run', 'runbooks', 'evals'])
    await mkdir(join(root, dir), { recursive: true });
  await writeFile(join(root, 'nightshift.yaml'), `timezone: ${options.timezone ?? 'UTC'}\n`);
  for (const [name, text] of Object.entries(options.agents ?? {})) await home.write(`agents/${name}.md`, text);
  if (options.runs)
    await home.write(
      'logs/runs.jsonl',
      options.runs.map((run) => JSON.stringify(run)).join('\n') + (options.runs.length > 0 ? '\n' : ''),
    );
  for (const [relative, text] of Object.entries(options.files ?? {})) await home.write(relative, text);
  return home;
}

/** A minimal valid agent file. */
export function agentText(name: string, extra = '', body = 'You summarize.\nSTATUS: OK\nEND_OF_RUN\n'): string {
  return `---\nname: ${name}\ndescription: test agent ${name}\nowner: tester\n${extra}---\n${body}`;
}

let sequence = 0;
/** A run record ending at `endedAt`; everything else plausible and overridable. */
export function run(agent: string, endedAt: string, extra: Partial<RunRecord> = {}): RunRecord {
  const ended = Date.parse(endedAt);
  return makeRunRecord({
    run_id: `run-${agent}-${sequence++}`,
    agent,
    started_at: new Date(ended - 1000).toISOString(),
    ended_at: new Date(ended).toISOString(),
    duration_ms: 1000,
    input_size_bytes: 10,
    output_size_bytes: 10,
    llm_calls: 1,
    tokens: { input: 1, output: 1 },
    runner: 'claude',
    ...extra,
  });
}

export type { Ran } from '../support/cli.js';

/** The built CLI with `env` added to this process's environment. */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return runCli(args, { env });
}
