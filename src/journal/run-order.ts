/**
 * "Last" means by ended_at. Records are appended roughly in that order but not
 * exactly (two runs finishing together, several hosts), so every summary keeps
 * its entries sorted by this key rather than by position in the file. Runs
 * that ended in the same millisecond are ordered by file, then by offset, so a
 * summary and a plain scan of the files always agree on which is last.
 */
export interface RunKey {
  /** ended_at in epoch milliseconds */
  ms: number;
  /** byte offset of the record's line in its file */
  off: number;
}

/** A key from one file, placed among the files of the trail. */
export interface TrailKey extends RunKey {
  file: number;
}

export function compareKeys(a: RunKey, b: RunKey): number {
  return a.ms - b.ms || a.off - b.off;
}

export function compareTrailKeys(a: TrailKey, b: TrailKey): number {
  return a.ms - b.ms || a.file - b.file || a.off - b.off;
}

/**
 * Makes room for (ms, off) in `list` (ascending, at most `cap` long, the
 * smallest dropped when full) and returns the entry to fill in, or null when
 * it does not belong among the `cap` greatest. Appends in end order, the
 * common case, cost O(1) and allocate nothing: the dropped entry is reused.
 */
export function slotFor<T extends RunKey>(list: T[], ms: number, off: number, cap: number, create: () => T): T | null {
  const length = list.length;
  if (length >= cap) {
    const first = list[0] as T;
    if (ms < first.ms || (ms === first.ms && off < first.off)) return null;
    const last = list[length - 1] as T;
    if (ms > last.ms || (ms === last.ms && off > last.off)) {
      const recycled = list.shift() as T;
      recycled.ms = ms;
      recycled.off = off;
      list.push(recycled);
      return recycled;
    }
  }
  const entry = create();
  entry.ms = ms;
  entry.off = off;
  insertAt(list, entry, cap);
  return entry;
}

function insertAt<T extends RunKey>(list: T[], item: T, cap: number): void {
  let at = list.length;
  while (at > 0 && compareKeys(list[at - 1] as T, item) > 0) at--;
  if (at === list.length) list.push(item);
  else list.splice(at, 0, item);
  if (list.length > cap) list.shift();
}

/**
 * The `cap` greatest entries of several files' ascending lists, ascending, by
 * (ms, file, off): taken from the lists' ends, so only the kept are touched
 * (a home shared by hosts merges 30 of 90 per agent, for every agent).
 */
export function mergeGreatest<T extends RunKey>(
  parts: ReadonlyArray<{ file: number; list: ReadonlyArray<T> }>,
  cap: number,
): T[] {
  if (parts.length === 1) return (parts[0] as { list: ReadonlyArray<T> }).list.slice(-cap);
  const left = parts.map((part) => part.list.length);
  const taken: T[] = [];
  while (taken.length < cap) {
    let best = -1;
    for (let i = 0; i < parts.length; i++) {
      if ((left[i] as number) === 0) continue;
      if (best === -1 || isGreater(parts, i, best, left)) best = i;
    }
    if (best === -1) break;
    const at = (left[best] as number) - 1;
    left[best] = at;
    taken.push((parts[best] as { list: ReadonlyArray<T> }).list[at] as T);
  }
  return taken.reverse();
}

function isGreater<T extends RunKey>(
  parts: ReadonlyArray<{ file: number; list: ReadonlyArray<T> }>,
  i: number,
  j: number,
  left: readonly number[],
): boolean {
  const a = parts[i] as { file: number; list: ReadonlyArray<T> };
  const b = parts[j] as { file: number; list: ReadonlyArray<T> };
  const x = a.list[(left[i] as number) - 1] as T;
  const y = b.list[(left[j] as number) - 1] as T;
  return compareTrailKeys({ ms: x.ms, off: x.off, file: a.file }, { ms: y.ms, off: y.off, file: b.file }) > 0;
}
