import type { AgentDefinition, AgentFault } from '../agents/index.js';
import type { OpenAlert } from '../alerts/index.js';
import type { RunRecord } from '../journal/index.js';
import type { Silence, AgentEntry as StateEntry } from '../state/index.js';
import type { CronMode, SchedulerState } from '../shared/index.js';

/** What the operator set for an agent (state.json); an agent not listed there is enabled. */
export type OperatorEntry = StateEntry;

/**
 * What a row shows first: the operator's state, unless something overrides it.
 * error: the file is valid but something about the agent could not be worked
 * out (its next run, an alert rule): its `faults` say what.
 */
export type DisplayState =
  | 'enabled'
  | 'paused'
  | 'disabled'
  | 'invalid'
  | 'error'
  | 'running'
  | 'stopped'
  /** `nightshift retire`: hidden from status and the console's fleet unless asked for */
  | 'retired';

export interface RunInFlight {
  run_id: string;
  pid: number;
  started_at: string;
  elapsed_ms: number;
  trigger: string;
  /** the host it runs on (its lock's), in a home shared by several hosts only */
  host?: string;
}

export interface FleetAgent {
  name: string;
  file: string;
  valid: boolean;
  /** the first problem, formatted for a person: of an invalid file, else the first fault */
  problem: string | null;
  problems: string[];
  /** what could not be worked out about this agent (display 'error'); every other agent is unaffected */
  faults: AgentFault[];
  definition: AgentDefinition | null;
  owner: string | null;
  description: string | null;
  trigger: string;
  triggerKind: 'cron' | 'watch' | 'when' | 'webhook' | 'manual' | null;
  operator: OperatorEntry;
  display: DisplayState;
  running: RunInFlight | null;
  lastRun: RunRecord | null;
  /** next due time of a cron agent that will run (enabled, fleet not stopped) */
  nextDue: string | null;
  openAlerts: OpenAlert[];
  cost: { monthToDate: number; budget: number | null; fraction: number | null; lastMonth: number };
  runsToday: number;
  /** consecutive non-OK runs at the end of its history (SKIPPED and KILLED are neutral) */
  failureStreak: number;
}

/**
 * up: beating. down: its process is gone from this host's process table,
 * or the beat went stale (killed, crashed, host asleep).
 * stopped: it said so on a clean stop, so it is not up even while its last
 * beat is fresh. never: no heartbeat file.
 */
export interface SchedulerHealth {
  state: SchedulerState;
  pid: number | null;
  started_at: string | null;
  beat_at: string | null;
  /** optional so snapshots written before clean stops were recorded still read */
  stopped_at?: string | null;
  /** present when this home's block is in the user's crontab (cron mode): cron is a scheduler too */
  cron?: CronMode;
  /** present when the Kubernetes watchdog has beaten in this home (export k8s): its CronJobs start the runs */
  kubernetes?: { state: SchedulerState; beat_at: string; host: string | null };
}

export interface FleetSnapshot {
  generated_at: string;
  home: string;
  timezone: string;
  month: string;
  global: { stopped: boolean; since: string | null; by: string | null; reason: string | null };
  scheduler: SchedulerHealth;
  /** errors: agents with at least one fault */
  totals: {
    agents: number;
    /** agents retired (`nightshift retire`): rows with operator state retired, hidden by default; absent when none */
    retired?: number;
    invalid: number;
    errors: number;
    running: number;
    monthToDate: number;
    runsToday: number;
    openAlerts: number;
  };
  agents: FleetAgent[];
  /** alerts not tied to one agent (scheduler down, channel failures) */
  fleetAlerts: OpenAlert[];
  /** lines the journals could not parse, per file — shown so nothing is silently lost */
  badLines: Record<string, number>;
  /** maintenance windows in force (`nightshift silence`): absent when none */
  silences?: Silence[];
  /** the home is shared by several hosts (home/hosts.ts): views say on which host a run is or was */
  shared?: boolean;
}
