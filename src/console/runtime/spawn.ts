import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUN_EXIT } from '../../shared/index.js';

/**
 * `r`: the run is its own process, detached into its own session with no
 * pipe to the console, and unref'd, so quitting the console (or its terminal
 * closing) never takes the run down with it. It records itself like any other run,
 * and, given --reason (always: "" when none was typed), records the request
 * in logs/changes.jsonl first, by $USER from `env`, source console.
 */
export function runArgs(binPath: string, home: string, agent: string, reason: string | null): string[] {
  // --reason=… keeps a reason that starts with "-" from reading as an option
  return [
    binPath,
    'run',
    agent,
    '--trigger',
    'manual',
    `--reason=${reason ?? ''}`,
    '--source',
    'console',
    '--home',
    home,
  ];
}

export function spawnRun(
  binPath: string,
  home: string,
  agent: string,
  onError: (error: Error) => void,
  env: NodeJS.ProcessEnv = process.env,
  reason: string | null = null,
): void {
  // what the run says on stderr goes to a file, not a pipe: a pipe would tie the run to the console's life. Read when
  // the run exits 2 or 3 without a record (a usage error, an unreadable nightshift.yaml or state.json): that refusal
  // is nowhere else to be seen
  const errFile = join(tmpdir(), `nightshift-run-${process.pid}-${randomUUID()}.err`);
  let errFd: number | 'ignore' = 'ignore';
  try {
    errFd = openSync(errFile, 'w', 0o600);
  } catch {
    // no temporary folder to write: the run starts all the same, its refusal unseen here
  }
  const child = spawn(process.execPath, runArgs(binPath, home, agent, reason), {
    detached: true,
    stdio: ['ignore', 'ignore', errFd],
    env,
  });
  if (typeof errFd === 'number') closeSync(errFd);
  child.on('error', onError);
  child.on('exit', (code) => {
    if (typeof errFd !== 'number') return;
    try {
      if (code === RUN_EXIT.USAGE || code === RUN_EXIT.CORRUPT)
        onError(new Error(refusalOf(readFileSync(errFile, 'utf8'), code)));
    } finally {
      rmSync(errFile, { force: true });
    }
  });
  child.unref();
}

/** The run's own words for why it did not start: what it printed, on one line, without the `nightshift:` prefix. */
export function refusalOf(stderr: string, code: number): string {
  const said = stderr
    .split('\n')
    .map((text) => text.trim())
    .filter((text) => text.length > 0)
    .join(' ')
    .replace(/^nightshift:\s*/, '');
  return said === '' ? `nightshift run exited ${code} without saying why` : said;
}

/** $VISUAL, else $EDITOR, else vi; a value with arguments ("code --wait") is split on spaces. */
export function editorCommand(env: NodeJS.ProcessEnv = process.env): { command: string; args: string[] } {
  const words = (env.VISUAL || env.EDITOR || 'vi').trim().split(/\s+/).filter(Boolean);
  return { command: words[0] ?? 'vi', args: words.slice(1) };
}

/** Runs the editor on the terminal and waits for it; returns why it failed, or null. */
export function runEditor(file: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const { command, args } = editorCommand(env);
  const result = spawnSync(command, [...args, file], { stdio: 'inherit', env });
  if (result.error) return `could not start ${command}: ${result.error.message} (set $EDITOR)`;
  if (result.status !== 0 && result.status !== null) return `${command} exited with ${result.status}`;
  return null;
}
