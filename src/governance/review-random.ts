import { fnv1a, mulberry32 } from '../shared/index.js';

/**
 * The random in "read one output from each, randomly chosen from the week":
 * a seeded PRNG so `review --seed N` draws the same outputs again (for a
 * colleague, or a test), and a draw that never repeats the output just shown
 * when the week has another.
 */
export type Random = () => number;

/** A seeded stream (mulberry32, src/prng.ts). */
export { mulberry32 as seededRandom } from '../shared/index.js';

/** One stream per agent, so an agent's draw does not depend on which other agents exist. */
export function agentRandom(seed: number, agent: string): Random {
  return mulberry32((seed ^ fnv1a(agent)) >>> 0);
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
  const choices =
    previous != null && candidates.some((c) => c !== previous) ? candidates.filter((c) => c !== previous) : candidates;
  if (choices.length === 0) return null;
  return choices[Math.min(choices.length - 1, Math.floor(rng() * choices.length))] as string;
}
