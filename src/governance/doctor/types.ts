import type { CronDaemon } from '../../shared/index.js';

/**
 * The production-readiness checklist's vocabulary. Every check is a pure
 * function of an agent's definition and facts gathered beforehand, so the
 * whole checklist runs in a unit test without a disk.
 */
export const CHECK_IDS = [
  'valid',
  'stop_conditions',
  'protocol',
  'limits',
  'read_only',
  'owner',
  'runbook',
  'budget',
  'review',
  'evals',
  'alert_channel',
  'risk',
  'one_scheduler',
  /** the description or prompt still holds text `nightshift new` left as TODO: listed only then */
  'template_text',
  /** a webhook agent's secret variable is set: listed only for webhook agents */
  'webhook_secret',
  /** a command agent's program exists and can be executed: listed only for command agents */
  'runner_program',
  /** the facts or checks of this agent could not be worked out (an unreadable runbook, say): its problem alone */
  'examined',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface CheckResult {
  id: CheckId;
  ok: boolean;
  /** what is checked, in words: "at least three stop conditions in the prompt" */
  title: string;
  /** what was found: "2 found: …" */
  detail: string;
  /** on failure: the exact command to run or YAML/text to add */
  fix?: string;
}

export interface AgentVerdict {
  agent: string;
  file: string;
  ok: boolean;
  checks: CheckResult[];
}

/** Facts about one agent, read from the home. */
export interface AgentFacts {
  /** runbooks/<name>.md, or null when missing */
  runbook: string | null;
  /** the last mark in logs/reviews.jsonl */
  lastReviewAt: Date | null;
  evalCases: { valid: string[]; problems: string[]; dirExists: boolean };
  /** from the run trail (eval runs never count): local days with at least one OK run */
  okHistory: { firstOkDay: string | null; okDaysInLast30: number };
  /** listed in this home's nightshift block of the user's crontab */
  inCrontab: boolean;
}

/** Facts about the home, the same for every agent. */
export interface HomeFacts {
  now: Date;
  root: string;
  /** the configured alert channels of nightshift.yaml `notify` */
  channels: string[];
  /** run/scheduler.json beat within the stale window and not stopped */
  daemonLive: boolean;
  /** whether a cron daemon runs to fire the crontab block (cron mode); absent: not looked */
  cronDaemon?: CronDaemon;
  /** scripts/disable-agent.sh exists and is executable */
  disableScript: boolean;
  /** how to call nightshift for this home in a fix: `nightshift`, or `nightshift --home <dir>` when the home was named */
  cli: string;
  /** who runs doctor: the suggestion for `owner:` */
  user: string;
  /** the home's default limits, to suggest values that change nothing today */
  defaultLimits: { time: string; calls: number; cost_usd: number; output_bytes: string };
  /** whether an environment variable is set and not empty where doctor runs (a webhook's secret); absent: not looked */
  envSet?: (name: string) => boolean;
  /** why `file` could not be executed from `cwd` as a run would (not there, not executable), or null; absent: not looked */
  programProblem?: (file: string, cwd: string) => 'ENOENT' | 'EACCES' | null;
}
