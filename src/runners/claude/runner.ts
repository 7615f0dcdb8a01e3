import { StringDecoder } from 'node:string_decoder';
import { superviseProcess } from '../process-tree.js';
import { LineSplitter } from '../stream/line-splitter.js';
import { runnerSecrets } from '../key-variables.js';
import { TextTail } from '../stream/tail.js';
import type { Runner, RunnerEvents, RunnerInput, RunnerOutcome } from '../types.js';
import { emptyUsage } from '../usage.js';
import { claudeArgv, claudeExecutable } from './argv.js';
import { judgeClaudeRun } from './outcome.js';
import { withPromptFile } from './prompt-file.js';
import { ClaudeStreamParser } from './stream-parser.js';
import { withRunResource } from '../../telemetry/index.js';

/**
 * Room for one stream-json line. A line is one content block or the result;
 * one bigger than this cannot be a legitimate answer within the output limit,
 * and holding it would let a runaway process take the harness's memory.
 */
export function maxLineBytes(input: RunnerInput): number {
  return Math.max(8 * 1024 * 1024, input.agent.limits.output_bytes * 4 + 1024 * 1024);
}

export const INSTALL_HINT =
  'install Claude Code (`npm install -g @anthropic-ai/claude-code`), or set runner.executable in the agent file or NIGHTSHIFT_CLAUDE_BIN to its path';

/** Runs the real Claude Code CLI (`claude -p … --output-format stream-json`) as one supervised process tree. */
export const claudeRunner: Runner = {
  kind: 'claude',
  async run(input: RunnerInput, events: RunnerEvents): Promise<RunnerOutcome> {
    const executable = claudeExecutable(input);
    const parser = new ClaudeStreamParser(input.prices);
    const splitter = new LineSplitter(maxLineBytes(input));
    const secrets = runnerSecrets(input);
    const stderr = new TextTail(4096, secrets);
    const stderrDecoder = new StringDecoder('utf8');
    let oversizeSeen = 0;

    const feed = (lines: string[]): void => {
      let changed = false;
      for (const line of lines) changed = parser.push(line) || changed;
      while (oversizeSeen < splitter.oversizeLines) {
        oversizeSeen += 1;
        parser.noteOversizeLine();
      }
      // the inputs first: the usage that counts these calls follows
      for (const call of parser.takeToolCalls()) events.tool?.(call);
      if (changed) events.usage(parser.runningUsage());
    };

    const supervised = await withPromptFile(input.systemPrompt, (promptFile) =>
      superviseProcess({
        argv: claudeArgv(input, promptFile, executable),
        // the task on stdin, not as -p's argument (see claudeArgv)
        input: input.task,
        cwd: input.cwd,
        // Claude Code's own OpenTelemetry (when enabled) carries the run id and agent, so it joins nightshift's records
        env: withRunResource(input.env, { runId: input.runId, agent: input.agent.name }),
        runId: input.runId,
        signal: input.signal,
        killGraceMs: input.killGraceMs,
        onStdout: (chunk) => feed(splitter.push(chunk)),
        onStderr: (chunk) => stderr.add(stderrDecoder.write(chunk)),
        onSpawned: (info) => events.spawned?.(info),
      }),
    );
    if (!supervised.written)
      return {
        usage: emptyUsage('none'),
        exitCode: null,
        signal: null,
        completed: false,
        reason: `cannot start claude: ${supervised.reason}`,
      };
    const run = supervised.value;

    if (!run.started) {
      const reason =
        run.code === 'ENOENT'
          ? `cannot start claude: ${executable} was not found; ${INSTALL_HINT}`
          : `cannot start claude (${executable}): ${run.code} ${run.message}`;
      return { usage: emptyUsage('none'), exitCode: null, signal: null, completed: false, reason };
    }

    feed(splitter.end());
    stderr.add(stderrDecoder.end());
    const usage = parser.finalUsage();
    events.usage(usage);
    const result = parser.lastResult();
    if (result && !result.isError && result.text) events.output(result.text);

    const verdict = judgeClaudeRun(
      result,
      { code: run.exitCode, signal: run.exitSignal },
      parser.stats,
      run.aborted,
      secrets,
    );
    const tail = stderr.value();
    return {
      usage,
      exitCode: run.exitCode,
      signal: run.exitSignal,
      completed: verdict.completed,
      swept: run.swept,
      ...(verdict.reason ? { reason: verdict.reason } : {}),
      ...(tail ? { stderrTail: tail } : {}),
    };
  },
};
