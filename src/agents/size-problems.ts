import { MAX_ARG_BYTES, MAX_ARGV_BYTES, MAX_PROMPT_BYTES, utf8Bytes } from '../shared/index.js';
import type { Problem } from './problems.js';
import type { AgentFrontMatter } from './schema.js';
import { formatSize } from './units.js';

/**
 * What no runner could pass (src/arg-limits.ts): a prompt over the most any
 * runner takes, and an argument of the agent's own command lines
 * (runner.command, a `when` command) over what the kernel lets one exec
 * carry. Found here, `validate` names them and `run` refuses them as invalid,
 * instead of every run failing with E2BIG.
 */
export function sizeProblems(file: string, front: AgentFrontMatter, body: string): Problem[] {
  const problems: Problem[] = [];
  const promptBytes = utf8Bytes(body);
  if (promptBytes > MAX_PROMPT_BYTES) {
    problems.push({
      file,
      field: '',
      message:
        `the prompt is ${sized(promptBytes)}, and no runner takes more than ${sized(MAX_PROMPT_BYTES)} (about ` +
        "250k tokens, more than a model's context): shorten it, or move reference material into the input file",
    });
  }
  if (front.runner.kind === 'command')
    problems.push(...commandLineProblems(file, 'runner.command', front.runner.command));
  const when = front.trigger?.when?.command;
  if (when !== undefined) problems.push(...commandLineProblems(file, 'trigger.when.command', when));
  return problems;
}

/**
 * A command nightshift will exec, as written in a file: an argv list, or a
 * string run as `sh -c <string>` (one argument). Each argument within the
 * kernel's limit for one, the list within the limit for all.
 */
export function commandLineProblems(file: string, field: string, command: string | readonly string[]): Problem[] {
  const one = `${MAX_ARG_BYTES} bytes`;
  if (typeof command === 'string') {
    const bytes = utf8Bytes(command);
    if (bytes <= MAX_ARG_BYTES) return [];
    return [
      {
        file,
        field,
        message: `is ${sized(bytes)}, and it runs as one argument of sh -c, which may hold at most ${one}: put the command in a script and call that`,
      },
    ];
  }
  const problems: Problem[] = [];
  let total = 0;
  command.forEach((arg, index) => {
    const bytes = utf8Bytes(arg);
    total += bytes + 1;
    if (bytes > MAX_ARG_BYTES) {
      problems.push({
        file,
        field: `${field}.${index}`,
        message: `is ${sized(bytes)}, and one argument may hold at most ${one} (the kernel refuses more: E2BIG): pass the text in a file instead`,
      });
    }
  });
  if (total > MAX_ARGV_BYTES) {
    problems.push({
      file,
      field,
      message:
        `is ${sized(total)} in all, and a command line may hold at most ${sized(MAX_ARGV_BYTES)} (the rest is ` +
        "the environment's): pass the text in a file instead",
    });
  }
  return problems;
}

/** "141KB (144384 bytes)": near a limit, the rounded size alone would not show which side it is on. */
function sized(bytes: number): string {
  return `${formatSize(bytes)} (${bytes} bytes)`;
}
