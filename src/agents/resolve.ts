import { sha256Hex } from '../shared/index.js';
import { checkCron, describeCron } from '../cron/index.js';
import type { AgentDefaults, AgentDefinition, Limits, ResolvedTrigger } from './definition.js';
import type { RetryPolicy } from './retry.js';
import type { AgentFrontMatter } from './schema.js';
import { formatRate } from './rate.js';
import { formatDuration, formatSize } from './units.js';

/**
 * A valid front-matter made into the definition every other room reads: the
 * home's defaults filled in, the trigger resolved and put in words, the
 * hashes taken. Part of the parse (see parse.ts): a cached parse has it done.
 */
export function resolveDefinition(
  front: AgentFrontMatter,
  meta: { file: string; absolutePath: string; text: string; body: string },
  defaults: AgentDefaults,
): AgentDefinition {
  const timezone = front.trigger?.timezone ?? defaults.timezone;
  const limitsSetInFile = (Object.keys(front.limits) as Array<keyof Limits>).filter(
    (key) => front.limits[key] !== undefined,
  );
  const trigger = resolveTrigger(front, timezone, defaults);
  return {
    name: front.name,
    file: meta.file,
    absolutePath: meta.absolutePath,
    description: front.description,
    tools: front.tools,
    writes: front.writes,
    network: front.network,
    owner: front.owner,
    trigger,
    triggerText: describeTrigger(trigger),
    timezone,
    input: front.input
      ? {
          path: front.input.path,
          maxBytes: front.input.max_bytes ?? defaults.inputMaxBytes,
          followSymlinks: front.input.follow_symlinks,
        }
      : undefined,
    runner: front.runner,
    model: front.runner.model ?? claudeCodeModel(front.model),
    limits: { ...defaults.limits, ...definedOnly(front.limits) },
    limitsSetInFile,
    budget: front.budget,
    alerts: { ...defaults.alerts, ...definedOnly(front.alerts) },
    expect: front.output.expect,
    stamp: front.output.stamp ?? stampFor(front),
    emptyMessage: front.output.empty_message,
    retention: front.retention,
    review: front.review,
    ...(front.retry ? { retry: { ...front.retry, on: front.retry.on as RetryPolicy['on'] } } : {}),
    risk: front.risk ?? {},
    prompt: meta.body,
    promptSha256: sha256Hex(meta.body),
    definitionSha256: sha256Hex(meta.text),
    frontMatter: front,
  };
}

function resolveTrigger(
  front: AgentFrontMatter,
  timezone: string,
  defaults: AgentDefaults,
): ResolvedTrigger | undefined {
  const t = front.trigger;
  if (!t) return undefined;
  if (t.cron !== undefined) {
    const check = checkCron(t.cron);
    const expression = check.ok ? check.expression : t.cron;
    return {
      kind: 'cron',
      cron: t.cron,
      expression,
      timezone,
      grace: t.grace ?? defaults.grace,
      catchUp: t.catch_up,
      deadline: t.deadline ?? defaults.deadline,
    };
  }
  if (t.watch) return { kind: 'watch', path: t.watch.path, debounce: t.watch.debounce, timezone };
  if (t.when) return { kind: 'when', command: t.when.command, every: t.when.every, timeout: t.when.timeout, timezone };
  if (t.webhook)
    return {
      kind: 'webhook',
      secretEnv: t.webhook.secret_env,
      maxBytes: t.webhook.max_bytes,
      rate: t.webhook.rate,
      timezone,
    };
  return undefined;
}

/** Agents that run more often than daily get a time in their output's name, so runs never share a file. */
function stampFor(front: AgentFrontMatter): 'date' | 'datetime' {
  const cron = front.trigger?.cron;
  if (cron === undefined) return 'datetime';
  const check = checkCron(cron);
  if (!check.ok) return 'datetime';
  const fields = check.expression.split(' ');
  const [minute, hour] = fields.length === 6 ? [fields[1], fields[2]] : [fields[0], fields[1]];
  return fields.length === 5 && /^\d+$/.test(minute ?? '') && /^\d+$/.test(hour ?? '') ? 'date' : 'datetime';
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** "every day at 23:00 Europe/Berlin", "when ~/inbox/*.eml changes", "manual only". */
export function describeTrigger(trigger: ResolvedTrigger | undefined): string {
  if (!trigger) return 'manual only';
  switch (trigger.kind) {
    case 'cron':
      return `${describeCron(trigger.expression)} ${trigger.timezone}`;
    case 'watch':
      return `when ${trigger.path} changes`;
    case 'when':
      return `when \`${trigger.command}\` succeeds (checked every ${formatDuration(trigger.every)})`;
    case 'webhook':
      return `on a signed POST to the daemon (at most ${formatRate(trigger.rate)}, ${formatSize(trigger.maxBytes)} a body)`;
  }
}

/**
 * Claude Code's `model:` key as a model for nightshift's runs: `inherit` (a subagent takes its main session's
 * model) means no --model at all for a run of its own, the CLI's default model.
 */
function claudeCodeModel(model: string | undefined): string | undefined {
  return model === 'inherit' ? undefined : model;
}
