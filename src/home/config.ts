import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import {
  type AgentDefaults,
  agentSchemas,
  BUILTIN_DEFAULTS,
  commandLineProblems,
  formatProblem,
  keysOf,
  type Problem,
  parseKey,
  parseYamlText,
  problemsFromZod,
  readCache,
  writeCache,
} from '../agents/index.js';
import { CorruptFileError } from '../shared/index.js';
import { once } from '../shared/index.js';

/** A variable's name as a shell would take it (POSIX: letters, digits, underscores, not starting with a digit). */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * nightshift.yaml: home-wide defaults (timezone, limits), alert channels,
 * price overrides and the names of more secret variables. Every key is optional; a missing file means the built-in
 * defaults. Unknown keys are errors, as in agent files.
 */
/** Built on first use (`once`, src/shared/once.ts): an unchanged nightshift.yaml comes from the parse cache. */
export const configSchemas = once(() => {
  // the same units as agent files, parsed by the same schemas
  const { duration, size, timezone: timezoneSchema } = agentSchemas();
  const usd = z.number().nonnegative();

  const priceSchema = z.strictObject({
    /** USD per million tokens */
    input: z.number().nonnegative(),
    output: z.number().nonnegative(),
    cache_write: z.number().nonnegative().optional(),
    cache_read: z.number().nonnegative().optional(),
  });

  const configSchema = z.strictObject({
    timezone: timezoneSchema.optional(),
    defaults: z
      .strictObject({
        limits: z
          .strictObject({
            time: duration.optional(),
            calls: z.number().int().positive().optional(),
            tool_calls: z.number().int().positive().optional(),
            cost_usd: usd.optional(),
            output_bytes: size.optional(),
          })
          .default({}),
        input_max_bytes: size.optional(),
        grace: duration.optional(),
        deadline: duration.optional(),
        alerts: z
          .strictObject({
            cost_over_usd: usd.optional(),
            output_drop: z.number().gt(0).lte(1).optional(),
            failures_before_alert: z.number().int().positive().optional(),
          })
          .default({}),
      })
      .default({ limits: {}, alerts: {} }),
    harness: z
      .strictObject({
        /** between SIGTERM and SIGKILL when a run is ended */
        kill_grace: duration.default(3000),
      })
      .default({ kill_grace: 3000 }),
    alerts: z
      .strictObject({
        realert: duration.default(8 * 3_600_000),
        /** how long a cron agent's missed run stays looked for; older due times are not alerted */
        lookback: duration.default(7 * 86_400_000),
      })
      .default({ realert: 8 * 3_600_000, lookback: 7 * 86_400_000 }),
    notify: z
      .strictObject({
        command: z.union([z.string().min(1), z.array(z.string()).min(1)]).optional(),
        webhook: z.url({ message: 'expected an http(s) URL' }).optional(),
        healthchecks: z
          .strictObject({
            /** a URL with {agent} in it, e.g. https://hc-ping.com/<ping-key>/{agent} */
            url: z.string().optional(),
            agents: z.record(z.string(), z.string()).optional(),
          })
          .optional(),
        timeout: duration.default(10_000),
      })
      .default({ timeout: 10_000 }),
    prices: z.record(z.string(), priceSchema).default({}),
    secrets: z
      .strictObject({
        /** more variables whose values are secrets, besides *_KEY, *_TOKEN, *_SECRET, *_PASSWORD and the runners' key variables */
        env: z
          .array(
            z.string().regex(ENV_NAME, { message: 'expected the name of an environment variable, like DATABASE_URL' }),
          )
          .default([]),
      })
      .default({ env: [] }),
  });

  return { config: configSchema, price: priceSchema };
});

export type PriceOverride = z.output<ReturnType<typeof configSchemas>['price']>;
export type NightshiftConfig = z.output<ReturnType<typeof configSchemas>['config']>;

export interface LoadedConfig {
  config: NightshiftConfig;
  defaults: AgentDefaults;
  /** false when nightshift.yaml does not exist and built-in defaults apply */
  fromFile: boolean;
}

export function agentDefaultsFrom(config: NightshiftConfig): AgentDefaults {
  const d = config.defaults;
  return {
    timezone: config.timezone ?? BUILTIN_DEFAULTS.timezone,
    limits: {
      time: d.limits.time ?? BUILTIN_DEFAULTS.limits.time,
      calls: d.limits.calls ?? BUILTIN_DEFAULTS.limits.calls,
      tool_calls: d.limits.tool_calls ?? BUILTIN_DEFAULTS.limits.tool_calls,
      cost_usd: d.limits.cost_usd ?? BUILTIN_DEFAULTS.limits.cost_usd,
      output_bytes: d.limits.output_bytes ?? BUILTIN_DEFAULTS.limits.output_bytes,
    },
    grace: d.grace ?? BUILTIN_DEFAULTS.grace,
    deadline: d.deadline ?? BUILTIN_DEFAULTS.deadline,
    inputMaxBytes: d.input_max_bytes ?? BUILTIN_DEFAULTS.inputMaxBytes,
    alerts: {
      output_drop: d.alerts.output_drop ?? BUILTIN_DEFAULTS.alerts.output_drop,
      failures_before_alert: d.alerts.failures_before_alert ?? BUILTIN_DEFAULTS.alerts.failures_before_alert,
      cost_over_usd: d.alerts.cost_over_usd ?? BUILTIN_DEFAULTS.alerts.cost_over_usd,
    },
  };
}

const CACHE_ENTRY = 'nightshift.yaml';

/**
 * What the schema makes of an empty nightshift.yaml, written out: a home
 * without the file (most test and demo homes) then builds no schema at all.
 * test/home/config.test.ts holds it equal to `configSchemas().config.parse({})`.
 */
export function defaultConfig(): NightshiftConfig {
  return {
    defaults: { limits: {}, alerts: {} },
    harness: { kill_grace: 3000 },
    alerts: { realert: 8 * 3_600_000, lookback: 7 * 86_400_000 },
    notify: { timeout: 10_000 },
    prices: {},
    secrets: { env: [] },
  };
}

export function parseConfigText(
  text: string,
  file = 'nightshift.yaml',
): { ok: true; config: NightshiftConfig } | { ok: false; problems: Problem[] } {
  const yaml = parseYamlText(file, text);
  if (!yaml.ok) return yaml;
  const data = yaml.data;
  const schema = configSchemas().config;
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(file, parsed.error, data, keysOf(schema)) };
  // a notify command the kernel would refuse to start (E2BIG) would lose every alert: said now, not at the first one
  const notify = parsed.data.notify.command;
  const tooLong = notify === undefined ? [] : commandLineProblems(file, 'notify.command', notify);
  if (tooLong.length > 0) return { ok: false, problems: tooLong };
  return { ok: true, config: parsed.data };
}

/**
 * A broken nightshift.yaml stops every command: its defaults bound every
 * agent, so guessing them is unsafe. `cacheFile` (run/config.cache.json)
 * keeps the parsed file, so an unchanged one is not parsed again by the next
 * command (see agents/cache.ts); a broken file is never cached.
 */
export async function loadConfig(configFile: string, cacheFile?: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(configFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      const config = defaultConfig();
      return { config, defaults: agentDefaultsFrom(config), fromFile: false };
    }
    throw new CorruptFileError(configFile, `cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const key = parseKey(configFile, text);
  const cached = cacheFile ? (await readCache<NightshiftConfig>(cacheFile)).get(CACHE_ENTRY) : undefined;
  if (cached?.key === key) return { config: cached.value, defaults: agentDefaultsFrom(cached.value), fromFile: true };
  const parsed = parseConfigText(text, configFile);
  if (parsed.ok && cacheFile) await writeCache(cacheFile, new Map([[CACHE_ENTRY, { key, value: parsed.config }]]));
  if (!parsed.ok) {
    throw new CorruptFileError(configFile, `is not valid:\n  ${parsed.problems.map(formatProblem).join('\n  ')}`, {
      fix: 'correct the fields named above (see the comments that `nightshift init` wrote into the file)',
    });
  }
  return { config: parsed.config, defaults: agentDefaultsFrom(parsed.config), fromFile: true };
}
