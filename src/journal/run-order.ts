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

/** The `cap` greatest entries of several ascending lists, ascending. */
export function mergeGreatest<T>(
  lists: ReadonlyArray<ReadonlyArray<T>>,
  compare: (a: T, b: T) => number,
  cap: number,
): T[] {
  if (lists.length === 1) return (lists[0] as ReadonlyArray<T>).slice(-cap);
  return lists
    .flatMap((list) => list.slice(-cap))
    .sort(compare)
    .slice(-cap);
}
