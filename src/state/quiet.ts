import { UsageError } from '../shared/index.js';
import { assertAgentName } from '../home/index.js';
import type { ChangeRecord } from '../journal/index.js';
import { changeRecordSchema } from '../journal/index.js';
import type { ChangeSource } from './change.js';
import type { AlertAck, OperatorState, Silence } from './schema.js';

/**
 * Acknowledgements and maintenance windows (issue 15): operator state like a
 * pause, so kept in state.json beside it and changed the same way (under the
 * state lock, every change recorded in changes.jsonl with who and why). This
 * file is the pure part: a request checked, the state after it, the record.
 * What they do to alerts is the alerts room's (src/alerts/quiet.ts).
 */
export const QUIET_ACTIONS = ['ack', 'unack', 'silence', 'unsilence'] as const;
export type QuietAction = (typeof QUIET_ACTIONS)[number];

/** The alert an ack names: its key, and when it opened (a later alert under the same key is another alert). */
export interface AckedAlert {
  key: string;
  agent: string | null;
  opened_at: string;
}

export interface QuietRequest {
  action: QuietAction;
  /** ack / unack */
  alert?: AckedAlert;
  /** silence / unsilence: the agent, or null (absent) for the whole fleet */
  agent?: string | null;
  reason?: string | null;
  /** ack: optional (absent: until the alert resolves); silence: required */
  until?: Date | null;
  by: string;
  source: ChangeSource;
}

export type QuietNoop = 'already-acked' | 'not-acked' | 'already-silenced' | 'not-silenced';

export type QuietTransition =
  | { applied: true; state: OperatorState; record: ChangeRecord }
  | { applied: false; state: OperatorState; noop: QuietNoop; message: string };

/** Pure: the state after `request` at `now`, or why there is nothing to do. Throws UsageError for a request that cannot be meant. */
export function nextQuiet(state: OperatorState, request: QuietRequest, now: Date): QuietTransition {
  const at = now.toISOString();
  const pruned = prune(state, now);
  const record = (agent: string | null, reason: string | null, before: unknown, after: unknown): ChangeRecord =>
    changeRecordSchema.parse({
      v: 1,
      at,
      by: request.by,
      action: request.action,
      agent,
      reason,
      before,
      after,
      source: request.source,
    });
  switch (request.action) {
    case 'ack': {
      const alert = needAlert(request);
      const reason = needReason(request);
      const until = futureOrNull(request.until, now, 'ack');
      const before = liveAck(pruned, alert, now);
      if (before && before.until === until && before.reason === reason)
        return noop(state, 'already-acked', `${alert.key} is already acknowledged (${describe(before)})`);
      const ack: AlertAck = {
        opened_at: alert.opened_at,
        agent: alert.agent,
        by: request.by,
        reason,
        since: at,
        until,
      };
      const next = { ...pruned, acks: { ...pruned.acks, [alert.key]: ack } };
      return {
        applied: true,
        state: next,
        record: record(alert.agent, reason, before ? { key: alert.key, ...before } : null, { key: alert.key, ...ack }),
      };
    }
    case 'unack': {
      const alert = needAlert(request);
      const before = liveAck(pruned, alert, now);
      if (!before) return noop(state, 'not-acked', `${alert.key} is not acknowledged`);
      const acks = { ...pruned.acks };
      delete acks[alert.key];
      return {
        applied: true,
        state: withAcks(pruned, acks),
        record: record(alert.agent, cleanText(request.reason), { key: alert.key, ...before }, null),
      };
    }
    case 'silence': {
      const agent = scopeOf(request);
      const reason = needReason(request);
      const until = futureOrNull(request.until, now, 'silence');
      if (until === null)
        throw new UsageError('silence needs --until: a maintenance window ends by itself', {
          field: '--until',
          expected: 'a time or a duration (2h)',
          actual: 'none',
          fix: 'add --until 2h (or a time); `nightshift unsilence` ends it sooner',
        });
      const before = liveSilence(pruned, agent, now);
      if (before && before.until === until && before.reason === reason)
        return noop(state, 'already-silenced', `${scopeName(agent)} is already silenced (${describe(before)})`);
      const silence: Silence = { agent, by: request.by, reason, since: at, until };
      const others = (pruned.silences ?? []).filter((s) => s.agent !== agent);
      return {
        applied: true,
        state: { ...pruned, silences: [...others, silence] },
        record: record(agent, reason, before ?? null, silence),
      };
    }
    case 'unsilence': {
      const agent = scopeOf(request);
      const before = liveSilence(pruned, agent, now);
      if (!before) return noop(state, 'not-silenced', `${scopeName(agent)} is not silenced`);
      const others = (pruned.silences ?? []).filter((s) => s.agent !== agent);
      return {
        applied: true,
        state: withSilences(pruned, others),
        record: record(agent, cleanText(request.reason), before, null),
      };
    }
  }
}

/** The ack of this very alert still in force at `now`, if any. */
export function liveAck(
  state: Pick<OperatorState, 'acks'>,
  alert: Pick<AckedAlert, 'key' | 'opened_at'>,
  now: Date,
): AlertAck | null {
  const ack = state.acks && Object.hasOwn(state.acks, alert.key) ? state.acks[alert.key] : undefined;
  if (!ack || ack.opened_at !== alert.opened_at) return null;
  return ack.until !== null && Date.parse(ack.until) <= now.getTime() ? null : ack;
}

/** The window of exactly this scope (an agent, or null: the fleet) in force at `now`. */
export function liveSilence(state: Pick<OperatorState, 'silences'>, agent: string | null, now: Date): Silence | null {
  return (state.silences ?? []).find((s) => s.agent === agent && Date.parse(s.until) > now.getTime()) ?? null;
}

/** The windows in force at `now`, the fleet's first. */
export function liveSilences(state: Pick<OperatorState, 'silences'>, now: Date): Silence[] {
  return (state.silences ?? [])
    .filter((s) => Date.parse(s.until) > now.getTime())
    .sort((a, b) => (a.agent ?? '').localeCompare(b.agent ?? ''));
}

/** Ended acks and windows are dropped whenever state.json is written for one: they do nothing any more. */
function prune(state: OperatorState, now: Date): OperatorState {
  const acks = Object.fromEntries(
    Object.entries(state.acks ?? {}).filter(([, ack]) => ack.until === null || Date.parse(ack.until) > now.getTime()),
  );
  return withSilences(withAcks(state, acks), liveSilences(state, now));
}

/** Absent rather than empty: a home that has none keeps the state.json it had. */
function withAcks(state: OperatorState, acks: Record<string, AlertAck>): OperatorState {
  const { acks: _dropped, ...rest } = state;
  return Object.keys(acks).length > 0 ? { ...rest, acks } : rest;
}

function withSilences(state: OperatorState, silences: Silence[]): OperatorState {
  const { silences: _dropped, ...rest } = state;
  return silences.length > 0 ? { ...rest, silences } : rest;
}

function noop(state: OperatorState, code: QuietNoop, message: string): QuietTransition {
  return { applied: false, state, noop: code, message };
}

function needAlert(request: QuietRequest): AckedAlert {
  if (request.alert) return request.alert;
  throw new UsageError(`${request.action} needs an alert`, {
    field: 'alert',
    expected: 'an open alert',
    actual: 'none',
  });
}

function needReason(request: QuietRequest): string {
  const reason = cleanText(request.reason);
  if (reason !== null) return reason;
  throw new UsageError(`${request.action} needs --reason: who reads the alert later must know why it went quiet`, {
    field: '--reason',
    expected: 'a reason',
    actual: 'none',
    fix: `add --reason "…" (recorded in logs/changes.jsonl)`,
  });
}

function scopeOf(request: QuietRequest): string | null {
  if (request.agent === undefined || request.agent === null) return null;
  return assertAgentName(request.agent);
}

function futureOrNull(until: Date | null | undefined, now: Date, action: QuietAction): string | null {
  if (until === undefined || until === null) return null;
  if (Number.isNaN(until.getTime()))
    throw new UsageError(`${action} --until is not a time`, { field: '--until', expected: 'a time', actual: 'NaN' });
  if (until.getTime() <= now.getTime())
    throw new UsageError(`the ${action} would end at ${until.toISOString()}, which is not in the future`, {
      field: '--until',
      expected: `a time after ${now.toISOString()}`,
      actual: until.toISOString(),
    });
  return until.toISOString();
}

function cleanText(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

export function scopeName(agent: string | null): string {
  return agent ?? 'the fleet';
}

function describe(entry: { by: string; since: string; until: string | null; reason: string }): string {
  return `by ${entry.by} since ${entry.since}${entry.until ? ` until ${entry.until}` : ''}: ${entry.reason}`;
}
