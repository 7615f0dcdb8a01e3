import { type Cached, parseKey } from '../shared/index.js';
import { dueAfter } from './due-times.js';

/**
 * Remembered answers of dueAfter, so a fleet view need not work out 50 cron
 * schedules (a zone's first question reads a year of its offsets) to show
 * when each runs next. An answer (after → due) holds for every later `after`
 * up to `due` itself: no slot lies between them. Kept per schedule, keyed by
 * the build and Node version like the other parse caches.
 */
export type DueMemo = Map<string, Cached<{ after: number; due: number }>>;

export interface MemoDueAfter {
  dueAfter: (expression: string, timezone: string, after: number) => number;
  /** the entries this memo answered or computed: what is worth keeping */
  used: DueMemo;
  /** true when something was computed, so the memo is worth saving */
  readonly changed: boolean;
}

export function memoDueAfter(memo: DueMemo): MemoDueAfter {
  const used: DueMemo = new Map();
  let changed = false;
  return {
    dueAfter(expression, timezone, after) {
      const name = `${timezone} ${expression}`;
      const key = parseKey(expression, timezone);
      const known = memo.get(name);
      if (known?.key === key && after >= known.value.after && after < known.value.due) {
        used.set(name, known);
        return known.value.due;
      }
      const due = dueAfter(expression, timezone, after);
      const entry = { key, value: { after, due } };
      memo.set(name, entry);
      used.set(name, entry);
      changed = true;
      return due;
    },
    used,
    get changed() {
      return changed;
    },
  };
}
