import { own } from '../shared/index.js';
import {
  type AgentEntry,
  type AgentFault,
  cronStage,
  forAgent,
  formatProblem,
  type ResolvedTrigger,
} from '../agents/index.js';
import { dueAfter } from '../cron/index.js';
import { type OpenAlert, openAlertsByAgent } from '../alerts/index.js';
import type { RunRecord } from '../journal/index.js';
import { defaultAgentEntry, type Silence } from '../state/index.js';
import type { DisplayState, FleetAgent, FleetSnapshot, OperatorEntry, RunInFlight, SchedulerHealth } from './types.js';
import { type CronDaemon, type CronMode, HEARTBEAT_STALE_MS, roundUsd, schedulerState } from '../shared/index.js';

/** A heartbeat older than this means the scheduler is down (DESIGN §5): the one rule's number (src/shared/scheduler-health.ts). */
export { HEARTBEAT_STALE_MS };

export interface LockView {
  run_id: string;
  pid: number;
  started_at: string;
  trigger: string;
  host?: string;
}

export interface FleetInputs {
  now: Date;
  home: string;
  timezone: string;
  month: string;
  entries: AgentEntry[];
  global: FleetSnapshot['global'];
  operator: Record<string, OperatorEntry | undefined>;
  lastRuns: Map<string, RunRecord>;
  monthCost: Map<string, number>;
  lastMonthCost: Map<string, number>;
  runsToday: Map<string, number>;
  failureStreak: Map<string, number>;
  /** live locks only: a stale lock has been reaped (and recorded as CRASHED) before this is built */
  locks: Map<string, LockView>;
  openAlerts: Map<string, OpenAlert>;
  /** process_gone: the daemon's pid is gone from this host's process table (schedule's daemonProcess) */
  heartbeat: { pid: number; started_at: string; beat_at: string; stopped_at?: string; process_gone?: boolean } | null;
  /** the Kubernetes watchdog's beat (run/kubernetes.json), when Kubernetes schedules the home */
  kubernetesBeat?: { beat_at: string; host?: string } | null;
  badLines: Record<string, number>;
  /** cron mode: this home's block is in the user's crontab, and whether a cron daemon runs (null/absent: no block) */
  cronBlock?: { daemon: CronDaemon } | null;
  /** when a cron agent runs next (agents' dueAfter, or a memo of it) */
  dueAfter?: (expression: string, timezone: string, after: number) => number;
  /** what could not be worked out about an agent while gathering these inputs (its lock, its runs, the last check) */
  faults?: Map<string, AgentFault[]>;
  /** maintenance windows in force (state.json `silences`) */
  silences?: Silence[];
  /** the home is shared by several hosts: runs in flight say on which */
  shared?: boolean;
}

/** Pure: everything a fleet view shows, from what the files say. No I/O, no clock but `now`. */
export function buildFleet(input: FleetInputs): FleetSnapshot {
  const byAgent = openAlertsByAgent(input.openAlerts);
  const agents = input.entries.map((entry) => {
    const alerts = byAgent.get(entry.name) ?? [];
    const built = forAgent(entry.name, 'fleet row', () => buildAgent(entry, input, alerts));
    return built.ok ? built.value : faultyAgent(entry, input, alerts, built.fault);
  });
  const fleetAlerts = [...input.openAlerts.values()].filter(
    (alert) => alert.agent === null || !input.entries.some((e) => e.name === alert.agent),
  );
  return {
    generated_at: input.now.toISOString(),
    home: input.home,
    timezone: input.timezone,
    month: input.month,
    global: input.global,
    scheduler: withKubernetes(schedulerHealth(input.heartbeat, input.now, cronModeOf(input)), input),
    totals: {
      // a retired agent is not in the fleet any more; its month's cost still is (money spent is spent)
      agents: agents.filter((a) => a.operator.state !== 'retired').length,
      ...(agents.some((a) => a.operator.state === 'retired')
        ? { retired: agents.filter((a) => a.operator.state === 'retired').length }
        : {}),
      invalid: agents.filter((a) => !a.valid).length,
      errors: agents.filter((a) => a.faults.length > 0).length,
      running: agents.filter((a) => a.running).length,
      monthToDate: roundUsd(agents.reduce((sum, a) => sum + a.cost.monthToDate, 0)),
      runsToday: agents.reduce((sum, a) => sum + a.runsToday, 0),
      openAlerts: input.openAlerts.size,
    },
    agents,
    fleetAlerts,
    badLines: input.badLines,
    ...(input.silences && input.silences.length > 0 ? { silences: input.silences } : {}),
    ...(input.shared ? { shared: true } : {}),
  };
}

function buildAgent(entry: AgentEntry, input: FleetInputs, openAlerts: OpenAlert[]): FleetAgent {
  const operator = operatorOf(entry, input);
  const lock = input.locks.get(entry.name);
  const running: RunInFlight | null = lock
    ? {
        run_id: lock.run_id,
        pid: lock.pid,
        started_at: lock.started_at,
        trigger: lock.trigger,
        elapsed_ms: Math.max(0, input.now.getTime() - Date.parse(lock.started_at)),
        ...(input.shared && lock.host !== undefined ? { host: lock.host } : {}),
      }
    : null;
  const definition = entry.ok ? entry.agent : null;
  const monthToDate = roundUsd(input.monthCost.get(entry.name) ?? 0);
  const budget = definition?.budget?.monthly_usd ?? null;
  const faults = [...(input.faults?.get(entry.name) ?? [])];
  let nextDue: string | null = null;
  if (definition && willRun(operator, input.global.stopped)) {
    const next = nextDueOf(entry.name, definition.trigger, input.now, input.dueAfter ?? dueAfter);
    if (next.ok) nextDue = next.value;
    else faults.push(next.fault);
  }
  return {
    ...describeAgent(entry, input, faults),
    display: displayState(entry.ok, operator, running, input.global.stopped, faults.length > 0),
    running,
    lastRun: input.lastRuns.get(entry.name) ?? null,
    nextDue,
    openAlerts,
    cost: {
      monthToDate,
      budget,
      fraction: budget && budget > 0 ? monthToDate / budget : null,
      lastMonth: roundUsd(input.lastMonthCost.get(entry.name) ?? 0),
    },
    runsToday: input.runsToday.get(entry.name) ?? 0,
    failureStreak: input.failureStreak.get(entry.name) ?? 0,
  };
}

function operatorOf(entry: AgentEntry, input: FleetInputs): OperatorEntry {
  return own(input.operator, entry.name) ?? defaultAgentEntry();
}

/** What a row says from the file, the operator's state and the faults alone: the part nothing computed can break. */
function describeAgent(entry: AgentEntry, input: FleetInputs, faults: AgentFault[]) {
  const definition = entry.ok ? entry.agent : null;
  // an invalid file's problems first, then what could not be worked out
  const problems = [...(entry.ok ? [] : entry.problems.map(formatProblem)), ...faults.map((fault) => fault.message)];
  return {
    name: entry.name,
    file: entry.file,
    valid: entry.ok,
    problem: problems[0] ?? (entry.ok ? null : `${entry.file}: invalid`),
    problems,
    faults,
    definition,
    owner: definition?.owner ?? null,
    description: definition?.description ?? null,
    trigger: definition ? definition.triggerText : 'invalid definition',
    triggerKind: definition ? (definition.trigger?.kind ?? 'manual') : null,
    operator: operatorOf(entry, input),
  } satisfies Partial<FleetAgent>;
}

/**
 * A fault outranks the operator's state for the same reason INVALID does:
 * it is what needs doing; the state is still in `operator`.
 */
export function displayState(
  valid: boolean,
  operator: OperatorEntry,
  running: RunInFlight | null,
  stopped: boolean,
  faulty = false,
): DisplayState {
  if (running) return 'running';
  if (!valid) return 'invalid';
  if (faulty) return 'error';
  if (operator.state !== 'enabled') return operator.state;
  if (stopped) return 'stopped';
  return 'enabled';
}

function willRun(operator: OperatorEntry, stopped: boolean): boolean {
  return operator.state === 'enabled' && !stopped;
}

/** A schedule that cannot say when it is next due is that agent's fault, shown as such (not a blank "next"). */
function nextDueOf(
  name: string,
  trigger: ResolvedTrigger | undefined,
  now: Date,
  due: NonNullable<FleetInputs['dueAfter']>,
) {
  if (!trigger || trigger.kind !== 'cron') return { ok: true as const, value: null };
  return forAgent(name, cronStage('next run', trigger), () =>
    new Date(due(trigger.expression, trigger.timezone, now.getTime())).toISOString(),
  );
}

/** The row of an agent whose row itself could not be built: what its file says, and why the rest is missing. */
function faultyAgent(entry: AgentEntry, input: FleetInputs, openAlerts: OpenAlert[], fault: AgentFault): FleetAgent {
  const described = describeAgent(entry, input, [...(input.faults?.get(entry.name) ?? []), fault]);
  return {
    ...described,
    display: entry.ok ? 'error' : 'invalid',
    running: null,
    lastRun: null,
    nextDue: null,
    openAlerts,
    cost: { monthToDate: 0, budget: described.definition?.budget?.monthly_usd ?? null, fraction: null, lastMonth: 0 },
    runsToday: 0,
    failureStreak: 0,
  };
}

/** The daemon's heartbeat, and cron mode beside it when the block is installed (only then: older snapshots lack the key). */
export function schedulerHealth(
  heartbeat: FleetInputs['heartbeat'],
  now: Date,
  cron: CronMode | null = null,
): SchedulerHealth {
  const withCron = cron === null ? {} : { cron };
  if (!heartbeat) return { state: 'never', pid: null, started_at: null, beat_at: null, stopped_at: null, ...withCron };
  const state = schedulerState(heartbeat, now, heartbeat.process_gone ? 'gone' : 'unknown');
  return {
    state,
    pid: heartbeat.pid,
    started_at: heartbeat.started_at,
    beat_at: heartbeat.beat_at,
    stopped_at: heartbeat.stopped_at ?? null,
    ...withCron,
  };
}

/** The Kubernetes watchdog's beat beside the daemon's, judged by the same rule (its age: the beat is from a pod). */
function withKubernetes(health: SchedulerHealth, input: FleetInputs): SchedulerHealth {
  const beat = input.kubernetesBeat;
  if (!beat) return health;
  const state = schedulerState(beat, input.now, 'unknown');
  return { ...health, kubernetes: { state, beat_at: beat.beat_at, host: beat.host ?? null } };
}

/** Cron mode, with the latest run a cron trigger started (any agent's last run): the sign cron fires. */
function cronModeOf(input: FleetInputs): CronMode | null {
  if (!input.cronBlock) return null;
  let last: string | null = null;
  for (const run of input.lastRuns.values())
    if (run.trigger === 'cron' && (last === null || run.started_at > last)) last = run.started_at;
  return { daemon: input.cronBlock.daemon, last_cron_run_at: last };
}
