import { fnv1a, mulberry32 } from '../shared/prng.js';

/**
 * Seeded randomness for the demo generator. Never Math.random: the fixture
 * must come out the same on every machine. Each agent draws from its own
 * stream (see `stream`), so adding runs to one agent does not reshuffle the
 * history of every other.
 */
export interface Rng {
  /** [0, 1) */
  next(): number;
  /** an integer in [min, max] */
  int(min: number, max: number): number;
  /** a float in [min, max) */
  float(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `count` distinct items in random order */
  sample<T>(items: readonly T[], count: number): T[];
  /** hex-and-dashes in the shape of a v4 UUID */
  uuid(): string;
}

export function stream(seed: number, label: string): Rng {
  return createRng((seed ^ fnv1a(label)) >>> 0);
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    sample: (items, count) => {
      const pool = [...items];
      const out: (typeof items)[number][] = [];
      while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
      return out;
    },
    uuid: () => {
      const hex = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
      const variant = (8 + Math.floor(next() * 4)).toString(16);
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
    },
  };
  return rng;
}
