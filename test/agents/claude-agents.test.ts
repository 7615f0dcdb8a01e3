import { describe, expect, it } from 'vitest';
import { claudeAgentsJson, formatProblem } from '../../src/agents/index.js';
import { parseAgentText } from '../../src/agents/parse.js';
import type { AgentDefinition } from '../../src/agents/index.js';

function definition(name: string, front: string, body = '# Task\nSummarize.\n'): AgentDefinition {
  const text = `---\nname: ${name}\ndescription: ${name} does one thing.\n${front}---\n${body}`;
  const entry = parseAgentText(text, { name, file: `agents/${name}.md`, absolutePath: `/home/agents/${name}.md` });
  if (!entry.ok) throw new Error(entry.problems.map(formatProblem).join('\n'));
  return entry.agent;
}

describe('claudeAgentsJson: agents as `claude --agents` takes them', () => {
  it('keys each agent by name with its description and its prompt (the body)', () => {
    expect(claudeAgentsJson([definition('a', 'tools: Read\n', '# Identity\nYou are a.\n')])).toEqual({
      a: { description: 'a does one thing.', prompt: '# Identity\nYou are a.\n', tools: ['Read'] },
    });
  });

  it('writes tools: [] for an agent without tools: Claude Code would give it every tool of the session', () => {
    expect(claudeAgentsJson([definition('a', '')]).a!.tools).toEqual([]);
  });

  it("takes the model from model: as written (inherit included), else from a claude or anthropic runner's model", () => {
    const json = claudeAgentsJson([
      definition('top', 'model: haiku\n'),
      definition('inherits', 'model: inherit\n'),
      definition('claude', 'runner:\n  kind: claude\n  model: claude-haiku-4-5\n'),
      definition('anthropic', 'runner:\n  kind: anthropic\n  model: claude-sonnet-4-5\n'),
      definition('openai', 'runner:\n  kind: openai\n  model: gpt-5-mini\n'),
      definition('none', ''),
    ]);
    expect(Object.fromEntries(Object.entries(json).map(([name, agent]) => [name, agent.model]))).toEqual({
      top: 'haiku',
      inherits: 'inherit',
      claude: 'claude-haiku-4-5',
      anthropic: 'claude-sonnet-4-5',
      openai: undefined,
      none: undefined,
    });
    expect('model' in json.none!).toBe(false);
  });

  it("passes Claude Code's own keys the file sets, falling back to the claude runner's max_turns and permission_mode", () => {
    const json = claudeAgentsJson([
      definition('keys', 'tools: Read\ndisallowedTools: Bash, Write\nmaxTurns: 3\npermissionMode: plan\n'),
      definition('runner', 'runner:\n  kind: claude\n  max_turns: 4\n  permission_mode: plan\n'),
    ]);
    expect(json.keys).toMatchObject({ disallowedTools: ['Bash', 'Write'], maxTurns: 3, permissionMode: 'plan' });
    expect(json.runner).toMatchObject({ maxTurns: 4, permissionMode: 'plan' });
  });

  it("carries none of nightshift's own keys: limits, triggers, budgets and checks are not Claude Code's", () => {
    const agent = definition(
      'full',
      'owner: me\ntrigger:\n  cron: "0 1 * * *"\nlimits:\n  time: 1m\n  calls: 2\nbudget:\n  monthly_usd: 1\n',
    );
    expect(Object.keys(claudeAgentsJson([agent]).full!).sort()).toEqual(['description', 'prompt', 'tools']);
  });
});
