/**
 * The random in "read one output from each, randomly chosen from the week":
 * a seeded PRNG so `review --seed N` draws the same outputs again (for a
 * colleague, or a test), and a draw that never repeats the output just shown
 * when the week has another.
 */
export type Random = () => number;

/** mulberry32: small, fast, good enough to pick an output; not for secrets. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One stream per agent, so an agent's draw does not depend on which other agents exist. */
export function agentRandom(seed: number, agent: string): Random {
  let hash = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < agent.length; i++) hash = Math.imul(hash ^ agent.charCodeAt(i), 0x01000193) >>> 0;
  return seededRandom((seed ^ hash) >>> 0);
}

/** A fresh seed when none was given; printed with the review so the draw can be repeated. */
export function newSeed(random: Random = Math.random): number {
  return 1 + Math.floor(random() * 0x7ffffffe);
}

/**
 * Pure: one of `candidates`, uniformly; never `previous` when another exists.
 * null when there is none. Candidates are taken in the order given, so the
 * same list and the same generator give the same pick.
 */
export function pickRandomOutput(candidates: readonly string[], rng: Random, previous?: string | null): string | null {
  const choices = previous != null && candidates.some((c) => c !== previous) ? candidates.filter((c) => c !== previous) : candidates;
  if (choices.length === 0) return null;
  return choices[Math.min(choices.length - 1, Math.floor(rng() * choices.length))] as string;
}
