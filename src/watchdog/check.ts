import type { AgentFault } from '../agents/index.js';
import {
  alertQuiet,
  channelsFromConfig,
  type Channel,
  type Condition,
  deliverEvents,
  evaluateRules,
  loadWatchdogRules,
  type OpenAlert,
  reconcile,
  redactConditions,
  type Rule,
  type WatchdogFacts,
  withQuiet,
} from '../alerts/index.js';
import { loadFleet, writeHeartbeat } from '../fleet/index.js';
import { secretsFor } from '../harness/index.js';
import type { Home } from '../home/index.js';
import type { AlertEvent, ChangeRecord, RunTrail } from '../journal/index.js';
import { readState, resumeExpiredPauses } from '../state/index.js';
import { cronBlockInstalled, cronDaemonSeen, refreshCronBlockIfInstalled } from '../crontab/index.js';
import type { CrontabPort } from '../crontab/index.js';
import { budgetPauseNote, pauseOverBudget, unwatchedReason, withAlertsLock } from '../hooks/index.js';
import { gatherFacts } from './gather.js';
import { exportRecords, otlpConfigured } from '../telemetry/index.js';
import { recordCheckFaults } from '../fleet/index.js';
import { currentHost, errorMessage, UsageError, VERSION } from '../shared/index.js';

/**
 * `nightshift check`, the watchdog (DESIGN §5): lift pauses that ended, look
 * at the fleet, evaluate every rule, pause agents over budget, reconcile with
 * the open alerts and deliver what changed. Alone from cron, or every minute
 * inside the daemon.
 */
export interface CheckOptions {
  now?: Date;
  /** who runs it: recorded on the changes it makes */
  source?: 'watchdog';
  /** an open trail to refresh (the daemon keeps one) */
  trail?: RunTrail;
  crontab?: CrontabPort;
  /** where to look for a cron daemon when the crontab block is installed (default /proc; tests give a fake one) */
  procRoot?: string;
  /** default: from nightshift.yaml `notify` */
  channels?: readonly Channel[];
  env?: NodeJS.ProcessEnv;
  /** default: every watchdog rule (tests put in one that throws) */
  rules?: readonly Rule[];
  /** why nightshift.yaml could not be read again (the daemon's, which goes on with what it read before) */
  configProblem?: string;
}

export interface CheckResult {
  at: string;
  conditions: Condition[];
  /** as recorded in logs/alerts.jsonl, with each channel's outcome */
  events: AlertEvent[];
  /** open after this check */
  open: OpenAlert[];
  /** state changes this check made: expired pauses lifted, budget pauses */
  changes: ChangeRecord[];
  plainCron: boolean;
  /**
   * what could not be worked out about an agent (its next run, its facts, an
   * alert rule, its budget pause): that agent's problem only; every other
   * agent was checked. Its open alerts are left as they were (not resolved).
   */
  faults: AgentFault[];
  /** rules that failed for the whole fleet (a bug in nightshift): nothing was learnt from them, and no alert was resolved */
  failedRules: string[];
  /**
   * agent files that are not valid: no rule can watch them and no scheduler starts them until they are fixed
   * (an edit that broke a scheduled agent's file takes it off the schedule)
   */
  invalid: Array<{ agent: string; problem: string }>;
  /** what went wrong on the side without stopping the check (the crontab block could not be refreshed) */
  warnings: string[];
  trail: RunTrail;
}

/** The open-alert scope of a full check: everything but what others own (drift: evals; channel_failed: delivery). */
const OWNED_ELSEWHERE = new Set(['drift', 'channel_failed']);

export async function runCheck(home: Home, options: CheckOptions = {}): Promise<CheckResult> {
  const now = options.now ?? new Date();
  const env = options.env ?? process.env;
  const changes: ChangeRecord[] = [];
  for (const result of await resumeExpiredPauses(home.paths, now, { source: 'watchdog' }))
    if (result.applied) changes.push(result.record);
  // the faults the last check recorded are not read back: this check finds its own
  const { snapshot, trail } = await loadFleet(home, {
    now,
    trail: options.trail,
    lookedBy: 'check',
    checkFaults: false,
  });
  const plainCron = await cronBlockInstalled(home, { port: options.crontab });
  // a block in the crontab schedules nothing unless a cron daemon runs to fire it
  const cronDaemon = plainCron ? await cronDaemonSeen(options.procRoot) : undefined;
  // in the watchdog pod (env), or on a host that mounts a home whose Kubernetes watchdog beats (its run/kubernetes.json)
  const inPod = schedulerFromEnv(env);
  const externalScheduler = inPod ?? (snapshot.scheduler.kubernetes?.state === 'up' ? 'kubernetes' : undefined);
  const gathered = await gatherFacts(home, snapshot, trail, {
    now,
    plainCron,
    cronDaemon,
    ...(externalScheduler ? { externalScheduler } : {}),
  });
  const facts = {
    ...gathered.facts,
    ...(options.configProblem === undefined ? {} : { configProblem: options.configProblem }),
  };
  const outcome = evaluateRules(facts, options.rules ?? (await loadWatchdogRules()).WATCHDOG_RULES);
  const conditions = outcome.conditions;
  const paused = await pauseOverBudget(home.paths, facts, conditions, 'watchdog');
  changes.push(...paused.changes);
  // only check finds these; the fleet works out its own (next run, locks) whenever it is read
  const found = [...gathered.faults, ...outcome.faults, ...paused.faults];
  const warnings: string[] = [];
  // the pod's beat: status, the console and check on any host that mounts the home learn Kubernetes schedules it
  if (inPod === 'kubernetes')
    await writeHeartbeat(home.paths.kubernetesBeat, {
      beat_at: now.toISOString(),
      host: currentHost(),
      version: VERSION,
    }).catch((error: unknown) =>
      warnings.push(`the Kubernetes watchdog's beat could not be written: ${errorMessage(error)}`),
    );
  await recordCheckFaults(home.paths, found, now).catch((error: unknown) => {
    warnings.push(
      `the agents' problems could not be recorded for status and the console: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  const faults = [...snapshot.agents.flatMap((agent) => agent.faults), ...found];
  const faulty = new Set(faults.map((fault) => fault.agent));
  if (plainCron) {
    await refreshCronBlockIfInstalled(home, { port: options.crontab, now }).catch((error: unknown) => {
      warnings.push(
        `the crontab block could not be refreshed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }
  // every agent's runner key: an alert may quote any agent's run
  const secrets = secretsFor(
    env,
    home.config,
    facts.agents.map((agent) => agent.definition.runner),
  );
  const channels = options.channels ?? channelsFromConfig(home.config.notify, { cwd: home.root, env, secrets });
  const { events, open } = await withAlertsLock(home.paths, async (openBefore) => {
    // acks and maintenance windows: read with the open alerts, so an ack made a moment ago counts
    const quiet = alertQuiet(await readState(home.paths), now, home.defaults.timezone);
    const due = reconcile({
      open: openBefore,
      conditions: redactConditions(withBudgetNotes(conditions, changes), secrets),
      // silence about an agent that could not be evaluated (or from a rule that failed outright) is no recovery
      inScope: (alert) =>
        !OWNED_ELSEWHERE.has(alert.rule) &&
        outcome.failed.length === 0 &&
        (alert.agent === null || !faulty.has(alert.agent)),
      unwatched: (alert) => unwatchedReason(alert, facts),
      month: facts.month,
      now,
      realertMs: home.config.alerts.realert,
      quiet,
    });
    const delivery = await deliverEvents(due, {
      journal: home.paths.alertsJournal,
      channels,
      open: openBefore,
      now,
      realertMs: home.config.alerts.realert,
      secrets,
      quiet,
    });
    return { events: delivery.recorded, open: withQuiet(delivery.open.values(), quiet) };
  });
  // central logs: this check's alert events, and a retry of the OTLP spool (the daemon's minute retries it too)
  if (otlpConfigured(home, env)) warnings.push(...(await exportRecords(home, { alerts: events }, { env })).warnings);
  return {
    at: now.toISOString(),
    conditions,
    events,
    open,
    changes,
    plainCron,
    faults,
    failedRules: outcome.failed,
    invalid: snapshot.agents
      .filter((agent) => !agent.valid)
      .map((agent) => ({ agent: agent.name, problem: agent.problems[0] ?? 'not valid' })),
    warnings,
    trail,
  };
}

function withBudgetNotes(conditions: readonly Condition[], changes: readonly ChangeRecord[]): Condition[] {
  return conditions.map((c) => (c.rule === 'budget_reached' ? budgetPauseNote(c, changes) : c));
}

export type { WatchdogFacts };

/**
 * NIGHTSHIFT_SCHEDULER names a scheduler outside the home: `kubernetes`, set by `nightshift export k8s` in the
 * watchdog's pod. Anything else is a mistake said at once, not a scheduler_down alert later.
 */
function schedulerFromEnv(env: NodeJS.ProcessEnv): 'kubernetes' | undefined {
  const named = env.NIGHTSHIFT_SCHEDULER;
  if (named === undefined || named === '') return undefined;
  if (named === 'kubernetes') return named;
  throw new UsageError(`NIGHTSHIFT_SCHEDULER=${JSON.stringify(named)} names no scheduler nightshift knows`, {
    field: 'NIGHTSHIFT_SCHEDULER',
    expected: 'kubernetes (set by nightshift export k8s), or unset',
    actual: named,
    fix: 'unset NIGHTSHIFT_SCHEDULER, or set it to kubernetes where Kubernetes CronJobs start the runs',
  });
}
