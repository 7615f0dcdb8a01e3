import { spawn, spawnSync } from 'node:child_process';

/**
 * `r`: the run is its own process, detached into its own session with stdio
 * ignored, and unref'd, so quitting the console (or its terminal closing)
 * never takes the run down with it. It records itself like any other run,
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
  const child = spawn(process.execPath, runArgs(binPath, home, agent, reason), {
    detached: true,
    stdio: 'ignore',
    env,
  });
  child.on('error', onError);
  child.unref();
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
