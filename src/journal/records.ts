import { z } from 'zod';
import { lazySchema } from '../lazy.js';
import { RUN_STATUSES } from '../shared/statuses.js';

/**
 * The record formats of the journals under logs/ (DESIGN §3, §5, §6). Each has
 * a zod schema so readers can tell a record of the wrong shape from a good
 * one, count it and skip it, instead of crashing on it.
 */

export { AGENT_STATUSES, DERIVED_STATUSES, HARNESS_STATUSES, RUN_STATUSES } from '../shared/statuses.js';
export type { AgentStatus, RunStatus, Status } from '../shared/statuses.js';
/** invalid: the definition asks for more than it declares (write or network tools without writes/network: true), refused by the harness */
export const SKIP_REASONS = ['paused', 'disabled', 'stopped', 'budget', 'overlap', 'invalid'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const TRIGGERS = ['manual', 'cron', 'watch', 'when', 'eval', 'catch_up'] as const;
export type TriggerKind = (typeof TRIGGERS)[number];

export const LIMIT_NAMES = ['time', 'calls', 'tool_calls', 'cost_usd', 'output_bytes'] as const;
/** How a record's cost was known: the runner reported it, the price table, the table's fallback for an unknown model, or no cost at all. */
export const COST_BASES = ['reported', 'table', 'fallback', 'none'] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];
/**
 * How a run's processes were held together, so a kill reached all of them:
 * `cgroup` (a cgroup of its own, ended with cgroup.kill), `sweep` (its
 * process group, its descendants and every process carrying its run id),
 * `group` (no /proc: its process group alone). null: the run started no
 * process (refused, stopped before its runner, an HTTP runner); absent: recorded
 * before the field existed.
 */
export const CONTAINMENTS = ['cgroup', 'sweep', 'group'] as const;

const iso = () => z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an ISO 8601 time' });

export const runRecordSchema = lazySchema(() => z.object({
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
}));
export type RunRecord = z.output<typeof runRecordSchema>;

export const ALERT_RULES = [
  'missed',
  'non_ok',
  'run_cost',
  'output_drop',
  'budget_warn',
  'budget_reached',
  'cost_anomaly',
  'scheduler_down',
  'drift',
  'review_overdue',
  'channel_failed',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export const alertEventSchema = lazySchema(() => z.object({
  v: z.literal(1),
  /** stable identity of the condition, e.g. `missed:nightly-summarizer:2026-11-23T22:00:00.000Z` or `non_ok:inbox-digest` */
  key: z.string().min(1),
  event: z.enum(['open', 'resend', 'resolve']),
  rule: z.enum(ALERT_RULES),
  agent: z.string().nullable(),
  severity: z.enum(['info', 'warning', 'critical']),
  at: iso(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  channels: z.array(z.object({ channel: z.string(), ok: z.boolean(), error: z.string().optional() })).optional(),
}));
export type AlertEvent = z.output<typeof alertEventSchema>;

export const CHANGE_ACTIONS = [
  'pause',
  'resume',
  'disable',
  'enable',
  'kill',
  /** a run a person asked for (console `r`, `nightshift run --reason`); scheduled runs are not changes */
  'run',
  'stop-all',
  'start-all',
  'schedule',
  'definition',
  'budget-pause',
  'auto-resume',
] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export const changeRecordSchema = lazySchema(() => z.object({
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
}));
export type ChangeRecord = z.output<typeof changeRecordSchema>;

export const reviewRecordSchema = lazySchema(() => z.object({
  v: z.literal(1),
  at: iso(),
  by: z.string(),
  agent: z.string(),
  note: z.string().nullable(),
  concern: z.boolean(),
  /** the output the reviewer read, relative to the home */
  output_file: z.string().nullable().optional(),
}));
export type ReviewRecord = z.output<typeof reviewRecordSchema>;

export const evalRecordSchema = lazySchema(() => z.object({
  v: z.literal(1),
  at: iso(),
  agent: z.string(),
  case: z.string(),
  run_id: z.string().nullable(),
  status: z.string(),
  passed: z.boolean(),
  failures: z.array(z.string()),
  baseline: z.boolean().default(false),
}));
export type EvalRecord = z.output<typeof evalRecordSchema>;
