import { describe, expect, test } from 'vitest';
import { dueAfter, type DueMemo, memoDueAfter } from '../../src/cron/index.js';
import { parseKey } from '../../src/shared/index.js';

const at = (s: string) => Date.parse(s);

describe('the next-due memo', () => {
  test('answers exactly as dueAfter does, minute by minute across the New York fall-back night', () => {
    const memo: DueMemo = new Map();
    for (let t = at('2026-10-31T22:00:00Z'); t < at('2026-11-02T12:00:00Z'); t += 7 * 60_000) {
      for (const expression of ['30 1 * * *', '0 * * * *', '*/20 * * * *']) {
        const memoized = memoDueAfter(memo);
        expect(memoized.dueAfter(expression, 'America/New_York', t)).toBe(dueAfter(expression, 'America/New_York', t));
      }
    }
  });

  test('computes once per slot: a later look before the slot is answered from the memo', () => {
    const memo: DueMemo = new Map();
    const first = memoDueAfter(memo);
    const due = first.dueAfter('0 23 * * *', 'Europe/Berlin', at('2026-11-24T08:00:00Z'));
    expect(first.changed).toBe(true);
    const later = memoDueAfter(memo);
    expect(later.dueAfter('0 23 * * *', 'Europe/Berlin', at('2026-11-24T21:59:59Z'))).toBe(due);
    expect(later.changed).toBe(false);
    expect([...later.used.keys()]).toEqual(['Europe/Berlin 0 23 * * *']);
    // at the slot itself the answer moves on, to the next day's
    expect(later.dueAfter('0 23 * * *', 'Europe/Berlin', due)).toBe(due + 24 * 3_600_000);
    expect(later.changed).toBe(true);
  });

  test('an entry from another build or outside its window is not trusted', () => {
    const name = 'UTC 0 2 * * *';
    const planted = at('2030-01-01T00:00:00Z');
    const memo: DueMemo = new Map([[name, { key: 'another build', value: { after: 0, due: planted } }]]);
    expect(memoDueAfter(memo).dueAfter('0 2 * * *', 'UTC', at('2026-01-05T12:00:00Z'))).toBe(
      at('2026-01-06T02:00:00Z'),
    );
    memo.set(name, { key: parseKey('0 2 * * *', 'UTC'), value: { after: at('2026-01-05T00:00:00Z'), due: planted } });
    // inside the window the memo is believed (so it really is read)…
    expect(memoDueAfter(memo).dueAfter('0 2 * * *', 'UTC', at('2026-01-05T12:00:00Z'))).toBe(planted);
    // …before it, never
    expect(memoDueAfter(memo).dueAfter('0 2 * * *', 'UTC', at('2026-01-04T12:00:00Z'))).toBe(
      at('2026-01-05T02:00:00Z'),
    );
  });
});
