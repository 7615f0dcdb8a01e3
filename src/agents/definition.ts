import type { Rate } from './rate.js';
import type { AgentFrontMatter, OutputExpect, Retention, ReviewCadence, RunnerConfig } from './schema.js';
import type { RetryPolicy } from './retry.js';
import { systemTimeZone } from './timezone.js';

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
  | { kind: 'when'; command: string; every: number; timeout: number; timezone: string }
  /** POST /hooks/<agent> on the daemon's listener; secretEnv names the variable, the secret is never in the definition */
  | { kind: 'webhook'; secretEnv: string; maxBytes: number; rate: Rate; timezone: string };

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
  /** the trigger in words (describeTrigger in resolve.ts), worked out once with the parse: cron descriptions are slow to make */
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
  /** none: a failed run is final; see retry.ts */
  retry?: RetryPolicy;
  risk: Partial<Record<'worst_hour' | 'recovery_cost' | 'detection' | 'stop' | 'worth_it', string>>;
  prompt: string;
  promptSha256: string;
  definitionSha256: string;
  frontMatter: AgentFrontMatter;
}
