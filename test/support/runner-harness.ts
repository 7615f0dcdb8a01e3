import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { type AgentDefinition } from '../../src/agents/index.js';
import { parseAgentText } from '../../src/agents/parse.js';
import { buildPriceTable } from '../../src/runners/prices.js';
import type { RunnerEvents, RunnerInput, RunnerUsage, ToolCallSeen } from '../../src/runners/types.js';

/** Absolute path of the executable fake `claude` (test/support/fake-claude.mjs). */
export const FAKE_CLAUDE = fileURLToPath(new URL('./fake-claude.mjs', import.meta.url));
/** The real Claude Code 2.1.330 stream-json captures (copied from shared/data). */
export const CAPTURES_DIR = fileURLToPath(new URL('./captures/claude-code-2.1.330/', import.meta.url));

export interface AgentSpec {
  name?: string;
  /** front-matter keys, merged over a minimal valid agent (runner extractive, tools Read) */
  front?: Record<string, unknown>;
  /** the prompt body */
  body?: string;
}

export const DEFAULT_BODY = `# Identity
You are a test agent.

# Output format
Day summary ({date}):
- [first bullet]
- [second bullet]
- [third bullet]
STATUS: OK
END_OF_RUN
`;

/** A real AgentDefinition, made by the real loader from front-matter written as YAML. */
export function makeAgent(spec: AgentSpec = {}): AgentDefinition {
  const name = spec.name ?? 'test-agent';
  const front = {
    name,
    description: 'An agent made by a test.',
    tools: 'Read',
    runner: { kind: 'extractive' },
    ...spec.front,
  };
  const text = `---\n${stringify(front)}---\n${spec.body ?? DEFAULT_BODY}`;
  const entry = parseAgentText(text, {
    name,
    file: `agents/${name}.md`,
    absolutePath: `/nonexistent/agents/${name}.md`,
  });
  if (!entry.ok)
    throw new Error(
      `test agent does not validate:\n${entry.problems.map((p) => `${p.field}: ${p.message}`).join('\n')}`,
    );
  return entry.agent;
}

export interface InputSpec {
  agent: AgentDefinition;
  inputPath?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  killGraceMs?: number;
  runId?: string;
  task?: string;
  date?: string;
}

/** A RunnerInput as the harness would build it; NIGHTSHIFT_* variables of the test process are left out. */
export function makeRunnerInput(spec: InputSpec): RunnerInput {
  const runId = spec.runId ?? `test-${randomUUID()}`;
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('NIGHTSHIFT_') && !key.startsWith('FAKE_CLAUDE_')),
  );
  return {
    agent: spec.agent,
    runId,
    systemPrompt: spec.agent.prompt.split('{date}').join(spec.date ?? '2026-04-18'),
    date: spec.date ?? '2026-04-18',
    task: spec.task ?? (spec.inputPath ? `Summarize the activity log at ${spec.inputPath}.` : 'Do your job.'),
    ...(spec.inputPath ? { inputPath: spec.inputPath } : {}),
    env: { ...env, ...spec.env, NIGHTSHIFT_RUN_ID: runId },
    signal: spec.signal ?? new AbortController().signal,
    killGraceMs: spec.killGraceMs ?? 1000,
    prices: buildPriceTable(),
    cwd: spec.cwd ?? process.cwd(),
  };
}

export interface RecordedEvents {
  events: RunnerEvents;
  output(): string;
  chunks: string[];
  usages: RunnerUsage[];
  lastUsage(): RunnerUsage | undefined;
  spawned: Array<{ pid: number; pgid: number }>;
  /** tool calls reported with their inputs (events.tool), for the live view */
  tools: ToolCallSeen[];
}

/**
 * Events that record everything. `onUsage` stands in for the harness's limit
 * check, e.g. `(u) => u.llmCalls > 3 && controller.abort()`.
 */
export function recordEvents(
  onUsage?: (usage: RunnerUsage) => void,
  onOutput?: (total: number) => void,
): RecordedEvents {
  const chunks: string[] = [];
  const usages: RunnerUsage[] = [];
  const spawned: Array<{ pid: number; pgid: number }> = [];
  const tools: ToolCallSeen[] = [];
  let bytes = 0;
  return {
    chunks,
    usages,
    spawned,
    tools,
    output: () => chunks.join(''),
    lastUsage: () => usages[usages.length - 1],
    events: {
      output(chunk) {
        chunks.push(chunk);
        bytes += Buffer.byteLength(chunk);
        onOutput?.(bytes);
      },
      usage(usage) {
        usages.push(usage);
        onUsage?.(usage);
      },
      spawned(info) {
        spawned.push(info);
      },
      tool(call) {
        tools.push(call);
      },
    },
  };
}
