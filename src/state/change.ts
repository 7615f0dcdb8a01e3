import { formatWall, UsageError } from '../shared/index.js';
import { assertAgentName } from '../home/index.js';
import { changeRecordSchema } from '../journal/index.js';
import type { ChangeAction, ChangeRecord } from '../journal/index.js';

/** The change-record actions that change state.json (kill, schedule and definition are recorded elsewhere). */
export const STATE_ACTIONS = [
  'pause',
  'resume',
  'disable',
  'enable',
  'stop-all',
  'start-all',
  'budget-pause',
  'auto-resume',
  'retire',
  'unretire',
] as const satisfies readonly ChangeAction[];
export type StateAction = (typeof STATE_ACTIONS)[number];

const FLEET_ACTIONS: readonly StateAction[] = ['stop-all', 'start-all'];
const UNTIL_ACTIONS: readonly StateAction[] = ['pause', 'budget-pause'];
/** Actions nightshift takes by itself: recorded as made by "nightshift", whoever called. */
const AUTOMATIC_ACTIONS: readonly StateAction[] = ['budget-pause', 'auto-resume'];

export const NIGHTSHIFT_ACTOR = 'nightshift';
export const BUDGET_REASON = 'budget';

export type ChangeSource = ChangeRecord['source'];

/** What a caller (CLI, console, daemon, harness) asks for. */
export interface ChangeRequest {
  action: StateAction;
  /** required for agent actions, absent for stop-all / start-all */
  agent?: string;
  reason?: string | null;
  /** pause / budget-pause only: when the pause ends by itself; must be in the future */
  until?: Date | string | null;
  /** who asks; defaults to the OS user */
  by?: string;
  source?: ChangeSource;
}

/** A request checked and normalized; the only input `nextState` accepts. */
export interface StateChange {
  action: StateAction;
  /** null exactly for the fleet-wide actions */
  agent: string | null;
  reason: string | null;
  /** ISO time, pause and budget-pause only */
  until: string | null;
  by: string;
  source: ChangeSource;
}

/**
 * Pure: checks a request against `now` and fills in what nightshift decides
 * (who made automatic changes, the budget reason). Throws UsageError for a
 * request that cannot be meant, before any lock is taken or file touched.
 */
export function normalizeChange(request: ChangeRequest, now: Date, defaultActor: string): StateChange {
  const action = checkAction(request.action);
  const automatic = AUTOMATIC_ACTIONS.includes(action);
  const change: StateChange = {
    action,
    agent: checkAgent(action, request.agent),
    reason: action === 'budget-pause' ? BUDGET_REASON : cleanReason(request.reason),
    until: checkUntil(action, request.until, now),
    by: automatic ? NIGHTSHIFT_ACTOR : (cleanActor(request.by) ?? defaultActor),
    source: checkSource(request.source),
  };
  return change;
}

function checkAction(action: unknown): StateAction {
  if (typeof action === 'string' && (STATE_ACTIONS as readonly string[]).includes(action)) return action as StateAction;
  throw new UsageError(`"${String(action)}" is not a state change`, {
    field: 'action',
    expected: STATE_ACTIONS.join(' | '),
    actual: String(action),
  });
}

function checkAgent(action: StateAction, agent: string | undefined): string | null {
  const fleetWide = FLEET_ACTIONS.includes(action);
  if (fleetWide) {
    if (agent !== undefined) {
      throw new UsageError(`${action} acts on the whole fleet and takes no agent`, {
        field: 'agent',
        expected: 'no agent',
        actual: agent,
      });
    }
    return null;
  }
  if (agent === undefined || agent === '') {
    throw new UsageError(`${action} needs an agent name`, {
      field: 'agent',
      expected: 'an agent name',
      actual: 'none',
    });
  }
  return assertAgentName(agent);
}

function checkUntil(action: StateAction, until: Date | string | null | undefined, now: Date): string | null {
  if (until === undefined || until === null) return null;
  if (!UNTIL_ACTIONS.includes(action)) {
    throw new UsageError(`${action} takes no end time; only pause does`, {
      field: 'until',
      expected: 'no end time',
      actual: String(until),
    });
  }
  const time = until instanceof Date ? until : new Date(until);
  if (Number.isNaN(time.getTime())) {
    throw new UsageError(`"${String(until)}" is not a time`, {
      field: 'until',
      expected: 'an ISO 8601 time',
      actual: String(until),
    });
  }
  if (time.getTime() <= now.getTime()) {
    throw new UsageError(`the pause would end at ${formatWall(time, 'UTC')}, which is not in the future`, {
      field: 'until',
      expected: `a time after ${now.toISOString()}`,
      actual: time.toISOString(),
    });
  }
  return time.toISOString();
}

function checkSource(source: unknown): ChangeSource {
  const parsed = changeRecordSchema.shape.source.safeParse(source);
  if (parsed.success) return parsed.data;
  throw new UsageError(`"${String(source)}" is not a change source`, {
    field: 'source',
    expected: 'cli | console | daemon | harness | watchdog | script',
    actual: String(source),
  });
}

function cleanReason(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim();
  return trimmed ? trimmed : null;
}

function cleanActor(by: string | undefined): string | undefined {
  const trimmed = by?.trim();
  return trimmed ? trimmed : undefined;
}
