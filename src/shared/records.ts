import {
  array,
  boolean,
  type Infer,
  literal,
  nullable,
  number,
  object,
  oneOf,
  optional,
  record,
  string,
  time,
  unknown,
  withDefault,
} from './format.js';
import { RUN_STATUSES } from './statuses.js';

/**
 * The record formats of the journals under logs/ (DESIGN §3, §5, §6), each
 * declared once (src/shared/format.ts): the one validator that the harness
 * writes through and every reader reads through, the canonical key order of
 * a written line, and the line pattern the index reads without JSON.parse.
 * A record of the wrong shape is told apart, counted and skipped, instead of
 * crashing a reader.
 */

/** invalid: the definition asks for more than it declares (write or network tools without writes/network: true), refused by the harness */
export const SKIP_REASONS = ['paused', 'disabled', 'stopped', 'budget', 'overlap', 'invalid'] as const;
/**
 * A retired agent's run (`nightshift retire`): refused like a disabled one's.
 * Apart from SKIP_REASONS, which the committed demo history covers reason by
 * reason (test/demo); a retired skip there would mean regenerating it.
 */
export const RETIRED_SKIP = 'retired';
export type SkipReason = (typeof SKIP_REASONS)[number] | typeof RETIRED_SKIP;

export const TRIGGERS = ['manual', 'cron', 'watch', 'when', 'eval', 'catch_up', 'webhook'] as const;
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

const nonNegative = () => number({ min: 0 });
const count = () => number({ int: true, min: 0 });

/** The tokens of a run (and of a lock's usage). */
export const tokensSchema = object({
  input: nonNegative(),
  output: nonNegative(),
  cache_read: optional(nonNegative()),
  cache_write: optional(nonNegative()),
});

/** One line of logs/runs.jsonl: the one record every run ends with. Keys in the order they are written. */
export const runRecordSchema = object(
  {
    v: literal(1),
    run_id: string({ min: 1 }),
    agent: string({ min: 1 }),
    trigger: string(),
    started_at: time(),
    ended_at: time(),
    duration_ms: nonNegative(),
    status: oneOf(RUN_STATUSES),
    reason: nullable(string()),
    /** which limit ended the run: its name, the limit and the value seen when it was crossed */
    limit_hit: nullable(object({ limit: oneOf(LIMIT_NAMES), max: number(), observed: number() })),
    input_file: nullable(string()),
    input_size_bytes: nullable(number()),
    output_file: nullable(string()),
    output_size_bytes: nonNegative(),
    tool_calls: array(string()),
    llm_calls: count(),
    tokens: tokensSchema,
    cost_usd: nonNegative(),
    /** `reported` (by the runner, e.g. claude's result line), `table`, `fallback` (unknown model), `none` (free) */
    cost_basis: optional(oneOf(COST_BASES)),
    runner: string(),
    model: nullable(string()),
    exit_code: nullable(number({ int: true })),
    containment: optional(nullable(oneOf(CONTAINMENTS))),
    prompt_sha256: nullable(string()),
    definition_sha256: nullable(string()),
    host: string(),
    version: string(),
    /**
     * which attempt this run is, 1-based (1 = the first run, 2 = its first retry), for an agent with a retry
     * policy; null without one; absent: recorded before the field existed
     */
    attempt: optional(nullable(count())),
    /** with `attempt`: the run id of attempt 1, the same for every attempt of one run (its own id on attempt 1) */
    first_run_id: optional(nullable(string({ min: 1 }))),
  },
  'a run record',
);
export type RunRecord = Infer<typeof runRecordSchema>;

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
  /** nightshift.yaml turned invalid under a running daemon: every run it starts refuses until the file is fixed */
  'config_invalid',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/**
 * What an alert event records: `open` (sent), `resend` (sent again: realert
 * passed, or its severity rose), `update` (its text changed with the facts
 * that keep it open: recorded, not sent), `resolve` (closed, sent).
 */
export const ALERT_EVENTS = ['open', 'resend', 'update', 'resolve'] as const;
export type AlertEventKind = (typeof ALERT_EVENTS)[number];

/** One line of logs/alerts.jsonl. */
export const alertEventSchema = object(
  {
    v: literal(1),
    /** stable identity of the condition, e.g. `missed:nightly-summarizer:2026-11-23T22:00:00.000Z` or `non_ok:inbox-digest` */
    key: string({ min: 1 }),
    event: oneOf(ALERT_EVENTS),
    rule: oneOf(ALERT_RULES),
    agent: nullable(string()),
    severity: oneOf(['info', 'warning', 'critical']),
    at: time(),
    message: string(),
    details: optional(record()),
    channels: optional(array(object({ channel: string(), ok: boolean(), error: optional(string()) }))),
    /** recorded but sent to no channel: why ("maintenance window by aycee until …: deploy"); see src/alerts/quiet.ts */
    held: optional(string()),
  },
  'an alert event',
);
export type AlertEvent = Infer<typeof alertEventSchema>;

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
  /** an open alert acknowledged (or no longer): seen, not re-sent; state.json `acks` */
  'ack',
  'unack',
  /** a maintenance window for an agent or the fleet (agent null): alerts recorded, none sent; state.json `silences` */
  'silence',
  'unsilence',
  /** an agent stopped for good, its files moved to retired/ (`nightshift retire`), or brought back (`unretire`) */
  'retire',
  'unretire',
] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** One line of logs/changes.jsonl. */
export const changeRecordSchema = object(
  {
    v: literal(1),
    at: time(),
    by: string(),
    action: oneOf(CHANGE_ACTIONS),
    /** null for fleet-wide changes (stop-all, start-all) */
    agent: nullable(string()),
    reason: nullable(string()),
    before: optional(unknown()),
    after: optional(unknown()),
    /** which part of nightshift made the change */
    source: withDefault(oneOf(['cli', 'console', 'daemon', 'harness', 'watchdog', 'script']), 'cli'),
    /** the machine it was made on (journal/append-change.ts); absent in lines written before it was recorded */
    host: optional(string()),
  },
  'a change record',
);
export type ChangeRecord = Infer<typeof changeRecordSchema>;

/** What a quarterly review decides for an agent. */
export const QUARTER_ANSWERS = ['keep', 'tune', 'retire'] as const;
export type QuarterAnswer = (typeof QUARTER_ANSWERS)[number];

/** One line of logs/reviews.jsonl. */
export const reviewRecordSchema = object(
  {
    v: literal(1),
    at: time(),
    by: string(),
    agent: string(),
    note: nullable(string()),
    concern: boolean(),
    /** the output the reviewer read, relative to the home */
    output_file: optional(nullable(string())),
    /** a quarterly review's answer (`nightshift review --quarter --answer`): the quarter, like 2026-Q4 */
    quarter: optional(string({ regex: /^\d{4}-Q[1-4]$/, expected: 'a quarter like 2026-Q4' })),
    answer: optional(oneOf(QUARTER_ANSWERS)),
  },
  'a review record',
);
export type ReviewRecord = Infer<typeof reviewRecordSchema>;

/** One line of an agent's evals journal. */
export const evalRecordSchema = object(
  {
    v: literal(1),
    at: time(),
    agent: string(),
    case: string(),
    run_id: nullable(string()),
    status: string(),
    passed: boolean(),
    failures: array(string()),
    baseline: withDefault(boolean(), false),
    /** the content score against the baseline (token F1, governance/eval/similarity.ts); null: no baseline or no output; absent: older lines */
    similarity: optional(nullable(number({ min: 0 }))),
    /** the case's min_similarity when it set one */
    min_similarity: optional(number({ min: 0 })),
    /** the judge's verdict when the case has one: score null when its answer did not parse or it did not run */
    judge: optional(
      object({
        score: nullable(number({ min: 0 })),
        min_score: number({ min: 0 }),
        reason: string(),
        /** the judge's own run (logs/eval-runs.jsonl, trigger eval) and what it cost */
        run_id: nullable(string()),
        status: string(),
        cost_usd: number({ min: 0 }),
      }),
    ),
  },
  'an eval record',
);
export type EvalRecord = Infer<typeof evalRecordSchema>;
