import { type AgentDefinition, type AgentEntry, formatProblem, retryWindowMs } from '../../agents/index.js';
import { kubernetesSchedule } from '../../cron/index.js';
import { runnerWallMs } from '../../harness/index.js';
import type { Home } from '../../home/index.js';
import { agentState, type OperatorState } from '../../state/index.js';
import { formatWall } from '../../shared/index.js';
import { agentCronJob, type K8sObject, type K8sTarget, MIN_STARTING_DEADLINE_S, watchdogCronJob } from './cronjob.js';
import { cronJobNames, WATCHDOG_NAME } from './names.js';

/**
 * `nightshift export k8s`: the home's scheduled agents as Kubernetes CronJobs
 * and the watchdog as one more. What cannot be a CronJob is left out and said
 * (`notes`, for stderr): a watch or when trigger, a seconds schedule or one
 * Kubernetes reads otherwise, an invalid agent. `complete` is false when a
 * scheduled agent (or one named) was left out, so the command exits 1.
 */
export interface K8sExport {
  objects: K8sObject[];
  notes: string[];
  complete: boolean;
}

/** Start-up, the input preflight, publishing the output, the record and the hooks after it (alert delivery). */
export const RUN_MARGIN_S = 120;

export interface K8sExportInput {
  home: Home;
  entries: readonly AgentEntry[];
  /** agents named on the command line (already known to exist); empty: every agent */
  names: readonly string[];
  state: OperatorState;
  now: Date;
  target: K8sTarget;
}

export function exportK8s(input: K8sExportInput): K8sExport {
  const { home, names, state, now, target } = input;
  const chosen = names.length > 0 ? input.entries.filter((entry) => names.includes(entry.name)) : input.entries;
  const named = names.length > 0;
  const notes: string[] = [];
  let complete = true;
  const manualOnly: string[] = [];
  const scheduled: Array<{ agent: AgentDefinition; schedule: string; timezone: string; grace: number }> = [];
  for (const entry of chosen) {
    if (!entry.ok) {
      complete = false;
      notes.push(`${entry.name} is invalid, left out of the export:`);
      for (const problem of entry.problems) notes.push(`  ${formatProblem(problem)}`);
      continue;
    }
    const { agent } = entry;
    const trigger = agent.trigger;
    if (trigger === undefined) {
      manualOnly.push(agent.name);
      continue;
    }
    if (trigger.kind === 'watch') {
      complete = false;
      notes.push(
        `${agent.name}: a watch trigger (${trigger.path}) cannot be a CronJob: Kubernetes starts Jobs by the clock, ` +
          'not when a file changes; left out (run it under `nightshift daemon` on a host that sees those files)',
      );
      continue;
    }
    if (trigger.kind === 'when') {
      complete = false;
      notes.push(
        `${agent.name}: a when trigger cannot be a CronJob: it fires when its condition turns true (exit 0 after ` +
          'non-0), which needs the last answer kept between polls, and every CronJob pod starts afresh; left out ' +
          '(run it under `nightshift daemon`, or give it a cron trigger)',
      );
      continue;
    }
    if (trigger.kind === 'webhook') {
      complete = false;
      notes.push(
        `${agent.name}: a webhook trigger cannot be a CronJob: it runs when a signed request reaches the daemon's ` +
          'listener; left out (run it under `nightshift daemon`)',
      );
      continue;
    }
    const translated = kubernetesSchedule(trigger.cron);
    if (!translated.ok) {
      complete = false;
      notes.push(`${agent.name}: its schedule cannot be a CronJob's: ${translated.problem}; left out`);
      continue;
    }
    scheduled.push({ agent, schedule: translated.schedule, timezone: trigger.timezone, grace: trigger.grace });
  }
  if (manualOnly.length > 0) {
    if (named) complete = false;
    notes.push(`left out, no trigger (manual runs only, nothing to schedule): ${manualOnly.join(', ')}`);
  }

  if (state.global.stopped && scheduled.length > 0)
    notes.push("the global stop is on: every agent's CronJob is exported with suspend: true (the watchdog runs)");
  const cronJobs = cronJobNames(scheduled.map(({ agent }) => agent.name));
  const objects: K8sObject[] = [watchdogCronJob(WATCHDOG_NAME, home.defaults.timezone, target)];
  for (const { agent, schedule, timezone, grace } of scheduled) {
    const suspend = suspension(agent.name, state, now, home.defaults.timezone);
    if (suspend.note) notes.push(suspend.note);
    const annotations: Record<string, string> = {};
    if (agent.trigger?.kind === 'cron' && agent.trigger.cron !== schedule)
      annotations['nightshift/cron'] = agent.trigger.cron;
    if (suspend.why) annotations['nightshift/suspended'] = suspend.why;
    objects.push(
      agentCronJob(
        {
          name: cronJobs.get(agent.name)!,
          agent: agent.name,
          ...(agent.owner === undefined ? {} : { owner: agent.owner }),
          schedule,
          timeZone: timezone,
          startingDeadlineSeconds: Math.max(MIN_STARTING_DEADLINE_S, Math.ceil(grace / 1000)),
          // the pod runs every attempt of a retry policy itself, waiting the backoffs in-process: the deadline holds them all
          activeDeadlineSeconds:
            Math.ceil(
              retryWindowMs(agent.retry, runnerWallMs(agent.limits.time, home.config.harness.kill_grace)) / 1000,
            ) + RUN_MARGIN_S,
          suspend: suspend.why !== null,
          annotations,
        },
        target,
      ),
    );
  }
  return { objects, notes, complete };
}

/**
 * suspend: true when a run would be refused now (paused, disabled, the global
 * stop): the one rule, agentState's blockedBy. A pause with an end is suspended
 * too, and said: the CronJob stays suspended until it is exported again (the
 * harness in each pod still reads state.json, so a CronJob left running for a
 * paused agent only records SKIPPED runs).
 */
function suspension(
  agent: string,
  state: OperatorState,
  now: Date,
  zone: string,
): { why: string | null; note: string | null } {
  const effective = agentState(state, agent, now);
  if (effective.blockedBy === null) return { why: null, note: null };
  if (effective.blockedBy === 'stopped') return { why: 'the global stop is on (nightshift stop-all)', note: null };
  const entry = effective.entry;
  const by = entry.by ? ` by ${entry.by}` : '';
  if (effective.blockedBy === 'paused' && entry.paused_until !== null) {
    const until = formatWall(new Date(entry.paused_until), zone);
    return {
      why: `paused${by} until ${until}`,
      note:
        `${agent}: paused until ${until}: exported with suspend: true, which Kubernetes keeps after that time; ` +
        'export again then (or kubectl patch its CronJob with suspend: false)',
    };
  }
  return { why: `${effective.blockedBy}${by}`, note: null };
}
