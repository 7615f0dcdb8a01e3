import { describe, expect, test } from 'vitest';
import { DayTable, statusIndex } from '../../src/journal/day-table.js';
import { RUN_STATUSES } from '../../src/journal/records.js';
import { pick, seeded } from './support/random-runs.js';

describe('DayTable', () => {
  test('adds runs per day, merges tables, and survives its flat form', () => {
    const random = seeded(101);
    const a = new DayTable();
    const b = new DayTable();
    const expected = new Map<number, { runs: number; cost: number; byStatus: Record<string, number> }>();
    for (let i = 0; i < 3000; i++) {
      const day = 20_000 + Math.floor(random() * 40) - (random() < 0.01 ? 30_000 : 0);
      const status = pick(random, RUN_STATUSES);
      const cost = Math.round(random() * 1000) / 1000;
      (random() < 0.5 ? a : b).addRun(day, statusIndex(status), cost, 10);
      const e = expected.get(day) ?? { runs: 0, cost: 0, byStatus: {} };
      e.runs++;
      e.cost += cost;
      e.byStatus[status] = (e.byStatus[status] ?? 0) + 1;
      expected.set(day, e);
    }
    const merged = new DayTable();
    merged.addTable(a);
    merged.addTable(b);
    const again = DayTable.fromColumns(JSON.parse(merged.toJson()));
    for (const table of [merged, again]) {
      const totals = table.allTotals();
      expect(totals.map((t) => t.day)).toEqual([...expected.keys()].sort((x, y) => x - y));
      for (const t of totals) {
        const e = expected.get(t.day);
        expect([t.runs, t.byStatus, t.durationMs]).toEqual([e?.runs, e?.byStatus, (e?.runs ?? 0) * 10]);
        expect(t.costUsd).toBeCloseTo(e?.cost ?? Number.NaN, 9);
      }
    }
    // a loaded table keeps adding to its days, not beside them
    again.addRun(20_000, statusIndex('OK'), 1, 1);
    expect(again.allTotals().filter((t) => t.day === 20_000)).toHaveLength(1);
  });

  test('refuses columns that do not fit together; an empty table has none', () => {
    const columns = { day: [1, 2], runs: [1, 1], cost: [0, 0], duration: [0, 0], counts: new Array(34).fill(0) };
    expect(DayTable.fromColumns(columns).size).toBe(2);
    expect(() => DayTable.fromColumns({ ...columns, runs: [1] })).toThrow(RangeError);
    expect(() => DayTable.fromColumns({ ...columns, counts: [0] })).toThrow(RangeError);
    expect(JSON.parse(new DayTable().toJson())).toEqual({ day: [], runs: [], cost: [], duration: [], counts: [] });
  });
});

describe('DayTable columns (the stored index)', () => {
  test('counts are stored in 16 bits when they fit and in 32 when not; a loaded 16-bit table widens on its first write', () => {
    const table = new DayTable();
    table.addRun(20_000, statusIndex('OK'), 0.5, 10);
    const narrow = table.columns();
    expect(narrow.counts).toBeInstanceOf(Uint16Array);
    const loaded = DayTable.fromColumns(narrow);
    for (let i = 0; i < 70_000; i++) loaded.addRun(20_000, statusIndex('OK'), 0, 1);
    loaded.addRun(20_001, statusIndex('ERROR'), 0, 1);
    expect(loaded.allTotals().map((t) => [t.day, t.runs, t.byStatus])).toEqual([
      [20_000, 70_001, { OK: 70_001 }],
      [20_001, 1, { ERROR: 1 }],
    ]);
    const wide = loaded.columns();
    expect(wide.counts).toBeInstanceOf(Uint32Array);
    expect(DayTable.fromColumns(wide).allTotals()).toEqual(loaded.allTotals());
  });
});

describe('statusIndex', () => {
  test('is the position in RUN_STATUSES for every status', () => {
    expect(RUN_STATUSES.map((status) => statusIndex(status))).toEqual(RUN_STATUSES.map((_, index) => index));
  });
});
