import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/agents/index.js';
import { parseAgentText } from '../../src/agents/parse.js';

const where = { name: 'x', file: 'agents/x.md', absolutePath: '/home/agents/x.md' };

function agent(front: string): string {
  return `---\nname: x\ndescription: test agent\n${front}---\n# Task\nSummarize.\n`;
}

function parsed(front: string): { model?: string } | string[] {
  const entry = parseAgentText(agent(front), where);
  return entry.ok ? { model: entry.agent.model } : entry.problems.map(formatProblem);
}

describe("the model: Claude Code's top-level `model:` and nightshift's `runner.model`", () => {
  it('takes a top-level model: as a Claude Code subagent file writes it', () => {
    expect(parsed('model: claude-haiku-4-5\n')).toEqual({ model: 'claude-haiku-4-5' });
  });

  it('keeps runner.model', () => {
    expect(parsed('runner:\n  kind: claude\n  model: claude-haiku-4-5\n')).toEqual({ model: 'claude-haiku-4-5' });
  });

  it('accepts both when they name the same model', () => {
    expect(parsed('model: haiku\nrunner:\n  kind: claude\n  model: haiku\n')).toEqual({ model: 'haiku' });
  });

  it('refuses both when they disagree, naming both fields, both values and the fix', () => {
    expect(parsed('model: opus\nrunner:\n  kind: claude\n  model: claude-haiku-4-5\n')).toEqual([
      'agents/x.md: model: "opus" disagrees with runner.model "claude-haiku-4-5": both name the model ' +
        '(model: is the key Claude Code reads, runner.model the one nightshift runs with); ' +
        'keep one of them, or set both to the same model',
    ]);
  });

  it("reads model: inherit as the CLI's default model: a run of its own has no main session to inherit from", () => {
    expect(parsed('model: inherit\n')).toEqual({ model: undefined });
  });

  it('takes no model at all when neither is set', () => {
    expect(parsed('')).toEqual({ model: undefined });
  });

  it.each(['openai', 'anthropic'])(
    'refuses a %s runner without a model: an HTTP API has no session to inherit from',
    (kind) => {
      const none = parsed(`runner:\n  kind: ${kind}\n`);
      expect(none).toEqual([
        expect.stringMatching(new RegExp(`^agents/x.md: model: the ${kind} runner needs a model id and neither`)),
      ]);
      expect(parsed(`model: inherit\nrunner:\n  kind: ${kind}\n`)).toEqual([
        expect.stringMatching(/needs a model id and model: inherit: set model: \(or runner.model\)/),
      ]);
      expect(parsed(`model: some-model\nrunner:\n  kind: ${kind}\n`)).toEqual({ model: 'some-model' });
    },
  );
});
