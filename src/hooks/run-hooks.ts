import { open } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { loadAgentFile } from '../agents/index.js';
import {
  alertQuiet,
  channelsFromConfig,
  type Channel,
  deliverEvents,
  type OpenAlert,
  evaluateRules,
  healthcheckUrl,
  ping,
  type PingKind,
  type PingResult,
  reconcile,
  redactConditions,
  reportChannelHealth,
  RUN_RULES,
  type WatchdogFacts,
} from '../alerts/index.js';
import { secretsFor } from '../harness/index.js';
import type { Home } from '../home/index.js';
import { redact, redactFragment, type Secret } from '../secrets/index.js';
import { type AlertEvent, type ChangeRecord, openRunTrail, type RunRecord } from '../journal/index.js';
import { readState, entryOf } from '../state/index.js';
import { refreshCronBlockIfInstalled } from '../crontab/index.js';
import { agentFacts } from './agent-facts.js';
import { withAlertsLock, withAlertsLockIfChanged } from './alerts-lock.js';
import { pauseOverBudget } from './budget-pause.js';
import { budgetPauseNote, unwatchedReason } from './unwatched.js';
import { runOutcome } from '../shared/index.js';

/**
 * What happens around one run besides the run itself (DESIGN §3 step 5): the
 * healthchecks pings, and right after the record is appended the alert rules
 * a run can change (non-OK, run cost, output drop, budget — with the budget
 * pause) for that agent only. For the harness to call; neither ever throws,
 * since a failing alert must not fail the run that raised it.
 */
export interface HookOptions {
  now?: Date;
  env?: NodeJS.ProcessEnv;
  channels?: readonly Channel[];
}

export interface HookReport {
  pings: PingResult[];
  events: AlertEvent[];
  changes: ChangeRecord[];
  errors: string[];
}

const RUN_RULE_NAMES = new Set(['non_ok', 'run_cost', 'output_drop', 'budget_warn', 'budget_reached']);
const FAIL_BODY_BYTES = 10 * 1024;

/** Call when the run has its lock and is about to start its runner: pings `<url>/start`. */
export async function beforeRun(
  home: Home,
  run: { agent: string; run_id: string },
  options: HookOptions = {},
): Promise<HookReport> {
  const report: HookReport = { pings: [], events: [], changes: [], errors: [] };
  try {
    const pinged = await pingFor(home, run.agent, 'start', run.run_id);
    if (pinged) {
      report.pings.push(pinged);
      if (!pinged.ok) report.events.push(...(await recordPingHealth(home, pinged, options)));
    }
  } catch (error) {
    report.errors.push(messageOf(error));
  }
  return report;
}

/** Call after the run's record is in logs/runs.jsonl (and its lock released). */
export async function afterRun(home: Home, record: RunRecord, options: HookOptions = {}): Promise<HookReport> {
  const report: HookReport = { pings: [], events: [], changes: [], errors: [] };
  const now = options.now ?? new Date();
  const env = options.env ?? process.env;
  const outcome = runOutcome(record.status);
  if (outcome !== 'neutral') {
    try {
      const kind: PingKind = outcome === 'ok' ? 'success' : 'fail';
      const body =
        kind === 'fail' ? await failBody(home, record, await agentSecrets(home, record.agent, env)) : undefined;
      const pinged = await pingFor(home, record.agent, kind, record.run_id, body);
      if (pinged) report.pings.push(pinged);
    } catch (error) {
      report.errors.push(messageOf(error));
    }
  }
  try {
    await evaluateAfterRun(home, record, now, env, options, report);
  } catch (error) {
    report.errors.push(messageOf(error));
  }
  return report;
}

async function evaluateAfterRun(
  home: Home,
  record: RunRecord,
  now: Date,
  env: NodeJS.ProcessEnv,
  options: HookOptions,
  report: HookReport,
): Promise<void> {
  const entry = await loadAgentFile(home.paths.agentFile(record.agent), home.defaults, home.paths.agentsCache);
  if (!entry.ok) return;
  const timezone = home.defaults.timezone;
  const [trail, state] = await Promise.all([openRunTrail(home.paths.logs, { timezone }), readState(home.paths)]);
  const month = trail.monthKeyOf(now);
  const agent = await agentFacts({
    definition: entry.agent,
    operator: entryOf(state, record.agent),
    running: null,
    trail,
    month,
    lastReviewAt: null,
    now,
  });
  const facts: WatchdogFacts = {
    now,
    timezone,
    month,
    global: { stopped: state.global.stopped, since: state.global.since ? new Date(state.global.since) : null },
    scheduler: { beatAt: null, stoppedAt: null, pid: null, process: 'unknown' },
    plainCron: false,
    lookbackMs: home.config.alerts.lookback,
    agents: [agent],
  };
  const outcome = evaluateRules(facts, RUN_RULES);
  const conditions = outcome.conditions;
  // a rule that could not be evaluated says nothing: what it would have resolved stays open
  const unsure = outcome.faults.length > 0 || outcome.failed.length > 0;
  report.errors.push(...outcome.faults.map((fault) => fault.message), ...outcome.failed);
  const paused = await pauseOverBudget(home.paths, facts, conditions, 'harness');
  report.changes.push(...paused.changes);
  report.errors.push(...paused.faults.map((fault) => fault.message));
  if (report.changes.length > 0)
    await refreshCronBlockIfInstalled(home).catch((error) => report.errors.push(messageOf(error)));
  const pingHealth = new Map(
    report.pings
      .filter((p) => p.url)
      .map((p) => ['healthchecks', p.ok ? null : (p.error ?? 'failed')] as [string, string | null]),
  );
  const secrets = secretsFor(env, home.config, [entry.agent.runner]);
  const channels = options.channels ?? channelsFromConfig(home.config.notify, { cwd: home.root, env, secrets });
  const realertMs = home.config.alerts.realert;
  const quiet = alertQuiet(state, now, home.defaults.timezone);
  const due = (open: Map<string, OpenAlert>): AlertEvent[] =>
    reconcile({
      open,
      conditions: redactConditions(
        conditions.map((c) => (c.rule === 'budget_reached' ? budgetPauseNote(c, report.changes) : c)),
        secrets,
      ),
      inScope: (alert) => !unsure && alert.agent === record.agent && RUN_RULE_NAMES.has(alert.rule),
      unwatched: (alert) => unwatchedReason(alert, facts),
      month,
      now,
      realertMs,
      quiet,
    });
  // most runs change no alert: then the alerts lock (and the lock library) is never touched
  await withAlertsLockIfChanged(
    home.paths,
    (open) => pingHealth.size > 0 || due(open).length > 0,
    async (open) => {
      const delivery = await deliverEvents(due(open), {
        journal: home.paths.alertsJournal,
        channels,
        open,
        now,
        realertMs,
        secrets,
        quiet,
      });
      report.events.push(...delivery.recorded);
      if (pingHealth.size > 0) {
        const health = await reportChannelHealth(pingHealth, {
          journal: home.paths.alertsJournal,
          channels,
          open: delivery.open,
          now,
          realertMs,
          secrets,
          quiet,
        });
        report.events.push(...health.recorded);
      }
    },
  );
}

async function pingFor(
  home: Home,
  agent: string,
  kind: PingKind,
  runId: string,
  body?: string,
): Promise<PingResult | null> {
  const url = healthcheckUrl(home.config.notify, agent);
  if (!url) return null;
  return ping(url, kind, { runId, body, timeoutMs: home.config.notify.timeout });
}

async function recordPingHealth(home: Home, pinged: PingResult, options: HookOptions): Promise<AlertEvent[]> {
  const env = options.env ?? process.env;
  const now = options.now ?? new Date();
  const secrets = secretsFor(env, home.config);
  const channels = options.channels ?? channelsFromConfig(home.config.notify, { cwd: home.root, env, secrets });
  return withAlertsLock(home.paths, async (open) => {
    const health = new Map([['healthchecks', pinged.ok ? null : (pinged.error ?? 'failed')]]);
    const delivery = await reportChannelHealth(health, {
      journal: home.paths.alertsJournal,
      channels,
      open,
      now,
      realertMs: home.config.alerts.realert,
      secrets,
      quiet: alertQuiet(await readState(home.paths), now, home.defaults.timezone),
    });
    return delivery.recorded;
  });
}

/** The agent's secrets: its runner's key variable among them, when its file still loads. */
async function agentSecrets(home: Home, agent: string, env: NodeJS.ProcessEnv): Promise<Secret[]> {
  const entry = await loadAgentFile(home.paths.agentFile(agent), home.defaults, home.paths.agentsCache).catch(
    () => null,
  );
  return secretsFor(env, home.config, entry?.ok ? [entry.agent.runner] : []);
}

/**
 * The last 10 KB of what the run produced, after its status and reason: what
 * healthchecks shows on the failure. Read from the middle of the file, the
 * tail's start is a cut: redacted by the edge rule as well.
 */
async function failBody(home: Home, record: RunRecord, secrets: readonly Secret[]): Promise<string> {
  const head = redact(
    `${record.agent} ${record.status}${record.reason ? `: ${record.reason}` : ''} (run ${record.run_id})\n`,
    secrets,
  );
  if (!record.output_file) return head;
  const file = isAbsolute(record.output_file) ? record.output_file : join(home.root, record.output_file);
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, FAIL_BODY_BYTES - Buffer.byteLength(head));
      const buffer = Buffer.alloc(Math.max(0, length));
      await handle.read(buffer, 0, buffer.length, size - buffer.length);
      return head + redactFragment(buffer.toString('utf8'), secrets, { start: buffer.length < size });
    } finally {
      await handle.close();
    }
  } catch {
    return head;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
