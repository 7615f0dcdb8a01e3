import * as z from 'zod';
import { commandLineProblems, keysOf, loadParsers, type Problem, problemsFromZod } from '../agents/index.js';
import { once } from '../shared/index.js';

/** A variable's name as a shell would take it (POSIX: letters, digits, underscores, not starting with a digit). */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A Prometheus label name; names starting with __ are Prometheus' own. */
const LABEL_NAME = /^(?!__)[a-zA-Z_][a-zA-Z0-9_]*$/;
const LABEL_MESSAGE = 'expected a Prometheus label name (letters, digits, _; not starting with __), like team';

/** An HTTP header's name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

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
        /** Alertmanager's v2 API (src/alerts/channels/alertmanager.ts) */
        alertmanager: z
          .strictObject({
            url: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL, e.g. http://127.0.0.1:9093' }),
            labels: z.record(z.string().regex(LABEL_NAME, { message: LABEL_MESSAGE }), z.string()).optional(),
            ends_after: duration.default(24 * 3_600_000),
          })
          .optional(),
        timeout: duration.default(10_000),
      })
      .default({ timeout: 10_000 }),
    /**
     * `shared`: the home is mounted on several hosts (NFS, EFS, SMB, a
     * ReadWriteMany volume), so each host appends only to its own journals
     * (logs/<kind>@<host>.jsonl). NIGHTSHIFT_HOST set means the same (hosts.ts).
     */
    hosts: z.enum(['single', 'shared']).optional(),
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
    /** central logs: each finished run and each alert event as one OTLP log record (src/telemetry) */
    export: z
      .strictObject({
        otlp: z
          .strictObject({
            /** the collector's base URL, as OTEL_EXPORTER_OTLP_ENDPOINT: /v1/logs is appended to it */
            endpoint: z
              .url({
                protocol: /^https?$/,
                message: 'expected the http(s) URL of an OTLP/HTTP receiver, like http://collector:4318',
              })
              .optional(),
            headers: z
              .record(z.string(), z.string())
              .superRefine((headers, ctx) => {
                for (const name of Object.keys(headers))
                  if (!HEADER_NAME.test(name))
                    ctx.addIssue({
                      code: 'custom',
                      path: [name],
                      message: `${JSON.stringify(name)} is not an HTTP header name: expected letters, digits and -, like authorization or x-api-key`,
                    });
              })
              .optional(),
            /** OTLP over HTTP only: grpc would need a gRPC stack for one record per run */
            protocol: z.enum(['http/protobuf', 'http/json']).optional(),
            /** how long a run's exit may wait for the receiver; what is not sent by then is spooled */
            timeout: duration.optional(),
          })
          .optional(),
      })
      .optional(),
  });

  return { config: configSchema, price: priceSchema };
});

export type PriceOverride = z.output<ReturnType<typeof configSchemas>['price']>;
export type NightshiftConfig = z.output<ReturnType<typeof configSchemas>['config']>;

/**
 * The readers this module needs, loaded with it: config.ts imports this
 * module only when nightshift.yaml must be parsed (see loadConfig).
 */
const { agentSchemas, parseYamlText } = await loadParsers();

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
  // Alertmanager ends a firing alert at its endsAt unless it is sent again first: nightshift re-sends at realert
  const am = parsed.data.notify.alertmanager;
  if (am !== undefined && am.ends_after <= parsed.data.alerts.realert)
    return {
      ok: false,
      problems: [
        {
          file,
          field: 'notify.alertmanager.ends_after',
          message:
            `must be longer than alerts.realert (${am.ends_after / 60_000} min is not more than ` +
            `${parsed.data.alerts.realert / 60_000} min): Alertmanager would end an open alert before nightshift re-sends it`,
        },
      ],
    };
  return { ok: true, config: parsed.data };
}
