import { readFile } from 'node:fs/promises';
import {
  type AgentDefaults,
  BUILTIN_DEFAULTS,
  formatProblem,
  type Problem,
  readCache,
  writeCache,
} from '../agents/index.js';
import { CorruptFileError, parseKey } from '../shared/index.js';
import type { NightshiftConfig } from './config-schema.js';

/**
 * nightshift.yaml: home-wide defaults, alert channels, price overrides and
 * more secret variables (its schema: config-schema.ts). Read through the
 * parse cache, so an unchanged file loads neither yaml nor zod.
 */

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

/** nightshift.yaml's text to its config, or its problems; the schema and its readers load on the first call. */
export async function parseConfigText(
  text: string,
  file = 'nightshift.yaml',
): Promise<{ ok: true; config: NightshiftConfig } | { ok: false; problems: Problem[] }> {
  return (await import('./config-schema.js')).parseConfigText(text, file);
}

/**
 * A broken nightshift.yaml stops every command: its defaults bound every
 * agent, so guessing them is unsafe. `cacheFile` (run/config.cache.json)
 * keeps the parsed file, so an unchanged one is not parsed again by the next
 * command (see agents/cache.ts); a broken file is never cached.
 */
/**
 * The settings nightshift.yaml last had when it was valid: the parse cache
 * keeps the last valid parse only (a broken file is never cached), so it
 * survives the file being broken. Null: none cached (or the cache unreadable).
 */
export async function lastValidConfig(cacheFile: string): Promise<NightshiftConfig | null> {
  try {
    return (await readCache<NightshiftConfig>(cacheFile)).get(CACHE_ENTRY)?.value ?? null;
  } catch {
    return null;
  }
}

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
  const parsed = await parseConfigText(text, configFile);
  if (parsed.ok && cacheFile) await writeCache(cacheFile, new Map([[CACHE_ENTRY, { key, value: parsed.config }]]));
  if (!parsed.ok) {
    throw new CorruptFileError(configFile, `is not valid:\n  ${parsed.problems.map(formatProblem).join('\n  ')}`, {
      fix: 'correct the fields named above (see the comments that `nightshift init` wrote into the file)',
    });
  }
  return { config: parsed.config, defaults: agentDefaultsFrom(parsed.config), fromFile: true };
}
