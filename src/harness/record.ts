import type { Containment } from '../runners/index.js';
import type { RunnerUsage, Tokens } from '../runners/index.js';
import { type RunRecord, type RunStatus, runRecordSchema } from '../journal/index.js';
import type { LimitHit } from './limits.js';
import { roundUsd } from '../shared/index.js';
import { redact, type Secret } from '../secrets/index.js';

/**
 * Builds the one line of logs/runs.jsonl a run ends with (DESIGN §3). Pure.
 * Every free-text field passes through `redact`, and the result through the
 * journal's own format, so a record that readers would refuse fails here.
 */

/** What a record says about the agent; a CRASHED record gets it from the lock, the rest from the definition. */
export interface RunSubject {
  agent: string;
  runner: string;
  model: string | null;
  promptSha256: string | null;
  definitionSha256: string | null;
}

export interface RecordParts {
  subject: RunSubject;
  runId: string;
  trigger: string;
  startedAt: Date;
  endedAt: Date;
  status: RunStatus;
  reason: string | null;
  limitHit: LimitHit | null;
  input: { file: string; sizeBytes: number | null } | null;
  /** relative to the home, when a file was written */
  output: { file: string; sizeBytes: number } | null;
  usage: RunnerUsage | null;
  exitCode: number | null;
  /** how the runner's processes were contained; null when it started none */
  containment?: Containment | null;
  host: string;
  version: string;
  /** set for agents with a retry policy: 1-based attempt number and the first attempt's run id */
  attempt?: { number: number; firstRunId: string };
}

export function buildRunRecord(parts: RecordParts, secrets: readonly Secret[]): RunRecord {
  const usage = parts.usage;
  const record = {
    v: 1,
    run_id: parts.runId,
    agent: parts.subject.agent,
    trigger: parts.trigger,
    started_at: parts.startedAt.toISOString(),
    ended_at: parts.endedAt.toISOString(),
    duration_ms: Math.max(0, parts.endedAt.getTime() - parts.startedAt.getTime()),
    status: parts.status,
    reason: parts.reason === null ? null : redact(parts.reason, secrets),
    limit_hit: parts.limitHit,
    input_file: parts.input?.file ?? null,
    input_size_bytes: parts.input?.sizeBytes ?? null,
    output_file: parts.output?.file ?? null,
    output_size_bytes: parts.output?.sizeBytes ?? 0,
    tool_calls: usage?.toolCalls ?? [],
    llm_calls: usage?.llmCalls ?? 0,
    tokens: tokensOf(usage?.tokens),
    cost_usd: roundUsd(Math.max(0, usage?.costUsd ?? 0)),
    cost_basis: usage?.costBasis ?? 'none',
    runner: parts.subject.runner,
    model: parts.subject.model ?? usage?.pricedModel ?? null,
    exit_code: parts.exitCode,
    containment: parts.containment ?? null,
    prompt_sha256: parts.subject.promptSha256,
    definition_sha256: parts.subject.definitionSha256,
    host: parts.host,
    version: parts.version,
    attempt: parts.attempt?.number ?? null,
    first_run_id: parts.attempt?.firstRunId ?? null,
  };
  // the format's copy, in its key order; a field a reader would refuse throws here, naming it
  return runRecordSchema.parse(record);
}

function tokensOf(tokens: Tokens | undefined): RunRecord['tokens'] {
  if (!tokens) return { input: 0, output: 0 };
  return { input: tokens.input, output: tokens.output, cache_read: tokens.cache_read, cache_write: tokens.cache_write };
}
