import { type FSWatcher, watch } from 'node:fs';
import { rm } from 'node:fs/promises';
import {
  type AgentDefinition,
  type AgentFault,
  agentFault,
  cronStage,
  formatProblem,
  loadAgents,
} from '../agents/index.js';
import { formatWall } from '../alerts/index.js';
import { currentHost, errorMessage } from '../shared/index.js';
import { type Home, openHome } from '../home/index.js';
import { openRunTrail, type RunTrail } from '../journal/index.js';
import { agentState, readState, resumeExpiredPauses } from '../state/index.js';
import { VERSION } from '../shared/index.js';
import { selfStartTicks } from '../runners/index.js';
import { writeHeartbeat, type Heartbeat } from '../fleet/index.js';
import { claimScheduler } from './claim.js';
import { writeFileAtomically } from '../files/index.js';
import { cronBlockInstalled } from '../crontab/index.js';
import { type CheckOptions, type CheckResult, runCheck } from '../watchdog/index.js';
import { catchUpsOwed } from './catch-up.js';
import { type Clock, systemClock } from './clock.js';
import {
  diffDefinitions,
  type PartsByAgent,
  partsOf,
  readSeenDefinitions,
  recordDefinitionChanges,
  writeSeenDefinitions,
} from './definitions.js';
import { type FireKind, type Launcher, ProcessLauncher } from './launcher.js';
import { resumePendingRetries } from './pending-retries.js';
import { FaultLog } from './fault-log.js';
import { type DaemonLog, streamLog } from './log.js';
import { type LiveTrigger, startTrigger } from './triggers.js';
import { HEARTBEAT_EVERY_MS } from '../shared/index.js';
import { refusalNow, runInFlight } from '../harness/index.js';
import { WebhookCounter } from './webhook/counts.js';
import { WebhookHandler } from './webhook/handle.js';
import { hostPort, type ListenAddress, WebhookServer } from './webhook/server.js';
import { isWebhookAgent } from './webhook/handle.js';

/** Where the webhook listener is when no --listen says: this host only. */
export const DEFAULT_WEBHOOK_LISTEN: ListenAddress = { host: '127.0.0.1', port: 9465 };

/**
 * `nightshift daemon` (DESIGN §5): schedules every enabled agent — cron
 * triggers on the watchdog's own reading of the schedule, watch triggers on
 * the file system, when triggers by polling — and starts each fire as a
 * detached `nightshift run`. Beats run/scheduler.json every 30 s, runs the
 * watchdog every minute, follows agents/ and nightshift.yaml as they change,
 * and records definition changes. A broken agent file is reported once and
 * skipped; nothing about one agent stops the others: a schedule the cron
 * engine cannot read, a rule that throws for it in the watchdog or a failed
 * catch-up is logged once as that agent's problem (FaultLog) while every
 * other agent is scheduled and checked as before.
 */
const RETRY_LOOK_MS = 15_000;

export interface DaemonOptions {
  /** node and bin/nightshift.js: how a fire starts `nightshift run` */
  nightshiftArgv: readonly string[];
  clock?: Clock;
  log?: DaemonLog;
  launcher?: Launcher;
  heartbeatMs?: number;
  watchdogMs?: number;
  /** how often run/*.retry.json is looked at for attempts whose waiting process died (default 15 s) */
  retryLookMs?: number;
  reloadDebounceMs?: number;
  check?: (home: Home, options: CheckOptions) => Promise<CheckResult>;
  env?: NodeJS.ProcessEnv;
  /** start cron runs this long before their slot, to begin on it (default 0: at the slot) */
  leadMs?: number;
  /** false: do not look at the user's crontab for a second scheduler (tests) */
  crontabCheck?: boolean;
  /**
   * Where POST /hooks/<agent> is served (`daemon --listen`): then always, and a port that cannot be had stops
   * the start. Without it, DEFAULT_WEBHOOK_LISTEN once any agent has a webhook trigger (a busy port is logged).
   */
  listen?: ListenAddress;
}

export { DaemonRunningError } from './claim.js';

export class Daemon {
  private home: Home;
  private readonly clock: Clock;
  private readonly log: DaemonLog;
  private readonly launcher: Launcher;
  private readonly env: NodeJS.ProcessEnv;
  private readonly startedAt: string;
  private readonly scheduled = new Map<string, LiveTrigger>();
  private readonly problems = new Map<string, string>();
  private readonly faults: FaultLog;
  /** watchdog rules that failed for the whole fleet at the last check, logged when they start */
  private failedRules = new Set<string>();
  private readonly definitions = new Map<string, AgentDefinition>();
  private seen: PartsByAgent | null = null;
  private watchers: FSWatcher[] = [];
  private readonly timers = new Map<string, unknown>();
  private reloadTimer: unknown = null;
  private reloading: Promise<void> = Promise.resolve();
  private checking: Promise<void> | null = null;
  private trail: RunTrail | undefined;
  private stopping = false;
  private stopped: Promise<void> | null = null;
  private webhooks: WebhookServer | null = null;
  private webhookCounter: WebhookCounter | null = null;
  private webhookTried = false;

  private constructor(
    home: Home,
    private readonly options: DaemonOptions,
  ) {
    this.home = home;
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? streamLog(this.clock);
    this.faults = new FaultLog(this.log);
    this.env = options.env ?? process.env;
    this.launcher =
      options.launcher ??
      new ProcessLauncher({
        nightshiftArgv: options.nightshiftArgv,
        home: home.root,
        env: this.env,
        onExit: (run, code, signal) =>
          this.log.info(
            `${run.agent}: run (${run.trigger}, pid ${run.pid}) exited ${signal ?? code} after ${((Date.now() - run.startedAt) / 1000).toFixed(1)}s`,
          ),
      });
    this.startedAt = new Date(this.clock.now()).toISOString();
  }

  /** Refuses (DaemonRunningError, naming its pid) while another daemon schedules this home. */
  static async start(home: Home, options: DaemonOptions): Promise<Daemon> {
    const daemon = new Daemon(home, options);
    const now = new Date(daemon.clock.now());
    daemon.found = await claimScheduler(home.paths, daemon.heartbeat(now.toISOString()), now);
    try {
      await daemon.begin();
    } catch (error) {
      await daemon.abandon();
      throw error;
    }
    return daemon;
  }

  /** webhook agents whose secret variable was found unset, said once each */
  private readonly unsetSecrets = new Set<string>();

  /** why nightshift.yaml could not be read again, while it cannot: the settings read before stay in force */
  private configProblem: string | null = null;

  /** run/scheduler.json as the claim found it: put back by abandon() */
  private found: string | null = null;
  private abandoned = false;

  /**
   * For a start that failed (a --listen or --metrics address that cannot be
   * had): stops as stop() does, leaving nothing running (timers, watchers, a
   * listener), and puts run/scheduler.json back as the claim found it, so
   * status goes on saying "never ran" or when the last daemon stopped rather
   * than that this one, which never got going, stopped cleanly.
   */
  abandon(): Promise<void> {
    this.abandoned = true;
    return this.stop();
  }

  /** Agents with a live trigger, by name (for tests and the log). */
  scheduledAgents(): string[] {
    return [...this.scheduled.keys()].sort();
  }

  /** What could not be worked out about an agent, now (a schedule that cannot be read, a rule that threw for it). */
  agentFaults(): AgentFault[] {
    return this.faults.all();
  }

  private async begin(): Promise<void> {
    const { clock } = this;
    this.log.info(`nightshift daemon ${VERSION} started for ${this.home.root} (pid ${process.pid})`);
    await this.beat();
    this.every('heartbeat', this.options.heartbeatMs ?? HEARTBEAT_EVERY_MS, () => this.beat());
    await this.reload('start');
    // an explicit --listen that cannot be had is an error at start, before anything else is left running
    if (this.options.listen) await this.startWebhooks(this.options.listen);
    await this.warnIfCrontabToo();
    await this.catchUp();
    this.watchDefinitions();
    // the first look soon after start, then every minute
    this.timers.set(
      'first-check',
      clock.setTimeout(() => void this.watchdog(), 1000),
    );
    this.every('watchdog', this.options.watchdogMs ?? 60_000, () => this.watchdog());
    // attempts of a retry policy whose waiting `nightshift run` died (README "Retry policy"): started here when due
    await this.retries();
    this.every('retries', this.options.retryLookMs ?? RETRY_LOOK_MS, () => this.retries());
  }

  /** pending attempts this daemon started (pending-retries.ts) */
  private readonly retried = new Set<string>();

  private async retries(): Promise<void> {
    if (this.stopping) return;
    await resumePendingRetries(this.home.paths, new Date(this.clock.now()), this.launcher, this.log, this.retried);
  }

  /** Stops timers, watchers and condition commands; runs in flight are left to finish. Idempotent. */
  stop(): Promise<void> {
    if (!this.stopped) this.stopped = this.stopNow();
    return this.stopped;
  }

  private async stopNow(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer);
    this.timers.clear();
    if (this.reloadTimer !== null) this.clock.clearTimeout(this.reloadTimer);
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
    await this.reloading.catch(() => undefined);
    await Promise.all([...this.scheduled.values()].map((item) => item.stop()));
    this.scheduled.clear();
    if (this.checking) await Promise.race([this.checking, new Promise((r) => setTimeout(r, 15_000).unref())]);
    await this.webhooks?.close();
    this.webhooks = null;
    await this.webhookCounter?.flushed();
    if (this.abandoned) {
      await this.putBackHeartbeat().catch((error) =>
        this.log.problem(`could not put back ${this.home.paths.scheduler}: ${errorMessage(error)}`),
      );
      this.log.info('nightshift daemon did not start; run/scheduler.json is as it was');
      return;
    }
    const now = new Date(this.clock.now()).toISOString();
    await writeHeartbeat(this.home.paths.scheduler, { ...this.heartbeat(now), stopped_at: now }).catch((error) =>
      this.log.problem(`could not write the last heartbeat: ${errorMessage(error)}`),
    );
    this.log.info('nightshift daemon stopped; runs in flight continue on their own');
  }

  private async putBackHeartbeat(): Promise<void> {
    const file = this.home.paths.scheduler;
    if (this.found === null) await rm(file, { force: true });
    else await writeFileAtomically(file, this.found, { mode: 0o600, durable: false });
  }

  private heartbeat(at: string): Heartbeat {
    const ticks = selfStartTicks();
    return {
      pid: process.pid,
      started_at: this.startedAt,
      beat_at: at,
      host: currentHost(),
      ...(ticks === null ? {} : { pid_start_ticks: ticks }),
      version: VERSION,
      ...(this.webhooks && !this.stopping ? { webhooks: hostPort(this.webhooks.address) } : {}),
    };
  }

  private async beat(): Promise<void> {
    if (this.stopping) return;
    try {
      await writeHeartbeat(this.home.paths.scheduler, this.heartbeat(new Date(this.clock.now()).toISOString()));
    } catch (error) {
      this.log.problem(`could not write the heartbeat ${this.home.paths.scheduler}: ${errorMessage(error)}`);
    }
  }

  private every(name: string, ms: number, work: () => Promise<void> | void): void {
    const tick = () => {
      if (this.stopping) return;
      void Promise.resolve()
        .then(work)
        .catch((error) => this.log.problem(errorMessage(error)));
      this.timers.set(name, this.clock.setTimeout(tick, ms));
    };
    this.timers.set(name, this.clock.setTimeout(tick, ms));
  }

  // ── definitions ────────────────────────────────────────────────────────

  private watchDefinitions(): void {
    const debounce = this.options.reloadDebounceMs ?? 500;
    const later = (why: string) => {
      if (this.stopping) return;
      if (this.reloadTimer !== null) this.clock.clearTimeout(this.reloadTimer);
      this.reloadTimer = this.clock.setTimeout(() => {
        this.reloadTimer = null;
        void this.reload(why);
      }, debounce);
    };
    const { paths } = this.home;
    try {
      this.watchers.push(
        watch(paths.agents, () => later('agents/ changed')).on('error', (error) =>
          this.log.problem(`watching ${paths.agents}: ${error.message}`),
        ),
      );
      this.watchers.push(
        watch(this.home.root, (_event, name) => {
          if (name?.toString() === 'nightshift.yaml') later('nightshift.yaml changed');
        }).on('error', (error) => this.log.problem(`watching ${this.home.root}: ${error.message}`)),
      );
    } catch (error) {
      this.log.problem(
        `cannot watch ${paths.agents} for changes (${errorMessage(error)}); restart the daemon after editing agents`,
      );
    }
  }

  /** Loads every definition again and brings the triggers in line; serialized, so reloads never overlap. */
  reload(why: string): Promise<void> {
    this.reloading = this.reloading
      .then(() => this.reloadNow(why))
      .catch((error) => this.log.problem(`reloading definitions: ${errorMessage(error)}`));
    return this.reloading;
  }

  private async reloadNow(why: string): Promise<void> {
    if (this.stopping) return;
    if (why === 'nightshift.yaml changed') {
      try {
        this.home = await openHome(this.home.root, this.env);
        // its zone may have changed, and the trail counts days and months in it
        this.trail = undefined;
        this.configProblem = null;
        this.log.info('nightshift.yaml reloaded');
      } catch (error) {
        // the watchdog alerts on it (config_invalid): each run started now refuses, and nothing else would say so
        this.configProblem = errorMessage(error);
        this.log.problem(`nightshift.yaml is not valid, keeping the previous settings: ${errorMessage(error)}`);
        return;
      }
    }
    const entries = await loadAgents(this.home.paths.agents, this.home.defaults, this.home.paths.agentsCache);
    const valid = new Map<string, AgentDefinition>();
    const now = new Set<string>();
    for (const entry of entries) {
      now.add(entry.name);
      // a bad cron, zone or watch glob is one of these problems: the schema refuses what a trigger could not run
      const problem: string | null = entry.ok ? null : entry.problems.map(formatProblem).join('; ');
      if (problem !== null) {
        if (this.problems.get(entry.name) !== problem)
          this.log.problem(`${entry.name} is invalid and not scheduled: ${problem}`);
        this.problems.set(entry.name, problem);
        this.faults.forget(entry.name);
        continue;
      }
      if (this.problems.delete(entry.name)) this.log.info(`${entry.name} is valid again`);
      if (entry.ok) valid.set(entry.name, entry.agent);
    }
    for (const name of [...this.problems.keys()]) if (!now.has(name)) this.problems.delete(name);
    await this.recordChanges(valid);
    for (const [name, item] of [...this.scheduled]) {
      if (!valid.has(name)) {
        await item.stop();
        this.scheduled.delete(name);
        this.faults.forget(name);
        this.log.info(`${name}: no longer scheduled`);
      }
    }
    this.definitions.clear();
    for (const [name, agent] of valid) {
      this.definitions.set(name, agent);
      this.schedule(agent);
    }
    if (why === 'start') this.log.info(`${this.scheduled.size} agent(s) scheduled, ${this.problems.size} invalid`);
    // a secret the daemon's environment lacks refuses every request (401): said when the agent is scheduled, not at
    // the first request, which may come at night
    for (const agent of valid.values()) {
      const trigger = agent.trigger;
      if (trigger?.kind !== 'webhook' || (this.env[trigger.secretEnv] ?? '') !== '') continue;
      if (this.unsetSecrets.has(agent.name)) continue;
      this.unsetSecrets.add(agent.name);
      this.log.problem(
        `${agent.name}: $${trigger.secretEnv} is not set in the daemon's environment: every request for it is refused ` +
          `(401) until it is set there (e.g. ~/.config/nightshift/env) and the daemon restarted`,
      );
    }
    // the first webhook agent opens the default listener (once: a port that was busy is not tried every reload)
    const anyWebhook = [...valid.values()].some((agent) => agent.trigger?.kind === 'webhook');
    if (anyWebhook && !this.options.listen && !this.webhookTried) {
      this.webhookTried = true;
      await this.startWebhooks(DEFAULT_WEBHOOK_LISTEN).catch((error) =>
        this.log.problem(
          `webhooks: cannot listen on ${DEFAULT_WEBHOOK_LISTEN.host}:${DEFAULT_WEBHOOK_LISTEN.port} (${errorMessage(error)}); ` +
            'no webhook agent can run: restart the daemon with --listen ADDR:PORT',
        ),
      );
    }
  }

  // ── webhooks ───────────────────────────────────────────────────────────

  /** Where the webhook listener took its port (port 0 asked for any), null while none listens. */
  webhookAddress(): ListenAddress | null {
    return this.webhooks?.address ?? null;
  }

  /** Resolves when the webhook counts counted so far are in run/webhooks.json. */
  async webhookCountsWritten(): Promise<void> {
    await this.webhookCounter?.flushed();
  }

  private async startWebhooks(where: ListenAddress): Promise<void> {
    this.webhookTried = true;
    const counter = new WebhookCounter(this.home.paths, (message) => this.log.problem(message));
    await counter.load();
    const handler = new WebhookHandler(
      {
        webhookAgent: (name) => {
          const agent = this.definitions.get(name);
          return agent && isWebhookAgent(agent) ? agent : null;
        },
        env: this.env,
        inputsDir: (name) => this.home.paths.inputsDir(name),
        refusal: async (agent) => (await refusalNow(this.home, agent, new Date(this.clock.now())))?.reason ?? null,
        lockHeld: (name) => runInFlight(this.home, name),
        launched: (name) => this.launcher.alive(name),
        launch: (name, inputPath, runId) => {
          const launched = this.launcher.launch(name, 'webhook', { inputPath, runId });
          if (launched === 'busy') return { error: 'a run this daemon started is still going' };
          return 'error' in launched ? launched : { pid: launched.pid };
        },
        now: () => this.clock.now(),
        info: (message) => this.log.info(message),
        problem: (message) => this.log.problem(message),
      },
      counter,
    );
    this.webhooks = await WebhookServer.start(where, handler);
    this.webhookCounter = counter;
    this.log.info(`webhooks: listening on http://${hostPort(this.webhooks.address)}/hooks/<agent>`);
    // said in the heartbeat at once, not at the next beat: `nightshift hook` finds the port there
    await this.beat();
  }

  private async recordChanges(valid: Map<string, AgentDefinition>): Promise<void> {
    const parts: PartsByAgent = Object.fromEntries([...valid].map(([name, agent]) => [name, partsOf(agent)]));
    const before = this.seen ?? (await readSeenDefinitions(this.home.paths));
    if (before) {
      const changes = diffDefinitions(before, parts);
      try {
        const records = await recordDefinitionChanges(this.home.paths, changes, new Date(this.clock.now()));
        for (const record of records)
          this.log.info(`${record.agent}: ${record.reason} (recorded in logs/changes.jsonl)`);
      } catch (error) {
        this.log.problem(`could not record definition changes: ${errorMessage(error)}`);
      }
    }
    this.seen = parts;
    await writeSeenDefinitions(this.home.paths, parts).catch((error) =>
      this.log.problem(`could not write run/definitions.json: ${errorMessage(error)}`),
    );
  }

  // ── triggers ───────────────────────────────────────────────────────────

  private schedule(agent: AgentDefinition): void {
    const trigger = agent.trigger;
    const key = JSON.stringify(trigger ?? null);
    const current = this.scheduled.get(agent.name);
    if (current?.key === key) return;
    if (current) {
      void current.stop();
      this.scheduled.delete(agent.name);
    }
    const name = agent.name;
    // a new trigger says for itself whether its schedule reads
    for (const source of ['schedule', 'fire']) this.faults.forget(name, source);
    if (!trigger) return;
    const scheduleStage = trigger.kind === 'cron' ? cronStage('schedule', trigger) : 'schedule';
    try {
      const item = startTrigger(agent, {
        homeRoot: this.home.root,
        env: this.env,
        clock: this.clock,
        leadMs: this.options.leadMs ?? 0,
        fire: (kind, why) => void this.fire(name, kind, why),
        onCronDue: (due, late) => this.onCronDue(name, due, late),
        onScheduleError: (error) => this.faults.report('schedule', agentFault(name, scheduleStage, error)),
        onScheduleRecover: () => this.faults.clear('schedule', name),
        info: (message) => this.log.info(message),
        problem: (message) => this.log.problem(message),
      });
      if (!item) return;
      this.scheduled.set(agent.name, item);
      const due = item.next?.();
      const next = nextRunNote(due, trigger.timezone);
      this.log.info(`${agent.name}: ${current ? 're-scheduled' : 'scheduled'}, ${agent.triggerText}${next}`);
    } catch (error) {
      this.faults.report('schedule', agentFault(name, scheduleStage, error));
    }
  }

  private onCronDue(name: string, due: number, late: number): void {
    const trigger = this.definitions.get(name)?.trigger;
    if (trigger?.kind !== 'cron') return;
    try {
      this.startCronRun(name, trigger, due, late);
      this.faults.clear('fire', name);
    } catch (error) {
      this.faults.report('fire', agentFault(name, cronStage('slot', trigger), error));
    }
  }

  private startCronRun(
    name: string,
    trigger: Extract<AgentDefinition['trigger'], { kind: 'cron' }>,
    due: number,
    late: number,
  ): void {
    if (late <= trigger.grace) {
      void this.fire(name, 'cron', `due ${formatWall(due, trigger.timezone)}`, late < 0 ? due : undefined);
      return;
    }
    if (trigger.catchUp === 'once' && late <= trigger.deadline) {
      void this.fire(name, 'catch_up', `due ${formatWall(due, trigger.timezone)}, ${Math.round(late / 1000)}s late`);
      return;
    }
    this.log.info(
      `${name}: due ${formatWall(due, trigger.timezone)} passed ${Math.round(late / 1000)}s ago while the ` +
        `daemon could not look; not started (catch_up: ${trigger.catchUp})`,
    );
  }

  /** One fire: state is read fresh every time, so a pause or disable counts at once, without a restart. */
  async fire(name: string, kind: FireKind, why: string, notBefore?: number): Promise<void> {
    if (this.stopping) return;
    try {
      const now = new Date(this.clock.now());
      const effective = agentState(await readState(this.home.paths), name, now);
      if (effective.blockedBy) {
        const by = effective.blockedBy === 'stopped' ? 'the global stop is on' : `it is ${effective.blockedBy}`;
        this.log.info(`${name}: ${kind} fire (${why}) not started: ${by}`);
        return;
      }
      if (effective.status === 'pause-expired') await resumeExpiredPauses(this.home.paths, now, { source: 'daemon' });
      const launched = this.launcher.launch(name, kind, notBefore === undefined ? {} : { notBefore });
      if (launched === 'busy')
        this.log.info(`${name}: ${kind} fire (${why}) not started: the run it started before is still going`);
      else if ('error' in launched) this.log.problem(`${name}: could not start a run: ${launched.error}`);
      else this.log.info(`${name}: started run (${kind}; ${why}), pid ${launched.pid}`);
    } catch (error) {
      this.log.problem(`${name}: ${kind} fire failed: ${errorMessage(error)}`);
    }
  }

  // ── catch-up and watchdog ──────────────────────────────────────────────

  /** Two schedulers for one home start runs twice (one after the other: the harness lock only forbids overlap). */
  private async warnIfCrontabToo(): Promise<void> {
    if (this.options.crontabCheck === false) return;
    if (await cronBlockInstalled(this.home).catch(() => false)) {
      this.log.problem(
        `the crontab also has a nightshift block for ${this.home.root}: its agents may run twice; run \`nightshift cron uninstall\` (or stop this daemon)`,
      );
    }
  }

  private async catchUp(): Promise<void> {
    try {
      const now = new Date(this.clock.now());
      this.trail ??= await openRunTrail(this.home.paths.logs, { timezone: this.home.defaults.timezone });
      const { owed, faults } = await catchUpsOwed(this.home.paths, [...this.definitions.values()], this.trail, now);
      for (const fault of faults) this.faults.report('catch-up', fault);
      for (const { agent, due } of owed) {
        await this.fire(
          agent.name,
          'catch_up',
          `missed ${formatWall(due, agent.trigger?.timezone ?? 'UTC')} while no scheduler ran`,
        );
      }
    } catch (error) {
      this.log.problem(`catch-up after start failed: ${errorMessage(error)}`);
    }
  }

  private async watchdog(): Promise<void> {
    if (this.stopping || this.checking) return;
    const check = this.options.check ?? runCheck;
    this.checking = (async () => {
      try {
        const result = await check(this.home, {
          trail: this.trail,
          env: this.env,
          now: new Date(this.clock.now()),
          ...(this.configProblem === null ? {} : { configProblem: this.configProblem }),
        });
        this.trail = result.trail;
        for (const change of result.changes)
          this.log.info(`${change.agent ?? 'fleet'}: ${change.action}${change.reason ? ` (${change.reason})` : ''}`);
        for (const event of result.events) this.log.info(`alert ${event.event} ${event.key}: ${event.message}`);
        for (const warning of result.warnings) this.log.problem(warning);
        // said once each, not every minute; those a check no longer finds are said to be over
        this.faults.sync('watchdog', result.faults ?? []);
        const failed = new Set(result.failedRules ?? []);
        for (const message of failed)
          if (!this.failedRules.has(message))
            this.log.problem(`watchdog: ${message}; no alert is resolved while it fails`);
        this.failedRules = failed;
      } catch (error) {
        this.log.problem(`watchdog: ${errorMessage(error)}`);
      } finally {
        this.checking = null;
      }
    })();
    await this.checking;
  }
}

export async function startDaemon(home: Home, options: DaemonOptions): Promise<Daemon> {
  return Daemon.start(home, options);
}

/** The end of the "scheduled" log line: nothing for a trigger with no due times (watch, when), else the next one or why it is unknown. */
function nextRunNote(due: number | null | undefined, timezone: string): string {
  if (due === undefined) return '';
  if (due === null) return ' (next run unknown: its schedule cannot be read now; tried again every minute)';
  return ` (next ${formatWall(due, timezone)})`;
}
