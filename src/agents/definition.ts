import { sha256Hex } from '../shared/index.js';
import { checkCron, describeCron } from './cron.js';
import type { AgentFrontMatter, OutputExpect, Retention, ReviewCadence, RunnerConfig } from './schema.js';
import { systemTimeZone } from './timezone.js';
import { formatDuration } from './units.js';

/** Home-wide defaults from nightshift.yaml that fill what an agent file leaves out. */
export interface AgentDefaults {
  timezone: string;
  limits: Limits;
  grace: number;
  deadline: number;
  inputMaxBytes: number;
  alerts: AlertThresholds;
}

/** Every limit is always set once resolved: an agent cannot run unbounded by leaving one out. */
export interface Limits {
  /** wall time, ms */
  time: number;
  /** model calls */
  calls: number;
  tool_calls: number;
  cost_usd: number;
  output_bytes: number;
}

export interface AlertThresholds {
  cost_over_usd?: number;
  output_drop: number;
  failures_before_alert: number;
}

export const BUILTIN_DEFAULTS: AgentDefaults = {
  timezone: systemTimeZone(),
  limits: { time: 5 * 60_000, calls: 10, tool_calls: 50, cost_usd: 2, output_bytes: 100 * 1024 },
  grace: 30 * 60_000,
  deadline: 6 * 3_600_000,
  inputMaxBytes: 1024 * 1024,
  alerts: { output_drop: 0.5, failures_before_alert: 1 },
};

export type ResolvedTrigger =
  | {
      kind: 'cron';
      cron: string;
      expression: string;
      timezone: string;
      grace: number;
      catchUp: 'none' | 'once';
      deadline: number;
    }
  | { kind: 'watch'; path: string; debounce: number; timezone: string }
  | { kind: 'when'; command: string; every: number; timeout: number; timezone: string };

export interface AgentDefinition {
  name: string;
  /** path as the operator knows it: agents/<name>.md */
  file: string;
  absolutePath: string;
  description: string;
  tools: string[];
  writes: boolean;
  network: boolean;
  owner?: string;
  trigger?: ResolvedTrigger;
  /** the trigger in words (describeTrigger), worked out once with the parse: cron descriptions are slow to make */
  triggerText: string;
  timezone: string;
  /** followSymlinks: a symlink out of the path's folder is read rather than refused */
  input?: { path: string; maxBytes: number; followSymlinks: boolean };
  runner: RunnerConfig;
  /** runner.model, else the Claude Code `model:` key */
  model?: string;
  limits: Limits;
  /** which limits came from the file rather than the home's defaults */
  limitsSetInFile: Array<keyof Limits>;
  budget?: { monthly_usd: number; warn_at: number };
  alerts: AlertThresholds;
  expect?: OutputExpect;
  stamp: 'date' | 'datetime';
  emptyMessage?: string;
  retention: Retention;
  review: ReviewCadence;
  risk: Partial<Record<'worst_hour' | 'recovery_cost' | 'detection' | 'stop' | 'worth_it', string>>;
  prompt: string;
  promptSha256: string;
  definitionSha256: string;
  frontMatter: AgentFrontMatter;
}

/** Computed when a file is parsed, not when a cached parse is used: node:crypto then stays unloaded. */
export function sha256(text: string): string {
  return sha256Hex(text);
}

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
    model: front.runner.model ?? front.model,
    limits: { ...defaults.limits, ...definedOnly(front.limits) },
    limitsSetInFile,
    budget: front.budget,
    alerts: { ...defaults.alerts, ...definedOnly(front.alerts) },
    expect: front.output.expect,
    stamp: front.output.stamp ?? stampFor(front),
    emptyMessage: front.output.empty_message,
    retention: front.retention,
    review: front.review,
    risk: front.risk ?? {},
    prompt: meta.body,
    promptSha256: sha256(meta.body),
    definitionSha256: sha256(meta.text),
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
  }
}
