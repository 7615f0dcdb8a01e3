import type { AgentHookCounts } from '../../daemon/index.js';
import type { FleetSnapshot } from '../../fleet/index.js';
import type { CaseTrend, CostReport, ReviewMark, WeekActivity } from '../../governance/index.js';
import type { AlertEvent, ChangeRecord, RunRecord } from '../../journal/index.js';
import type { DefinitionChange } from '../../daemon/index.js';
import type { LiveEvent, LiveLimits } from '../../harness/index.js';

/**
 * Everything the console shows is a function of this state; the reducer in
 * ../state.ts is the only thing that makes a new one. Data read from the home
 * arrives as actions (fleetLoaded, dataLoaded), work on the home leaves as
 * effects (`pending`), so the reducer stays pure and testable without a disk.
 */

export type SortKey = 'name' | 'status' | 'next' | 'cost';
export const SORT_KEYS: readonly SortKey[] = ['name', 'status', 'next', 'cost'];

export type AgentTab = 'runs' | 'output' | 'changes';
export const AGENT_TABS: readonly AgentTab[] = ['runs', 'output', 'changes'];

export type View =
  | { kind: 'fleet' }
  | { kind: 'agent'; agent: string; tab: AgentTab; cursor: number; offset: number; paneOffset: number }
  | {
      kind: 'output';
      agent: string;
      file: string;
      title: string;
      offset: number;
      /** `/` in the output: the text searched for, and the line of the current match (-1: none yet) */
      search?: string;
      match?: number;
    }
  /** index === number of agents: the walk is over and the summary shows */
  | { kind: 'review'; index: number; offset: number }
  | { kind: 'alerts'; cursor: number; offset: number }
  | { kind: 'costs'; cursor: number; offset: number }
  /** prefer: the runbook to put the cursor on once the list is read (the agent you came from) */
  | { kind: 'runbooks'; cursor: number; offset: number; prefer: string | null }
  | { kind: 'runbook'; name: string; offset: number; search: string; match: number }
  | { kind: 'help'; offset: number }
  /** f: a run in flight as its live file shows it (run/<agent>.live.jsonl); the feed lives in the view */
  | { kind: 'live'; agent: string; feed: LiveFeed };

/** What the live view has read of run/<agent>.live.jsonl. */
export interface LiveFeed {
  /** the run the file belongs to (its start line); null until read */
  runId: string | null;
  runner: string | null;
  model: string | null;
  limits: LiveLimits | null;
  /** model and tool calls and notes, newest last, at most LIVE_KEPT */
  events: LiveEvent[];
  /** the newest line of any kind: the gauges */
  latest: LiveEvent | null;
  /** the file was there and is gone: the run ended */
  gone: boolean;
}

export type ViewKind = View['kind'];

/** What a prompt does once its text is submitted. */
export type PromptPurpose =
  | { kind: 'switch'; action: 'pause' | 'resume' | 'disable' | 'enable'; agent: string; until?: string }
  | { kind: 'kill'; agent: string }
  /** r: a reason is optional (running is not destructive), but it is asked for and recorded */
  | { kind: 'run'; agent: string }
  /** after e: the file is saved already, so esc records the change too, without a reason */
  | { kind: 'definition'; agent: string; change: DefinitionChange }
  | { kind: 'stop-all-word' }
  | { kind: 'stop-all' }
  | { kind: 'start-all' }
  | { kind: 'review'; agent: string; outputFile: string | null }
  /** a in the alerts view: ack needs a reason; unack (on an acked alert) takes an optional one */
  | { kind: 'ack'; action: 'ack' | 'unack'; key: string };

export type Overlay =
  | { kind: 'filter' }
  | { kind: 'search' }
  /** `:` command line; candidates: what tab found when it was not one name */
  | { kind: 'command'; text: string; candidates: string[] }
  | {
      kind: 'prompt';
      title: string;
      /** shown dim after the input: what enter and esc do */
      hint: string;
      text: string;
      /** destructive: drawn in red, and mode is `confirm` */
      danger: boolean;
      /** the exact word to type before enter is accepted (STOP) */
      word: string | null;
      /** review prompts only: tab toggles it */
      concern: boolean | null;
      purpose: PromptPurpose;
    };

export type Mode = ViewKind | 'filter' | 'search' | 'prompt' | 'confirm' | 'command';

export type Op = 'run' | 'pause' | 'disable' | 'kill' | 'edit' | 'stop-all' | 'mark' | 'concern' | 'ack';

export type Effect =
  | { kind: 'load-fleet' }
  | { kind: 'load-agent'; agent: string }
  | { kind: 'load-text'; file: string }
  | { kind: 'load-alerts' }
  | { kind: 'load-costs' }
  | { kind: 'load-runbooks' }
  | { kind: 'load-review' }
  | { kind: 'follow-live'; agent: string }
  | {
      kind: 'switch';
      action: 'pause' | 'resume' | 'disable' | 'enable';
      agent: string;
      reason: string | null;
      /** ISO time a pause ends by itself (`:pause A 2h`) */
      until?: string;
    }
  | { kind: 'kill'; agent: string; reason: string | null }
  | { kind: 'stop-all'; reason: string | null }
  | { kind: 'start-all'; reason: string | null }
  | { kind: 'run-now'; agent: string; reason: string | null }
  | { kind: 'edit'; agent: string }
  | { kind: 'record-definition'; agent: string; change: DefinitionChange; reason: string | null }
  | { kind: 'review'; agent: string; note: string | null; concern: boolean; outputFile: string | null }
  | { kind: 'ack'; action: 'ack' | 'unack'; key: string; reason: string | null }
  | { kind: 'quit' };

/** Per-agent data the agent view needs beyond the snapshot. */
export interface AgentDetail {
  agent: string;
  /** newest first, at most 30 */
  runs: RunRecord[];
  /** changes.jsonl records about this agent (and fleet-wide ones), newest first */
  changes: ChangeRecord[];
  /** the newest run that left an output file, relative to the home */
  lastOutputFile: string | null;
  hasRunbook: boolean;
  /** each eval case's content score over its last evals (logs/evals.jsonl); absent or empty: no eval recorded */
  evals?: CaseTrend[];
  /** what the daemon's webhook listener took and refused for this agent (run/webhooks.json); absent: none counted */
  webhooks?: AgentHookCounts | null;
}

export interface TextFile {
  text: string | null;
  error: string | null;
  /** the file was larger than what was read */
  truncated: boolean;
}

export interface ReviewAgentData {
  name: string;
  /** the week in numbers (governance's scanWeek): a summary, not the records — a busy agent runs two thousand times a week */
  week: Pick<WeekActivity, 'runs' | 'byStatus' | 'costUsd'>;
  /** output files of the week's runs that still exist, relative to the home, newest first */
  outputs: string[];
  /** alert events (open and resend) about this agent in the week */
  alerts: AlertEvent[];
  lastReview: Pick<ReviewMark, 'at' | 'by' | 'concern'> | null;
}

export interface ReviewData {
  from: string;
  to: string;
  agents: ReviewAgentData[];
}

export interface ReviewProgress {
  /** agent → the output drawn for it (null: it has none this week) */
  drawn: Record<string, string | null>;
  marks: Record<string, { note: string | null; concern: boolean }>;
  /** PRNG state; the effects layer seeds it, the reducer steps it */
  rng: number;
}

export interface Flash {
  text: string;
  tone: 'info' | 'ok' | 'error';
  until: number;
}

export interface ConsoleState {
  now: number;
  cols: number;
  rows: number;
  readonly: boolean;
  noColor: boolean;
  home: string;
  /** nightshift.yaml is broken: the console runs on its last valid settings (else the defaults) and says so in its header */
  configProblem: string | null;
  snapshot: FleetSnapshot | null;
  loadError: string | null;
  /** views, the current one last; esc pops */
  stack: View[];
  overlay: Overlay | null;
  fleet: { sort: SortKey; filter: string; cursor: string | null; offset: number };
  details: Record<string, AgentDetail>;
  texts: Record<string, TextFile>;
  alerts: AlertEvent[] | null;
  costs: CostReport | null;
  runbooks: string[] | null;
  review: ReviewData | null;
  progress: ReviewProgress;
  /** runs started from the console: agent → when, until the fleet shows them */
  starting: Record<string, number>;
  flash: Flash | null;
  pending: Effect[];
  quitting: boolean;
}

export type DataLoaded =
  | { kind: 'agent'; detail: AgentDetail }
  | { kind: 'text'; file: string; content: TextFile }
  | { kind: 'alerts'; events: AlertEvent[] }
  | { kind: 'costs'; costs: CostReport }
  | { kind: 'runbooks'; names: string[] }
  | { kind: 'review'; review: ReviewData };

export type Action =
  | { type: 'keys'; keys: string[] }
  | { type: 'move'; delta: number }
  | { type: 'move-to'; where: 'top' | 'bottom' }
  | { type: 'page'; dir: 1 | -1 }
  | { type: 'open' }
  | { type: 'open-output' }
  /** v in an agent's view: its file (definition and prompt), read in the output pane */
  | { type: 'open-definition' }
  | { type: 'back' }
  | { type: 'quit' }
  | { type: 'show'; view: 'alerts' | 'costs' | 'runbooks' | 'review' | 'help' }
  | { type: 'sort' }
  | { type: 'filter' }
  | { type: 'clear-filter' }
  | { type: 'search' }
  | { type: 'search-next'; dir: 1 | -1 }
  /** `:` opens the command line; tab in it completes */
  | { type: 'command' }
  | { type: 'complete' }
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'submit' }
  | { type: 'cancel' }
  | { type: 'toggle-concern' }
  | { type: 'tab' }
  | { type: 'draw' }
  | { type: 'review-step'; delta: 1 | -1 }
  | { type: 'op'; op: Op }
  | { type: 'fleet-loaded'; snapshot: FleetSnapshot }
  | { type: 'load-failed'; what: string; message: string }
  | { type: 'data-loaded'; data: DataLoaded }
  | { type: 'flash'; text: string; tone: Flash['tone'] }
  | { type: 'not-started'; agent: string; message: string }
  /** nightshift.yaml looked at again with the fleet: why it is not valid, or null */
  | { type: 'config-checked'; problem: string | null }
  /** $EDITOR returned and the agent's trigger, limits or budget changed: ask why */
  | { type: 'definition-edited'; agent: string; change: DefinitionChange; fields: string[] }
  | { type: 'refresh' }
  | { type: 'follow' }
  /** new lines of a followed live file; reset: it was replaced (a new run), gone: it was removed (the run ended) */
  | { type: 'live-read'; agent: string; events: LiveEvent[]; reset: boolean; gone: boolean }
  | { type: 'tick'; now: number }
  | { type: 'resize'; cols?: number; rows?: number };
