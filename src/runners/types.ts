import type { AgentDefinition, RunnerKind } from '../agents/index.js';
import type { Secret } from '../secrets/index.js';
import type { SpawnedInfo } from './process/supervise.js';

/**
 * The contract between the harness and a runner. The runner does the agent's
 * work and reports what it sees (output text, model calls, tool calls,
 * tokens, cost) as it happens; the harness counts, compares with the limits
 * and aborts `signal` when one is crossed. A runner never decides a limit.
 */
export interface Tokens {
  input: number;
  output: number;
  cache_read: number;
  cache_write: number;
}

export type CostBasis = 'reported' | 'table' | 'fallback' | 'none';

export interface RunnerUsage {
  /** model calls so far (claude: distinct assistant message ids, not <synthetic>) */
  llmCalls: number;
  /** tool names in call order (claude: every tool_use block, subagents' included) */
  toolCalls: string[];
  tokens: Tokens;
  /** running estimate while streaming; the runner's final figure at the end */
  costUsd: number;
  costBasis: CostBasis;
  /** the model that was priced, and whether the price table knew it */
  pricedModel?: string;
}

export interface ToolCallSeen {
  name: string;
  input: unknown;
}

export interface RunnerEvents {
  /** Output text as the agent produces it. The harness counts bytes and keeps at most the limit. */
  output(chunk: string): void;
  /** Called after every change of usage, so calls and cost limits act while the run streams. */
  usage(usage: RunnerUsage): void;
  /**
   * A tool call the runner saw, with its input as the model sent it, reported
   * before the usage that counts it: for the live view (run/<agent>.live.jsonl),
   * where the harness redacts and cuts it. Never used to decide anything.
   */
  tool?(call: ToolCallSeen): void;
  /** The runner's process (if any) started: pid, process group and cgroup, for the run lock and `kill`; its containment, for the record. */
  spawned?(info: SpawnedInfo): void;
}

export interface RunnerInput {
  agent: AgentDefinition;
  runId: string;
  /** the agent's prompt body, used as the system prompt, with {date} filled in */
  systemPrompt: string;
  /** the run's local date in the agent's zone (YYYY-MM-DD): what {date} was filled with */
  date: string;
  /** the user turn: what to do now, naming the input file */
  task: string;
  /** absolute path of the one input file, when the agent declares one: its real path, links resolved by the harness's preflight */
  inputPath?: string;
  /** environment for child processes / API keys; NIGHTSHIFT_RUN_ID is set in it */
  env: NodeJS.ProcessEnv;
  /**
   * The run's secrets (the harness's secretsFor): whatever the runner returns
   * (reason, stderrTail) is redacted with them before it is cut. Absent: the
   * runner takes them from `env` (runnerSecrets).
   */
  secrets?: readonly Secret[];
  /** aborted by the harness when a limit is crossed or the run is killed */
  signal: AbortSignal;
  /** between SIGTERM and SIGKILL when a process runner is ended */
  killGraceMs: number;
  prices: PriceTable;
  /** where a process runner starts (the home) */
  cwd: string;
}

export interface RunnerOutcome {
  usage: RunnerUsage;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /**
   * true when the runner did its job to the end (claude: a `result` line with
   * is_error false). false → RUNNER_FAILED, unless the harness aborted the run
   * for a limit, in which case the limit's status wins.
   */
  completed: boolean;
  /** why it did not complete, in words an operator can act on (redacted: never a secret, nor a piece of one) */
  reason?: string;
  /** a few KB of the runner's stderr, redacted, for the record's reason and the healthchecks /fail ping */
  stderrTail?: string;
  /**
   * The runner's processes were ended and swept for leftovers after it was
   * done (superviseProcess), and none was left: the harness need not sweep
   * again. Absent: the harness sweeps for the run id itself.
   */
  swept?: boolean;
}

export interface Runner {
  kind: RunnerKind;
  run(input: RunnerInput, events: RunnerEvents): Promise<RunnerOutcome>;
}

/** USD per million tokens for one model. */
export interface ModelPrice {
  input: number;
  output: number;
  cache_write: number;
  cache_read: number;
}

export interface PriceTable {
  /** exact model id → price; lookups also try the id without a -YYYYMMDD date suffix */
  models: Record<string, ModelPrice>;
  /** used for a model the table does not know; the record says cost_basis "fallback" */
  fallback: ModelPrice & { model: string };
}
