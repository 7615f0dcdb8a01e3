import type { Problem } from './problems.js';
import type { AgentFrontMatter } from './schema.js';

/**
 * `model:` at the top is the key Claude Code reads in a subagent file; `runner.model` is nightshift's own. Either
 * names the model a run uses (resolve.ts). Both set to different models would make `nightshift run` use one and
 * `claude --agents` (through `nightshift export claude-agents`) the other: that is an error, never a silent choice.
 */
export function modelProblems(file: string, front: AgentFrontMatter): Problem[] {
  const top = front.model;
  const runner = front.runner.model;
  const kind = front.runner.kind;
  if ((kind === 'openai' || kind === 'anthropic') && runner === undefined && (top === undefined || top === 'inherit')) {
    // a Claude Code subagent inherits its session's model; an HTTP API call has no session to inherit from
    const actual = top === undefined ? 'neither model: nor runner.model is set' : 'model: inherit';
    return [
      {
        file,
        field: 'model',
        message: `the ${kind} runner needs a model id and ${actual}: set model: (or runner.model) to a model the server knows, like ${
          kind === 'openai' ? 'gpt-5-mini or llama3.1' : 'claude-haiku-4-5'
        }`,
      },
    ];
  }
  if (top === undefined || runner === undefined || top === runner) return [];
  return [
    {
      file,
      field: 'model',
      message:
        `${JSON.stringify(top)} disagrees with runner.model ${JSON.stringify(runner)}: both name the model ` +
        '(model: is the key Claude Code reads, runner.model the one nightshift runs with); ' +
        'keep one of them, or set both to the same model',
    },
  ];
}
