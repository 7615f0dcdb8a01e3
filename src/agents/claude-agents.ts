import type { AgentDefinition } from './definition.js';

/**
 * One agent as `claude --agents '<json>'` takes it (Claude Code's AgentDefinition: description and prompt
 * required, the rest optional). Only what Claude Code itself reads is here: none of nightshift's limits, triggers,
 * budgets or checks travel with it, and Claude Code enforces none of them.
 */
export interface ClaudeAgent {
  description: string;
  prompt: string;
  tools: string[];
  disallowedTools?: string[];
  model?: string;
  maxTurns?: number;
  permissionMode?: string;
}

/**
 * `nightshift export claude-agents`: valid agent definitions as the object `claude --agents` takes, keyed by
 * agent name, in the order given. `tools` is always written: Claude Code gives an agent without `tools` every tool
 * of its session, where nightshift gives it none (read-only first), so `[]` keeps the file's meaning.
 */
export function claudeAgentsJson(agents: readonly AgentDefinition[]): Record<string, ClaudeAgent> {
  const out: Record<string, ClaudeAgent> = {};
  for (const agent of agents) out[agent.name] = claudeAgent(agent);
  return out;
}

function claudeAgent(agent: AgentDefinition): ClaudeAgent {
  const front = agent.frontMatter;
  const runner = agent.runner;
  const entry: ClaudeAgent = { description: agent.description, prompt: agent.prompt, tools: agent.tools };
  const disallowed = front.disallowedTools ?? [];
  if (disallowed.length > 0) entry.disallowedTools = disallowed;
  const model = claudeModel(agent);
  if (model !== undefined) entry.model = model;
  const maxTurns = front.maxTurns ?? (runner.kind === 'claude' ? runner.max_turns : undefined);
  if (maxTurns !== undefined) entry.maxTurns = maxTurns;
  const permissionMode = front.permissionMode ?? (runner.kind === 'claude' ? runner.permission_mode : undefined);
  if (permissionMode !== undefined) entry.permissionMode = permissionMode;
  return entry;
}

/**
 * The file's `model:` as written (`inherit` included), else runner.model when it names a Claude model (a claude or
 * anthropic runner): an openai runner's gpt-5-mini means nothing to Claude Code, which then uses its own default.
 */
function claudeModel(agent: AgentDefinition): string | undefined {
  if (agent.frontMatter.model !== undefined) return agent.frontMatter.model;
  const runner = agent.runner;
  if (runner.kind === 'claude' || runner.kind === 'anthropic') return runner.model;
  return undefined;
}
