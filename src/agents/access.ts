import type { Problem } from './problems.js';
import type { RunnerConfig } from './schema.js';

/**
 * Read-only first (DESIGN §2): what an agent may do beyond reading, and what
 * it must declare for it. Pure; one rule for `validate`, `doctor`, the loader
 * and the harness, which checks again before it starts a run.
 *
 * The only list is of the Claude Code tools that only read. Anything else, an
 * unknown name, a misspelling, an MCP tool (`mcp__server__tool`) or a tool
 * added in a later Claude Code, counts as able to change things: a name
 * missing here costs a `writes: true`, never a silent write. A pattern such as
 * `Bash(git log *)` is its tool (Bash): the pattern narrows what Claude Code
 * allows without asking, not what the tool can do.
 *
 * Not in the list, on purpose (Claude Code 2.1.330's tool names): Bash, Edit,
 * Write, MultiEdit, NotebookEdit change files; Task and Agent start subagents
 * with tools of their own; TodoWrite, TaskCreate/TaskUpdate/TaskStop,
 * CronCreate/CronDelete, ScheduleWakeup, SendMessage, EnterWorktree/ExitWorktree,
 * Skill, Workflow, Monitor and ReportFindings write state, start work or reach
 * outside the run; TaskList, TaskGet, CronList, ListAgents and ToolSearch read
 * only Claude Code's own state, which an agent that reads one input and writes
 * one output never needs, so they stay on the safe side of the rule.
 */
export const READ_ONLY_TOOLS: readonly string[] = ['Read', 'Grep', 'Glob', 'LS', 'NotebookRead'];

/** Tools that only read, but from the network: the scope lock allows no network call unless `network: true`. */
export const NETWORK_TOOLS: readonly string[] = ['WebFetch', 'WebSearch'];

/**
 * Permission modes that keep asking, so that with nobody there to answer,
 * anything outside --allowedTools is denied (`plan` only plans). Any other
 * mode (acceptEdits, bypassPermissions, auto, a name a later version adds)
 * lets tools act without a yes: it needs `writes: true`.
 */
export const ASKING_PERMISSION_MODES: readonly string[] = ['dontAsk', 'default', 'manual', 'plan'];

export type ToolClass = 'read' | 'network' | 'write';

/** `Bash(git log *)` → `Bash`; `Read` → `Read`. */
export function toolName(tool: string): string {
  const open = tool.indexOf('(');
  return (open === -1 ? tool : tool.slice(0, open)).trim();
}

export function toolClass(tool: string): ToolClass {
  const name = toolName(tool);
  if (READ_ONLY_TOOLS.includes(name)) return 'read';
  if (NETWORK_TOOLS.includes(name)) return 'network';
  return 'write';
}

/** What the rule reads of a definition; an AgentDefinition is one. */
export interface AccessRequest {
  file: string;
  tools: readonly string[];
  writes: boolean;
  network: boolean;
  runner: RunnerConfig;
  /** the Claude Code key, for `claude --agents` with the same file */
  frontMatter?: { permissionMode?: string };
}

/** One thing beyond reading that an agent asks for, where it asks for it. */
export interface Capability {
  field: string;
  /** as written: a tool (`Bash(git *)`) or a permission mode */
  value: string;
  kind: 'tool' | 'permission_mode';
}

/** Tools and permission modes that can change things: each needs `writes: true`. */
export function writeCapabilities(agent: AccessRequest): Capability[] {
  const found: Capability[] = agent.tools
    .filter((tool) => toolClass(tool) === 'write')
    .map((tool) => ({ field: 'tools', value: tool, kind: 'tool' }));
  const modes: Array<[string, string | undefined]> = [
    ['runner.permission_mode', agent.runner.kind === 'claude' ? agent.runner.permission_mode : undefined],
    ['permissionMode', agent.frontMatter?.permissionMode],
  ];
  for (const [field, mode] of modes) {
    if (mode !== undefined && !ASKING_PERMISSION_MODES.includes(mode))
      found.push({ field, value: mode, kind: 'permission_mode' });
  }
  return found;
}

/** Tools that reach the network: each needs `network: true`. */
export function networkTools(agent: AccessRequest): string[] {
  return agent.tools.filter((tool) => toolClass(tool) === 'network');
}

/**
 * Everything the agent asks for without declaring it, one problem per field,
 * each naming what and the fix. Empty: the agent stays within what it declared.
 */
export function accessProblems(agent: AccessRequest): Problem[] {
  const problems: Problem[] = [];
  const { file } = agent;
  if (!agent.writes) {
    const writing = writeCapabilities(agent);
    const tools = writing.filter((c) => c.kind === 'tool').map((c) => c.value);
    if (tools.length > 0) {
      const kept = agent.tools.filter(
        (tool) => toolClass(tool) === 'read' || (agent.network && toolClass(tool) === 'network'),
      );
      const readOnly = kept.length > 0 ? kept.join(', ') : 'Read';
      problems.push({
        file,
        field: 'tools',
        message:
          `${tools.join(', ')} ${tools.length === 1 ? 'is' : 'are'} not read-only (${readOnlyText()}), and writes: true is not set: ` +
          `make it read-only with \`tools: ${readOnly}\`, or, once it has run read-only for a month, add \`writes: true\``,
      });
    }
    for (const mode of writing.filter((c) => c.kind === 'permission_mode')) {
      problems.push({
        file,
        field: mode.field,
        message:
          `${JSON.stringify(mode.value)} lets claude use tools without asking, and writes: true is not set: use ` +
          `dontAsk (the default, or leave it out), or add \`writes: true\``,
      });
    }
  }
  const network = networkTools(agent);
  if (!agent.network && network.length > 0) {
    problems.push({
      file,
      field: 'tools',
      message:
        `${network.join(', ')} ${network.length === 1 ? 'reaches' : 'reach'} the network, and network: true is ` +
        `not set: remove ${network.length === 1 ? 'it' : 'them'} from tools, or add \`network: true\``,
    });
  }
  return problems;
}

function readOnlyText(): string {
  return `read-only tools: ${READ_ONLY_TOOLS.join(', ')}`;
}
