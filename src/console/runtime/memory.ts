import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Ink draws every frame from scratch (a cell object per character), and V8
 * lets the garbage of that churn pile up: a 50-agent fleet held under 30 MB
 * live while its console crept past 200 MB after a minute of keys. Checked
 * every tick:
 *
 * - past COLLECT_BYTES, a full collection (V8's own `gc`, exposed at run time
 *   for this): a few milliseconds once a second at most, which brings the
 *   console back to ~150 MB and kept its peak at ~170 MB in that minute;
 * - past GUARD_BYTES, should that not hold, V8 is told to favour size over
 *   speed, which shrinks the heap at once for ~50 % more a keypress.
 */
export const COLLECT_BYTES = 150 * 1024 * 1024;
export const GUARD_BYTES = 180 * 1024 * 1024;

/** The returned check: call it every tick; true once the size-over-speed backstop is on. */
export function memoryGuard(collectAt = COLLECT_BYTES, guardAt = GUARD_BYTES): () => boolean {
  // made on first need: a new context costs tens of milliseconds, which the first frame must not pay
  let collect: (() => void) | undefined;
  let engaged = false;
  return () => {
    if (process.memoryUsage.rss() > collectAt) {
      if (collect === undefined) {
        setFlagsFromString('--expose-gc');
        collect = runInNewContext('gc') as () => void;
      }
      collect();
    }
    if (!engaged && process.memoryUsage.rss() > guardAt) {
      setFlagsFromString('--optimize-for-size');
      engaged = true;
    }
    return engaged;
  };
}
