/**
 * Seeded randomness, reproducible from its seed on every machine: the demo
 * fleet, the review's "one random output" (`review --seed N` draws the same
 * again) and the console's draw. mulberry32: small and fast; not for secrets.
 */

/** One step, pure: the state in, the value in [0, 1) and the next state out (the console keeps its state in its reducer). */
export function mulberry32Step(state: number): [value: number, next: number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/** The same sequence as a function that keeps its own state. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    const [value, next] = mulberry32Step(state);
    state = next;
    return value;
  };
}

/** FNV-1a: a label ("history:inbox-digest", an agent's name) as a stable 32-bit number, to derive a seed per stream. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
