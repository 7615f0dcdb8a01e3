import { describe, expect, test } from 'vitest';
import { condition, type Condition, foldAlerts, type OpenAlert, reconcile } from '../../src/alerts/index.js';
import { applyEvents } from '../../src/alerts/open-alerts.js';
import type { AlertEvent } from '../../src/journal/index.js';

const HOUR = 3_600_000;
const REALERT = 8 * HOUR;
const t0 = Date.parse('2026-05-10T00:00:00Z');

/** Runs a sequence of checks, each with the conditions true at that time, keeping the journal as check does. */
function sequence(steps: Array<[hours: number, conditions: Condition[]]>) {
  const journal: AlertEvent[] = [];
  let open = new Map<string, OpenAlert>();
  const perStep: string[][] = [];
  for (const [hours, conditions] of steps) {
    const events = reconcile({
      open,
      conditions,
      inScope: () => true,
      now: new Date(t0 + hours * HOUR),
      realertMs: REALERT,
    });
    journal.push(...events);
    open = applyEvents(open, events);
    perStep.push(events.map((e) => `${e.event} ${e.key}`));
  }
  return { journal, open, perStep };
}

const missed = condition('missed', 'missed:a:2026-05-10T02:00:00.000Z', 'a', 'a missed its run');
const budget = condition('budget_reached', 'budget_reached:a:2026-05', 'a', 'a reached its budget');

describe('reconcile: open once, re-send every realert, resolve once', () => {
  test('a lasting condition: opened, quiet, re-sent after 8 h, quiet, re-sent, then resolved once', () => {
    const { perStep, open } = sequence([
      [0, [missed]],
      [1, [missed]],
      [7.99, [missed]],
      [8, [missed]],
      [9, [missed]],
      [16, [missed]],
      [17, []],
      [18, []],
    ]);
    expect(perStep).toEqual([
      [`open ${missed.key}`],
      [],
      [],
      [`resend ${missed.key}`],
      [],
      [`resend ${missed.key}`],
      [`resolve ${missed.key}`],
      [],
    ]);
    expect(open.size).toBe(0);
  });

  test('a condition that comes back after resolving opens again', () => {
    const { perStep } = sequence([
      [0, [missed]],
      [1, []],
      [2, [missed]],
    ]);
    expect(perStep).toEqual([[`open ${missed.key}`], [`resolve ${missed.key}`], [`open ${missed.key}`]]);
  });

  test('facts that cannot change (budget reached) are opened once and never re-sent', () => {
    const { perStep } = sequence([
      [0, [budget]],
      [9, [budget]],
      [30, [budget]],
      [31, []],
    ]);
    expect(perStep).toEqual([[`open ${budget.key}`], [], [], [`resolve ${budget.key}`]]);
  });

  test('an alert outside the scope of an evaluation is left open, whatever the conditions say', () => {
    const open = applyEvents(
      new Map(),
      reconcile({
        open: new Map(),
        conditions: [missed, budget],
        inScope: () => true,
        now: new Date(t0),
        realertMs: REALERT,
      }),
    );
    const events = reconcile({
      open,
      conditions: [],
      inScope: (alert) => alert.rule === 'budget_reached',
      now: new Date(t0 + HOUR),
      realertMs: REALERT,
    });
    expect(events.map((e) => `${e.event} ${e.key}`)).toEqual([`resolve ${budget.key}`]);
  });

  test('a closed-not-fixed alert says why', () => {
    const open = applyEvents(
      new Map(),
      reconcile({ open: new Map(), conditions: [missed], inScope: () => true, now: new Date(t0), realertMs: REALERT }),
    );
    const [event] = reconcile({
      open,
      conditions: [],
      inScope: () => true,
      unwatched: () => 'a is paused',
      now: new Date(t0 + HOUR),
      realertMs: REALERT,
    });
    expect(event!.message).toBe('no longer watched (a is paused): a missed its run');
  });

  test('the open map kept by applyEvents is the one foldAlerts reads back from the journal', () => {
    const { journal, open } = sequence([
      [0, [missed, budget]],
      [8, [missed, budget]],
      [9, [missed]],
    ]);
    expect(open).toEqual(foldAlerts(journal));
    expect(open.get(missed.key)).toMatchObject({
      sends: 2,
      opened_at: new Date(t0).toISOString(),
      last_sent_at: new Date(t0 + 8 * HOUR).toISOString(),
    });
  });

  test('duplicate conditions open one alert', () => {
    const events = reconcile({
      open: new Map(),
      conditions: [missed, missed],
      inScope: () => true,
      now: new Date(t0),
      realertMs: REALERT,
    });
    expect(events).toHaveLength(1);
  });
});

describe('reconcile: the text follows the facts', () => {
  const said = (message: string) => condition('non_ok', 'non_ok:a', 'a', message);

  test('new words within realert: an update (sends unchanged), then nothing while they hold; the resend carries them', () => {
    const { perStep, open, journal } = sequence([
      [0, [said('a: its last run ended EMPTY')]],
      [1, [said('a: its last 2 runs ended TOO_LARGE and EMPTY')]],
      [2, [said('a: its last 2 runs ended TOO_LARGE and EMPTY')]],
      [8, [said('a: its last 2 runs ended TOO_LARGE and EMPTY')]],
    ]);
    expect(perStep).toEqual([['open non_ok:a'], ['update non_ok:a'], [], ['resend non_ok:a']]);
    expect(journal[1]).toMatchObject({
      details: { was: 'a: its last run ended EMPTY', opened_at: '2026-05-10T00:00:00.000Z' },
    });
    expect(open.get('non_ok:a')).toMatchObject({
      message: 'a: its last 2 runs ended TOO_LARGE and EMPTY',
      opened_at: '2026-05-10T00:00:00.000Z',
      sends: 2,
      last_sent_at: '2026-05-10T08:00:00.000Z',
    });
  });

  test('an alert that is never re-sent is still updated; one whose severity rises is sent again at once', () => {
    const spent = (message: string) => condition('budget_warn', 'budget_warn:a:2026-05', 'a', message);
    expect(
      sequence([
        [0, [spent('a has spent $8.00 (80%)')]],
        [1, [spent('a has spent $9.00 (90%)')]],
      ]).perStep,
    ).toEqual([['open budget_warn:a:2026-05'], ['update budget_warn:a:2026-05']]);
    const worse = { ...spent('a has spent $9.00 (90%)'), severity: 'critical' as const };
    expect(
      sequence([
        [0, [spent('a has spent $8.00 (80%)')]],
        [1, [worse]],
      ]).perStep,
    ).toEqual([['open budget_warn:a:2026-05'], ['resend budget_warn:a:2026-05']]);
  });

  test('an alert of a month closes once the month is over, even where the evaluation does not speak for it', () => {
    const open = applyEvents(
      new Map(),
      reconcile({ open: new Map(), conditions: [budget], inScope: () => true, now: new Date(t0), realertMs: REALERT }),
    );
    const withMonth = new Map([...open].map(([key, alert]) => [key, { ...alert, details: { month: '2026-05' } }]));
    const args = { open: withMonth, conditions: [], inScope: () => false, realertMs: REALERT };
    expect(reconcile({ ...args, now: new Date('2026-05-31T23:00:00Z'), month: '2026-05' })).toEqual([]);
    const closed = reconcile({ ...args, now: new Date('2026-06-01T00:00:00Z'), month: '2026-06' });
    expect(closed.map((e) => `${e.event} ${e.key} ${e.message}`)).toEqual([
      `resolve ${budget.key} resolved: 2026-05 is over: a reached its budget`,
    ]);
  });
});
