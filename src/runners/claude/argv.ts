import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { RunnerInput } from '../types.js';

type ClaudeConfig = Extract<RunnerInput['agent']['runner'], { kind: 'claude' }>;

/** runner.executable, else $NIGHTSHIFT_CLAUDE_BIN, else `claude` on PATH. */
export function claudeExecutable(input: RunnerInput): string {
  const runner = input.agent.runner as Partial<ClaudeConfig>;
  const chosen = runner.executable ?? input.env.NIGHTSHIFT_CLAUDE_BIN ?? process.env.NIGHTSHIFT_CLAUDE_BIN ?? 'claude';
  if (chosen === '~' || chosen.startsWith('~/')) return join(homedir(), chosen.slice(1));
  // "bin/claude" means the home's bin/claude, not one relative to wherever nightshift was started
  if (chosen.includes('/') && !isAbsolute(chosen)) return resolve(input.cwd, chosen);
  return chosen;
}

/**
 * The command line of one run (DESIGN §4). No prompt is on it: the agent's
 * prompt is read from `systemPromptFile` (--system-prompt-file, print mode's
 * file form of --system-prompt) and the task from stdin (what -p reads when
 * no prompt argument is given), so a prompt of any size up to
 * MAX_PROMPT_BYTES runs, where one argument may hold 128 KB (src/arg-limits.ts),
 * and neither shows in `ps`. --verbose is required with
 * stream-json in -p mode. --include-partial-messages streams each call's
 * message_start and final output count as they happen: without it an
 * assistant line carries output_tokens 1, so a run killed before its result
 * line would be priced at one output token a call, and the cost limit would
 * be checked against that. dontAsk denies anything not in --allowedTools
 * instead of waiting for a human who is not there.
 */
export function claudeArgv(
  input: RunnerInput,
  systemPromptFile: string,
  executable = claudeExecutable(input),
): string[] {
  const { agent } = input;
  const runner = agent.runner as Partial<ClaudeConfig>;
  const argv = [
    executable,
    '-p',
    '--output-format',
    'stream-json',
    '--verbose',
    '--include-partial-messages',
    '--max-turns',
    String(runner.max_turns ?? agent.limits.calls),
  ];
  if (agent.tools.length > 0) argv.push('--allowedTools', agent.tools.join(','));
  argv.push('--system-prompt-file', systemPromptFile);
  if (agent.model) argv.push('--model', agent.model);
  argv.push('--permission-mode', runner.permission_mode ?? 'dontAsk');
  argv.push('--no-session-persistence');
  const disallowed = agent.frontMatter?.disallowedTools ?? [];
  if (disallowed.length > 0) argv.push('--disallowedTools', disallowed.join(','));
  return argv;
}
