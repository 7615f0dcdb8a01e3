import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { parseUsageLine, usageFromLine } from './command-usage.js';
import { runnerSecrets } from './key-variables.js';
import { superviseProcess } from './process-tree.js';
import { LineSplitter } from './stream/line-splitter.js';
import { TextTail } from './stream/tail.js';
import type { Runner, RunnerEvents, RunnerInput, RunnerOutcome, RunnerUsage } from './types.js';
import { emptyUsage, snapshotUsage } from './usage.js';

type CommandConfig = Extract<RunnerInput['agent']['runner'], { kind: 'command' }>;

function expand(path: string, base: string): string {
  if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(1));
  return isAbsolute(path) ? path : resolve(base, path);
}

/**
 * Any command line as an agent: stdout is the output; the documented usage
 * line on stderr (command-usage.ts) reports calls, tokens and cost. The input
 * file's path is in $NIGHTSHIFT_INPUT, the run id in $NIGHTSHIFT_RUN_ID.
 */
export const commandRunner: Runner = {
  kind: 'command',
  async run(input: RunnerInput, events: RunnerEvents): Promise<RunnerOutcome> {
    const runner = input.agent.runner as Partial<CommandConfig>;
    const argv = runner.command ?? [];
    if (argv.length === 0) {
      return {
        usage: emptyUsage(),
        exitCode: null,
        signal: null,
        completed: false,
        reason: 'runner.command is empty: expected the argv as a list',
      };
    }
    const cwd = runner.cwd ? expand(runner.cwd, input.cwd) : input.cwd;
    const env: NodeJS.ProcessEnv = { ...input.env, NIGHTSHIFT_RUN_ID: input.runId };
    if (input.inputPath) env.NIGHTSHIFT_INPUT = input.inputPath;
    else delete env.NIGHTSHIFT_INPUT;

    let usage: RunnerUsage = emptyUsage();
    const stdoutDecoder = new StringDecoder('utf8');
    const stderrLines = new LineSplitter(64 * 1024);
    const stderr = new TextTail(4096, runnerSecrets(input));
    const onStderrLines = (lines: string[]): void => {
      for (const line of lines) {
        const reported = parseUsageLine(line);
        if (reported) {
          usage = usageFromLine(reported, input.prices, input.agent.model);
          events.usage(snapshotUsage(usage));
        } else {
          stderr.addLine(line);
        }
      }
    };

    const run = await superviseProcess({
      argv,
      cwd,
      env,
      runId: input.runId,
      signal: input.signal,
      killGraceMs: input.killGraceMs,
      onStdout: (chunk) => {
        const text = stdoutDecoder.write(chunk);
        if (text.length > 0) events.output(text);
      },
      onStderr: (chunk) => onStderrLines(stderrLines.push(chunk)),
      onSpawned: (info) => events.spawned?.(info),
    });
    if (!run.started) {
      const reason =
        run.code === 'ENOENT'
          ? `cannot start the command: ${run.executable} was not found (runner.command[0]; is it installed and on PATH, or is runner.cwd wrong?)`
          : `cannot start the command ${run.executable}: ${run.code} ${run.message}`;
      return { usage, exitCode: null, signal: null, completed: false, reason };
    }
    const rest = stdoutDecoder.end();
    if (rest.length > 0) events.output(rest);
    onStderrLines(stderrLines.end());

    const tail = stderr.value();
    const base = {
      usage: snapshotUsage(usage),
      exitCode: run.exitCode,
      signal: run.exitSignal,
      swept: run.swept,
      ...(tail ? { stderrTail: tail } : {}),
    };
    if (run.aborted) return { ...base, completed: false, reason: 'stopped by the harness' };
    if (run.exitCode === 0) return { ...base, completed: true };
    const how = run.exitSignal ? `was killed by ${run.exitSignal}` : `exited with code ${run.exitCode}`;
    const said = stderr.lastLines(3);
    return { ...base, completed: false, reason: `the command ${how}${said ? `: ${said}` : ''}` };
  },
};
