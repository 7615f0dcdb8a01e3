import { formatWall } from '../../src/shared/index.js';
import { describe, expect, test } from 'vitest';
import {
  alertQuiet,
  condition,
  type Condition,
  findOpenAlert,
  holdReason,
  type OpenAlert,
  reconcile,
} from '../../src/alerts/index.js';
import { applyEvents } from '../../src/alerts/open-alerts.js';
import type { AlertEvent } from '../../src/journal/index.js';
import type { OperatorState } from '../../src/state/index.js';

/** Acks and maintenance windows against reconcile and delivery's hold, with the clock injected. */
const HOUR = 3_600_000;
const REALERT = 8 * HOUR;
const t0 = Date.parse('2026-05-10T00:00:00Z');
const at = (hours: number) => new Date(t0 + hours * HOUR);
const iso = (hours: number) => at(hours).toISOString();

type Quiet = Pick<OperatorState, 'acks' | 'silences'>;

const missed = condition('missed', 'missed:a:2026-05-10T00:00:00.000Z', 'a', 'a missed its run');
const budget = condition('budget_warn', 'budget_warn:a:2026-05', 'a', 'a is at 80% of its budget');
const other = condition('non_ok', 'non_ok:b', 'b', 'b: its last run ended ERROR');

/**
 * Checks in sequence, each with the conditions true then and the quiet state
 * then, keeping the journal as deliverEvents does: an event held by a window
 * is recorded with `held`.
 */
function sequence(steps: Array<[hours: number, conditions: Condition[], quiet: Quiet]>) {
  let open = new Map<string, OpenAlert>();
  const perStep: string[][] = [];
  for (const [hours, conditions, state] of steps) {
    const quiet = alertQuiet(state, at(hours));
    const events = reconcile({ open, conditions, inScope: () => true, now: at(hours), realertMs: REALERT, quiet });
    const recorded: AlertEvent[] = events.map((event) => {
      const held = holdReason(event, open, quiet);
      return held === undefined ? event : { ...event, held };
    });
    open = applyEvents(open, recorded);
    perStep.push(recorded.map((e) => `${e.event} ${e.key}${e.held ? ' (held)' : ''}`));
  }
  return { open, perStep };
}

const NONE: Quiet = {};
const ackOf = (openedAt: number, until: number | null): Quiet => ({
  acks: {
    [missed.key]: {
      opened_at: iso(openedAt),
      agent: 'a',
      by: 'aycee',
      reason: 'known',
      since: iso(0.5),
      until: until === null ? null : iso(until),
    },
  },
});
const windowOf = (agent: string | null, until: number): Quiet => ({
  silences: [{ agent, by: 'jo', reason: 'db migration', since: iso(0), until: iso(until) }],
});

describe('an acknowledged alert stays open but is not re-sent', () => {
  test('acked until it resolves: no resend at 8 h or 16 h; the resolve is sent', () => {
    const acked = ackOf(0, null);
    const { perStep } = sequence([
      [0, [missed], NONE],
      [8, [missed], acked],
      [16, [missed], acked],
      [17, [], acked],
    ]);
    expect(perStep).toEqual([[`open ${missed.key}`], [], [], [`resolve ${missed.key}`]]);
  });

  test('acked until 10 h: nothing at 8 h, re-sent at the first check after 10 h (the clock, not a sleep, ends it)', () => {
    const acked = ackOf(0, 10);
    const { perStep } = sequence([
      [0, [missed], NONE],
      [8, [missed], acked],
      [9.99, [missed], acked],
      [10, [missed], acked],
      [11, [missed], acked],
    ]);
    expect(perStep).toEqual([[`open ${missed.key}`], [], [], [`resend ${missed.key}`], []]);
  });

  test('an ack names one alert: the same key opened again later is not acknowledged', () => {
    const acked = ackOf(0, null);
    const { perStep } = sequence([
      [0, [missed], NONE],
      [1, [], acked],
      [2, [missed], acked],
      [10, [missed], acked],
    ]);
    expect(perStep).toEqual([
      [`open ${missed.key}`],
      [`resolve ${missed.key}`],
      [`open ${missed.key}`],
      [`resend ${missed.key}`],
    ]);
  });

  test('alertQuiet says who and why, for check, status and the console', () => {
    const quiet = alertQuiet(ackOf(0, 10), at(1));
    const note = quiet.of({ key: missed.key, agent: 'a', opened_at: iso(0) });
    expect(note).toMatchObject({ kind: 'ack', by: 'aycee', reason: 'known', until: iso(10) });
    expect(note?.text).toBe(`acked by aycee until ${formatWall(at(10), 'UTC')}: known`);
    expect(alertQuiet(ackOf(0, 10), at(10)).of({ key: missed.key, agent: 'a', opened_at: iso(0) })).toBeNull();
  });
});

describe('a maintenance window sends nothing and still records', () => {
  test("an alert opened and resolved inside the agent's window: recorded as held, never sent", () => {
    const window = windowOf('a', 4);
    const { perStep } = sequence([
      [1, [missed], window],
      [2, [], window],
      // after the window: nothing to send about an alert nobody was told of
      [5, [], window],
    ]);
    expect(perStep).toEqual([[`open ${missed.key} (held)`], [`resolve ${missed.key} (held)`], []]);
  });

  test('still open when the window ends: sent once then (even a rule that is never re-sent), then the usual reminders', () => {
    const window = windowOf('a', 4);
    const { perStep, open } = sequence([
      [1, [missed, budget], window],
      [3, [missed, budget], window],
      [4, [missed, budget], window],
      [5, [missed, budget], window],
      [12, [missed, budget], window],
    ]);
    expect(perStep).toEqual([
      [`open ${budget.key} (held)`, `open ${missed.key} (held)`],
      [],
      [`resend ${budget.key}`, `resend ${missed.key}`],
      [],
      [`resend ${missed.key}`],
    ]);
    expect(open.get(missed.key)?.held).toBeUndefined();
  });

  test('an alert open and sent before the window is not re-sent in it; a resolve in it is held', () => {
    const window = windowOf(null, 20);
    const { perStep } = sequence([
      [0, [missed], NONE],
      [8, [missed], window],
      [16, [missed], window],
      [17, [], window],
    ]);
    expect(perStep).toEqual([[`open ${missed.key}`], [], [], [`resolve ${missed.key} (held)`]]);
  });

  test("an agent's window holds only that agent's alerts; the fleet's holds every alert, fleet alerts included", () => {
    expect(sequence([[1, [missed, other], windowOf('a', 4)]]).perStep).toEqual([
      [`open ${missed.key} (held)`, `open ${other.key}`],
    ]);
    const fleetAlert = condition('scheduler_down', 'scheduler_down', null, 'the scheduler is down');
    expect(sequence([[1, [missed, other, fleetAlert], windowOf(null, 4)]]).perStep).toEqual([
      [`open ${missed.key} (held)`, `open ${other.key} (held)`, `open scheduler_down (held)`],
    ]);
  });

  test('an alert held by a window and acked in it is not sent when the window ends; the ack ending sends it', () => {
    const both: Quiet = { ...windowOf('a', 4), acks: { [missed.key]: { ...ackOf(1, 6).acks![missed.key]! } } };
    const { perStep } = sequence([
      [1, [missed], both],
      [5, [missed], both],
      [6, [missed], both],
    ]);
    expect(perStep).toEqual([[`open ${missed.key} (held)`], [], [`resend ${missed.key}`]]);
  });

  test('the hold says why, in words a person reads in alerts.jsonl', () => {
    const quiet = alertQuiet(windowOf('a', 4), at(1));
    const event: AlertEvent = {
      v: 1,
      key: missed.key,
      event: 'open',
      rule: 'missed',
      agent: 'a',
      severity: 'critical',
      at: iso(1),
      message: 'm',
    };
    expect(holdReason(event, new Map(), quiet)).toBe(
      `silenced (a maintenance) by jo until ${formatWall(at(4), 'UTC')}: db migration`,
    );
    expect(holdReason(event, new Map(), alertQuiet(windowOf('a', 4), at(4)))).toBeUndefined();
  });
});

describe('findOpenAlert: what `nightshift ack X` names', () => {
  const open = applyEvents(
    new Map(),
    [missed, budget, other].map(
      (c) =>
        ({
          v: 1,
          key: c.key,
          event: 'open',
          rule: c.rule,
          agent: c.agent,
          severity: c.severity,
          at: iso(0),
          message: c.message,
        }) as AlertEvent,
    ),
  );
  test('a key, an agent or rule with one open alert, a unique key prefix', () => {
    expect(findOpenAlert(open.values(), 'non_ok:b').key).toBe('non_ok:b');
    expect(findOpenAlert(open.values(), 'b').key).toBe('non_ok:b');
    expect(findOpenAlert(open.values(), 'missed').key).toBe(missed.key);
    expect(findOpenAlert(open.values(), 'budget_warn:a').key).toBe(budget.key);
  });
  test('several or none: a usage error (exit 2) that lists the open alerts by key', () => {
    expect(() => findOpenAlert(open.values(), 'a')).toThrow(
      /"a" names 2 open alerts \(of agent "a"\); name one by its key:\n {2}budget_warn:a:2026-05/,
    );
    let error: unknown;
    try {
      findOpenAlert(open.values(), 'nope');
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ exitCode: 2, field: 'alert', actual: 'nope' });
    expect((error as Error).message).toContain('no open alert is "nope"');
    expect((error as Error).message).toContain('non_ok:b');
    expect(() => findOpenAlert([], 'x')).toThrow(/no alert is open/);
  });
});
