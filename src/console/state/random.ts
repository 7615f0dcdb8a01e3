/**
 * A tiny seeded PRNG (mulberry32) whose state lives in the console state, so
 * the review's random draw is reproducible in tests and the reducer stays pure:
 * the effects layer seeds it once from the clock.
 */
export function nextRandom(state: number): [value: number, next: number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}
