import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../files/index.js';

/**
 * Starts `nightshift run <agent> --trigger <kind>` as its own detached
 * process (its own session and process group, no pipes to the daemon), so a
 * daemon that crashes or is stopped never takes a run with it. The harness's
 * lock forbids overlap; the launcher only avoids starting a second run of an
 * agent while the one it started is still alive.
 */
export type FireKind = 'cron' | 'watch' | 'when' | 'catch_up' | 'webhook';
/** what a launch records as its trigger: a fire, or the trigger of the run whose retry it continues (`manual` too) */
export type LaunchKind = FireKind | 'manual';

export interface LaunchedRun {
  agent: string;
  pid: number;
  trigger: LaunchKind;
  startedAt: number;
}

export interface Launcher {
  /**
   * `notBefore`: the due time of a cron slot not reached yet; the run starts on it (see run-at.ts). `args`: more
   * arguments for `nightshift run` (a retry's --attempt and --first-run-id). `inputPath` and `runId`: a webhook's
   * body as the run's input, and the id its request was answered with.
   */
  launch(agent: string, trigger: LaunchKind, options?: LaunchOptions): LaunchedRun | 'busy' | { error: string };
  alive(agent: string): boolean;
}

export interface LaunchOptions {
  notBefore?: number;
  /** more arguments for `nightshift run` (a retry's --attempt and --first-run-id) */
  args?: readonly string[];
  inputPath?: string;
  runId?: string;
}

export interface ProcessLauncherOptions {
  /** node and bin/nightshift.js */
  nightshiftArgv: readonly string[];
  home: string;
  env?: NodeJS.ProcessEnv;
  onExit?: (run: LaunchedRun, code: number | null, signal: NodeJS.Signals | null) => void;
}

/** The compiled run-at entry (scripts/build.mjs builds it next to the CLI); absent when running from the TypeScript sources. */
function runAtEntry(): string | null {
  const path = join(packageRoot(), 'dist', 'cli', 'run-at.js');
  return existsSync(path) ? path : null;
}

export class ProcessLauncher implements Launcher {
  private readonly running = new Map<string, { run: LaunchedRun; child: ChildProcess }>();

  constructor(private readonly options: ProcessLauncherOptions) {}

  alive(agent: string): boolean {
    return this.running.has(agent);
  }

  launch(agent: string, trigger: LaunchKind, options: LaunchOptions = {}): LaunchedRun | 'busy' | { error: string } {
    if (this.running.has(agent)) return 'busy';
    const [file, ...args] = this.options.nightshiftArgv;
    if (!file) return { error: 'no nightshift command to start' };
    const command = [
      ...args,
      'run',
      agent,
      '--trigger',
      trigger,
      '--home',
      this.options.home,
      ...(options.inputPath === undefined ? [] : ['--input', options.inputPath]),
      ...(options.runId === undefined ? [] : ['--run-id', options.runId]),
      ...(options.args ?? []),
    ];
    // ahead of its slot: a process that loads first and starts the run on the due millisecond
    const runAt = runAtEntry();
    const early =
      options.notBefore !== undefined && options.notBefore > Date.now() && runAt !== null && args.length === 1;
    let child: ChildProcess;
    try {
      child = spawn(file, early && runAt !== null ? [runAt, String(options.notBefore), ...command] : command, {
        detached: true,
        stdio: 'ignore',
        env: { ...(this.options.env ?? process.env), NIGHTSHIFT_HOME: this.options.home },
        cwd: this.options.home,
      });
    } catch (error) {
      return { error: (error as Error).message };
    }
    if (child.pid === undefined) {
      child.once('error', () => undefined);
      return { error: `could not start ${file}` };
    }
    const run: LaunchedRun = { agent, pid: child.pid, trigger, startedAt: Date.now() };
    this.running.set(agent, { run, child });
    child.once('error', () => undefined);
    child.once('exit', (code, signal) => {
      if (this.running.get(agent)?.child === child) this.running.delete(agent);
      this.options.onExit?.(run, code, signal);
    });
    child.unref();
    return run;
  }
}
