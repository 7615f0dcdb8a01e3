import * as z from 'zod';
import { once } from '../shared/index.js';
import { checkCron } from '../cron/index.js';
import { checkWatchPath } from './glob.js';
import { isTimeZone } from './timezone.js';
import { parseRate } from './rate.js';
import { parseDuration, parseSize } from './units.js';
import { retryOnProblem } from './retry.js';

/**
 * The front-matter of an agent file (DESIGN §2) as a zod schema. Units are
 * parsed here, so the rest of nightshift sees milliseconds and bytes. Every
 * object is strict: a typo such as `limts:` is an error, never a dropped limit.
 */
export const AGENT_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Built on first use (`once`, src/shared/once.ts): a command whose agent files come from the
 * parse cache never needs them.
 */
export const agentSchemas = once(() => {
  const duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
    const ms = typeof value === 'number' ? null : parseDuration(value);
    if (ms === null) {
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(value)} is not a duration: expected a number and a unit, like 30s, 5m, 2h or 7d`,
      });
      return z.NEVER;
    }
    return ms;
  });

  const size = z.union([z.string(), z.number()]).transform((value, ctx) => {
    const bytes = parseSize(value);
    if (bytes === null) {
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(value)} is not a size: expected a number and a unit, like 100KB or 10MB`,
      });
      return z.NEVER;
    }
    return bytes;
  });

  const usd = z
    .number({ message: 'expected an amount in USD, a number like 2 or 0.5' })
    .nonnegative({ message: 'expected an amount in USD of 0 or more' });
  const positiveInt = z
    .number()
    .int({ message: 'expected a whole number' })
    .positive({ message: 'expected a whole number above 0' });
  const fraction = z
    .number()
    .gt(0, { message: 'expected a fraction above 0' })
    .lte(1, { message: 'expected a fraction of at most 1' });

  const timezoneSchema = z
    .string()
    .refine(isTimeZone, {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not a time zone: expected an IANA name like Europe/Berlin or UTC`,
    })
    .transform(zoneNameCase);

  /**
   * Intl takes zone names in any case, the tz files on Linux do not: written
   * into a crontab as CRON_TZ=europe/berlin, the zone would silently be UTC.
   * Only the case is corrected; a link like US/Pacific stays as written.
   */
  function zoneNameCase(zone: string): string {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    return resolved !== zone && resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
  }

  const cron = z.string().transform((value, ctx) => {
    const check = checkCron(value);
    if (!check.ok) {
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(value)} is not a valid cron expression: ${check.problem}`,
      });
      return z.NEVER;
    }
    return value.trim();
  });

  // in the schema, not only in the daemon: a glob the watcher cannot match makes the agent INVALID in validate, status and the console too
  const watchPath = z.string().superRefine((value, ctx) => {
    const problem = checkWatchPath(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

  const watchSchema = z.strictObject({
    path: watchPath,
    debounce: duration.default(30_000),
  });

  /**
   * A duration of at least `minMs`. The check looks at the value as written, so
   * the message can quote it ("1ms", not 1); a value that is no duration at all
   * gets only the not-a-duration message, from `duration`.
   */
  function durationAtLeast(minMs: number, tooShort: (quoted: string) => string) {
    return z
      .union([z.string(), z.number()])
      .superRefine((value, ctx) => {
        const ms = typeof value === 'string' ? parseDuration(value) : null;
        if (ms !== null && ms < minMs) ctx.addIssue({ code: 'custom', message: tooShort(JSON.stringify(value)) });
      })
      .pipe(duration);
  }

  const WHEN_MIN_EVERY_MS = 1000;

  const whenSchema = z.strictObject({
    command: z.string().min(1, { message: 'expected a shell command that exits 0 when the agent should run' }),
    // each poll starts a shell and sweeps /proc for what it left behind: `every: 1ms` would do that a thousand times a second
    every: durationAtLeast(
      WHEN_MIN_EVERY_MS,
      (quoted) =>
        `${quoted} is too short: a condition is a shell command; poll it at most once a second (every: 1s or more)`,
    ).default(300_000),
    // no bound against `every`: the next poll is armed only after the previous one ended (at its timeout at the
    // latest), so polls never overlap; a timeout longer than `every` only stretches the period of a hanging condition
    timeout: duration.default(30_000),
  });

  const rate = z.string().transform((value, ctx) => {
    const parsed = parseRate(value);
    if (parsed === null) {
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(value)} is not a rate: expected a count per window, like 10/h, 100/d or 5/30m`,
      });
      return z.NEVER;
    }
    return parsed;
  });

  // POST /hooks/<agent> on the daemon's listener (src/daemon/webhook): the secret stays in the environment, never in the file
  const webhookSchema = z.strictObject({
    secret_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, {
      message: 'expected the name of the environment variable holding the shared secret, like GITHUB_HOOK_SECRET',
    }),
    max_bytes: size.default(64 * 1024),
    rate: rate.default({ count: 10, windowMs: 3_600_000 }),
  });

  const triggerSchema = z
    .strictObject({
      cron: cron.optional(),
      watch: watchSchema.optional(),
      when: whenSchema.optional(),
      webhook: webhookSchema.optional(),
      timezone: timezoneSchema.optional(),
      grace: duration.optional(),
      catch_up: z.enum(['none', 'once']).default('none'),
      deadline: duration.optional(),
    })
    .superRefine((trigger, ctx) => {
      const kinds = (['cron', 'watch', 'when', 'webhook'] as const).filter((k) => trigger[k] !== undefined);
      if (kinds.length > 1) {
        ctx.addIssue({
          code: 'custom',
          message: `has ${kinds.join(' and ')}: expected exactly one of cron, watch or when, or webhook`,
        });
      }
      if (kinds.length === 0) {
        ctx.addIssue({
          code: 'custom',
          message: 'expected one of cron, watch or when, or webhook (leave trigger out for a manual-only agent)',
        });
      }
    });

  const inputSchema = z.strictObject({
    path: z.string().min(1, { message: 'expected the path of the one file the agent may read' }),
    max_bytes: size.optional(),
    /** a symlink whose target lies outside the path's folder is refused (UNEXPECTED_INPUT) unless this is true */
    follow_symlinks: z.boolean().default(false),
  });

  /** The two HTTP runners' keys, told apart by their example URL and their API's temperature range. */
  const httpApiFields = (exampleUrl: string, maxTemperature: number) => ({
    base_url: z.url({ message: `expected an http(s) URL like ${exampleUrl}` }).optional(),
    api_key_env: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, { message: 'expected the name of an environment variable' })
      .optional(),
    max_tokens: positiveInt.optional(),
    temperature: z.number().min(0).max(maxTemperature).optional(),
  });

  const priceFields = {
    model: z.string().min(1).optional(),
  };

  const runnerSchema = z.discriminatedUnion(
    'kind',
    [
      z.strictObject({
        kind: z.literal('claude'),
        ...priceFields,
        executable: z.string().min(1).optional(),
        max_turns: positiveInt.optional(),
        permission_mode: z.enum(['default', 'dontAsk', 'acceptEdits', 'plan', 'bypassPermissions']).optional(),
      }),
      z.strictObject({
        kind: z.literal('command'),
        ...priceFields,
        command: z.array(z.string()).min(1, { message: 'expected the argv as a list, like ["python3", "report.py"]' }),
        cwd: z.string().optional(),
      }),
      z.strictObject({ kind: z.literal('openai'), ...priceFields, ...httpApiFields('http://127.0.0.1:11434/v1', 2) }),
      z.strictObject({
        kind: z.literal('anthropic'),
        ...priceFields,
        ...httpApiFields('https://api.anthropic.com', 1),
      }),
      z.strictObject({
        kind: z.literal('extractive'),
        ...priceFields,
      }),
    ],
    {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `${JSON.stringify((issue.input as { kind?: unknown })?.kind ?? null)} is not a runner: expected claude, command, openai, anthropic or extractive`
          : undefined,
    },
  );

  const limitsSchema = z.strictObject({
    time: duration.optional(),
    calls: positiveInt.optional(),
    tool_calls: positiveInt.optional(),
    cost_usd: usd.optional(),
    output_bytes: size.optional(),
  });

  const budgetSchema = z.strictObject({
    monthly_usd: usd,
    warn_at: fraction.default(0.8),
  });

  const alertsSchema = z.strictObject({
    cost_over_usd: usd.optional(),
    output_drop: fraction.optional(),
    failures_before_alert: positiveInt.optional(),
  });

  const expectSchema = z.strictObject({
    bullets: z.number().int().nonnegative().optional(),
    max_words: positiveInt.optional(),
    headings: z.array(z.string().min(1)).optional(),
  });

  const outputSchema = z.strictObject({
    expect: expectSchema.optional(),
    /** `date` names outputs by the run's local date (daily agents); `datetime` adds the time. */
    stamp: z.enum(['date', 'datetime']).optional(),
    empty_message: z.string().optional(),
  });

  const retentionSchema = z.union([
    z.enum(['daily', 'weekly', 'quarterly', 'forever']),
    z.strictObject({ keep: duration, then: z.enum(['archive', 'delete']).default('archive') }),
  ]);

  // retry.on lists only statuses that may be transient (retry.ts says why each other one is not)
  const retryStatus = z.string().superRefine((value, ctx) => {
    const problem = retryOnProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

  /** `attempts`: retries after the first run (README "Retry policy"); the wait before retry n is backoff × factor^(n−1) */
  const retrySchema = z.strictObject({
    attempts: positiveInt.max(10, { message: 'expected at most 10 retries' }),
    backoff: duration,
    factor: z.number().min(1, { message: 'expected a factor of 1 or more (1: the same wait each time)' }).default(2),
    on: z
      .array(retryStatus)
      .min(1, { message: 'expected the statuses to retry, like [RUNNER_FAILED, TIMEOUT, CRASHED]' })
      .default(['RUNNER_FAILED', 'TIMEOUT', 'CRASHED']),
  });

  const riskSchema = z.strictObject({
    worst_hour: z.string().optional(),
    recovery_cost: z.string().optional(),
    detection: z.string().optional(),
    stop: z.string().optional(),
    worth_it: z.string().optional(),
  });

  const toolsSchema = z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : value.split(',')).map((tool) => tool.trim()).filter((tool) => tool.length > 0),
    );

  /**
   * Keys of a Claude Code subagent file that nightshift accepts and passes by,
   * so one file works both with `claude --agents` and with `nightshift run`.
   */
  const claudeCodeKeys = {
    model: z.string().optional(),
    color: z.string().optional(),
    disallowedTools: toolsSchema.optional(),
    maxTurns: positiveInt.optional(),
    permissionMode: z.string().optional(),
    mcpServers: z.unknown().optional(),
    skills: z.unknown().optional(),
    memory: z.string().optional(),
    effort: z.string().optional(),
    background: z.boolean().optional(),
    hooks: z.unknown().optional(),
    isolation: z.string().optional(),
  };

  const agentFrontMatterSchema = z.strictObject({
    name: z
      .string()
      .regex(AGENT_NAME_PATTERN, { message: 'expected lowercase letters, digits and dashes, like nightly-summarizer' }),
    description: z.string().min(1, { message: 'expected one sentence saying what the agent does' }),
    tools: toolsSchema.default([]),
    /** write-capable tools and permission modes need it (access.ts) */
    writes: z.boolean().default(false),
    /** network tools (WebFetch, WebSearch) need it: the scope lock allows no network call otherwise */
    network: z.boolean().default(false),
    owner: z.string().min(1).optional(),
    trigger: triggerSchema.optional(),
    input: inputSchema.optional(),
    runner: runnerSchema.default({ kind: 'claude' }),
    limits: limitsSchema.default({}),
    budget: budgetSchema.optional(),
    alerts: alertsSchema.default({}),
    output: outputSchema.default({}),
    retention: retentionSchema.default('daily'),
    review: z.enum(['daily', 'weekly', 'monthly', 'quarterly', 'none']).default('weekly'),
    risk: riskSchema.optional(),
    retry: retrySchema.optional(),
    ...claudeCodeKeys,
  });

  return {
    duration,
    size,
    timezone: timezoneSchema,
    trigger: triggerSchema,
    retention: retentionSchema,
    expect: expectSchema,
    frontMatter: agentFrontMatterSchema,
  };
});
type AgentSchemas = ReturnType<typeof agentSchemas>;

export type AgentFrontMatter = z.output<AgentSchemas['frontMatter']>;
export type Trigger = z.output<AgentSchemas['trigger']>;
export type RunnerConfig = AgentFrontMatter['runner'];
export type RunnerKind = RunnerConfig['kind'];
export type Retention = z.output<AgentSchemas['retention']>;
export type ReviewCadence = AgentFrontMatter['review'];
export type OutputExpect = z.output<AgentSchemas['expect']>;
