/**
 * Cursor and window arithmetic shared by every list and pane. Pure, so the
 * edge cases (empty lists, a window taller than the list, a cursor past the
 * end after a reload) are tested once here.
 */
export function clamp(value: number, low: number, high: number): number {
  if (high < low) return low;
  return Math.max(low, Math.min(high, value));
}

/** The cursor moved by `delta`, kept on the list (0 for an empty one). */
export function moveIndex(index: number, delta: number, total: number): number {
  if (total <= 0) return 0;
  return clamp(index + delta, 0, total - 1);
}

/** The first visible row, moved as little as possible so that `index` is inside a window of `height` rows. */
export function follow(offset: number, index: number, height: number, total: number): number {
  if (height <= 0 || total <= 0) return 0;
  let next = offset;
  if (index < next) next = index;
  if (index >= next + height) next = index - height + 1;
  return clamp(next, 0, Math.max(0, total - height));
}

/** A pane scrolled by `delta` lines, never past its last full window. */
export function scrollBy(offset: number, delta: number, height: number, total: number): number {
  return clamp(offset + delta, 0, Math.max(0, total - height));
}

/** The slice of a list a window shows. */
export function windowOf<T>(items: readonly T[], offset: number, height: number): T[] {
  const start = clamp(offset, 0, Math.max(0, items.length - height));
  return items.slice(start, start + Math.max(0, height));
}
