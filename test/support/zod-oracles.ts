import { z } from 'zod';
import {
  ALERT_RULES,
  CHANGE_ACTIONS,
  CONTAINMENTS,
  COST_BASES,
  LIMIT_NAMES,
  RUN_STATUSES,
} from '../../src/journal/records.js';

/**
 * The zod schemas the record formats had before they were declared once in
 * src/shared/format.ts (at 29c036c), kept as test oracles only: the formats
 * must accept, refuse and return exactly what these did, so the move changed
 * no verdict on any record. Nothing in src/ imports zod for these files.
 */
const iso = () => z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an ISO 8601 time' });

export const runRecordOracle = z.object({
  v: z.literal(1),
  run_id: z.string().min(1),
  agent: z.string().min(1),
  trigger: z.string(),
  started_at: iso(),
  ended_at: iso(),
  duration_ms: z.number().nonnegative(),
  status: z.enum(RUN_STATUSES),
  reason: z.string().nullable(),
  /** which limit ended the run: its name, the limit and the value seen when it was crossed */
  limit_hit: z.object({ limit: z.enum(LIMIT_NAMES), max: z.number(), observed: z.number() }).nullable(),
  input_file: z.string().nullable(),
  input_size_bytes: z.number().nullable(),
  output_file: z.string().nullable(),
  output_size_bytes: z.number().nonnegative(),
  tool_calls: z.array(z.string()),
  llm_calls: z.number().int().nonnegative(),
  tokens: z.object({
    input: z.number().nonnegative(),
    output: z.number().nonnegative(),
    cache_read: z.number().nonnegative().optional(),
    cache_write: z.number().nonnegative().optional(),
  }),
  cost_usd: z.number().nonnegative(),
  /** `reported` (by the runner, e.g. claude's result line), `table`, `fallback` (unknown model), `none` (free) */
  cost_basis: z.enum(COST_BASES).optional(),
  runner: z.string(),
  model: z.string().nullable(),
  exit_code: z.number().int().nullable(),
  containment: z.enum(CONTAINMENTS).nullable().optional(),
  prompt_sha256: z.string().nullable(),
  definition_sha256: z.string().nullable(),
  host: z.string(),
  version: z.string(),
  attempt: z.number().int().nonnegative().nullable().optional(),
  first_run_id: z.string().min(1).nullable().optional(),
});

export const alertEventOracle = z.object({
  v: z.literal(1),
  /** stable identity of the condition, e.g. `missed:nightly-summarizer:2026-11-23T22:00:00.000Z` or `non_ok:inbox-digest` */
  key: z.string().min(1),
  event: z.enum(['open', 'resend', 'update', 'resolve']),
  rule: z.enum(ALERT_RULES),
  agent: z.string().nullable(),
  severity: z.enum(['info', 'warning', 'critical']),
  at: iso(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  channels: z.array(z.object({ channel: z.string(), ok: z.boolean(), error: z.string().optional() })).optional(),
  held: z.string().optional(),
});

export const changeRecordOracle = z.object({
  v: z.literal(1),
  at: iso(),
  by: z.string(),
  action: z.enum(CHANGE_ACTIONS),
  /** null for fleet-wide changes (stop-all, start-all) */
  agent: z.string().nullable(),
  reason: z.string().nullable(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  /** which part of nightshift made the change */
  source: z.enum(['cli', 'console', 'daemon', 'harness', 'watchdog', 'script']).default('cli'),
});

export const reviewRecordOracle = z.object({
  v: z.literal(1),
  at: iso(),
  by: z.string(),
  agent: z.string(),
  note: z.string().nullable(),
  concern: z.boolean(),
  /** the output the reviewer read, relative to the home */
  output_file: z.string().nullable().optional(),
});

export const evalRecordOracle = z.object({
  v: z.literal(1),
  at: iso(),
  agent: z.string(),
  case: z.string(),
  run_id: z.string().nullable(),
  status: z.string(),
  passed: z.boolean(),
  failures: z.array(z.string()),
  baseline: z.boolean().default(false),
});

export const runLockOracle = z.object({
  run_id: z.string().min(1),
  agent: z.string().min(1),
  /** the harness process: alive while the run is in flight (0: the lock did not parse) */
  pid: z.number().int().nonnegative(),
  /** the runner's process group, once it has spawned; `kill` ends this group */
  pgid: z.number().int().positive().nullable(),
  runner_pid: z.number().int().positive().nullable().default(null),
  /** the runner's own cgroup directory, when it has one; `kill` ends it with cgroup.kill */
  cgroup: z.string().nullable().default(null),
  started_at: z.string(),
  trigger: z.string(),
  host: z.string(),
  lease_ms: z.number().int().positive().nullable().default(null),
  boot_id: z.string().nullable().default(null),
  pid_start_ticks: z.number().nullable().default(null),
  runner: z.string().default('unknown'),
  model: z.string().nullable().default(null),
  prompt_sha256: z.string().nullable().default(null),
  definition_sha256: z.string().nullable().default(null),
  input_file: z.string().nullable().default(null),
  attempt: z
    .object({
      number: z.number().int().positive(),
      first_run_id: z.string().min(1),
      crash_retry: z.object({ attempt: z.number().int().positive(), wait_ms: z.number().min(0) }).nullable(),
    })
    .nullable()
    .default(null),
  usage: z
    .object({
      llm_calls: z.number().int().nonnegative(),
      tool_calls: z.array(z.string()),
      cost_usd: z.number().nonnegative(),
      cost_basis: z.enum(COST_BASES),
      tokens: z.object({
        input: z.number(),
        output: z.number(),
        cache_read: z.number().optional(),
        cache_write: z.number().optional(),
      }),
    })
    .nullable()
    .default(null),
  /**
   * The output being published, written here before it gets its name, with
   * the final usage: if the run's record then cannot be written, the CRASHED
   * record names the file (the published name shares the temp file's inode).
   */
  output: z
    .object({
      stamp: z.string().min(1),
      ino: z.string().regex(/^\d+$/),
      size_bytes: z.number().int().nonnegative(),
    })
    .nullable()
    .default(null),
});

export const killMarkerOracle = z.object({
  run_id: z.string(),
  by: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
  /** the pid of the harness that heard the kill (KillWatch), null until then */
  seen_by: z.number().int().positive().nullable().default(null),
  host: z.string().nullable().default(null),
});

export const heartbeatOracle = z.object({
  pid: z.number().int(),
  started_at: z.string(),
  beat_at: z.string(),
  host: z.string().optional(),
  /** when pid started, in clock ticks after boot (/proc): a pid reused by another process is not the daemon */
  pid_start_ticks: z.number().optional(),
  version: z.string().optional(),
  /** set by a clean stop (SIGTERM, SIGINT) */
  stopped_at: z.string().optional(),
});

/**
 * state.json and an eval's baseline.json, as zod declared them before they
 * moved to src/shared/format.ts (at 89abcaa). state.json is also edited by
 * hand, so its objects were strict: an unknown key is refused, not dropped.
 */
const agentName = () =>
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'expected an agent name (lowercase letters, digits, dashes)' });

export const agentEntryOracle = z.strictObject({
  state: z.enum(['enabled', 'paused', 'disabled']),
  reason: z.string().nullable(),
  since: iso().nullable(),
  by: z.string().nullable(),
  paused_until: iso().nullable().default(null),
});

export const globalStopOracle = z.strictObject({
  stopped: z.boolean(),
  since: iso().nullable(),
  by: z.string().nullable(),
  reason: z.string().nullable(),
});

export const alertAckOracle = z.strictObject({
  opened_at: iso(),
  agent: z.string().nullable(),
  by: z.string(),
  reason: z.string(),
  since: iso(),
  until: iso().nullable(),
});

export const silenceOracle = z.strictObject({
  agent: agentName().nullable(),
  by: z.string(),
  reason: z.string(),
  since: iso(),
  until: iso(),
});

export const stateFileOracle = z.strictObject({
  v: z.literal(1),
  global: globalStopOracle,
  agents: z.record(agentName(), agentEntryOracle),
  acks: z.record(z.string().min(1), alertAckOracle).optional(),
  silences: z.array(silenceOracle).optional(),
});

export const baselineMetaOracle = z.object({
  v: z.literal(1),
  status: z.string().min(1),
  at: z.string(),
  run_id: z.string().nullable(),
});
