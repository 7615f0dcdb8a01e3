import { describe, expect, test } from 'vitest';
import { DrawPool } from '../../src/governance/review-pool.js';
import { drawOutput, type OutputExcerpt, type OutputFiles } from '../../src/governance/review-output.js';
import { pickRandomOutput, seededRandom } from '../../src/governance/review-random.js';

/**
 * The review's draw must stay linear in the week's outputs, missing ones
 * included (issue 15: 18,500 missing outputs of one agent cost 3 s when each
 * miss refiltered the pool and opened its file). Counted, not timed: the reads
 * of the candidate list and the disk calls, against the week's size.
 */

/** The draw as it was: pick from the list, filter a miss out, again. */
function filteredDraws(candidates: readonly string[], present: ReadonlySet<string>, seed: number, previous?: string) {
  const rng = seededRandom(seed);
  let pool: readonly string[] = candidates;
  const tried: string[] = [];
  while (pool.length > 0) {
    const file = pickRandomOutput(pool, rng, previous) as string;
    tried.push(file);
    if (present.has(file)) return tried;
    pool = pool.filter((candidate) => candidate !== file);
  }
  return tried;
}

function poolDraws(candidates: readonly string[], present: ReadonlySet<string>, seed: number, previous?: string) {
  const rng = seededRandom(seed);
  const pool = new DrawPool(candidates, previous ?? null);
  const tried: string[] = [];
  while (pool.size > 0) {
    const file = pool.pick(rng) as string;
    tried.push(file);
    if (present.has(file)) return tried;
    pool.remove(file);
  }
  return tried;
}

/** A disk that answers from a set of names and counts its calls. */
function countingFiles(present: ReadonlySet<string>): OutputFiles & { lists: number; reads: number } {
  const files = {
    lists: 0,
    reads: 0,
    async list(dir: string) {
      files.lists++;
      return new Set([...present].filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1)));
    },
    async read(path: string, file: string): Promise<OutputExcerpt | null> {
      files.reads++;
      return present.has(path) ? { file, lines: [file], moreLines: 0, cut: false } : null;
    },
  };
  return files;
}

/** The candidates behind a proxy that counts every element read. */
function countingList(list: string[]): { list: string[]; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(list, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { list: proxy, reads: () => reads };
}

describe('the draw pool', () => {
  test('draws exactly what filtering the list after each miss drew: the same seed, the same output', () => {
    const rng = seededRandom(99);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rng() * 40);
      // duplicates on purpose: a caller's list may repeat a file, and a miss takes every copy out
      const candidates = Array.from({ length: n }, () => `outputs/a/${Math.floor(rng() * n * 0.8)}.md`);
      const present = new Set(candidates.filter(() => rng() < 0.1));
      const previous = rng() < 0.4 ? (candidates[Math.floor(rng() * n)] as string) : undefined;
      expect(poolDraws(candidates, present, trial, previous)).toEqual(
        filteredDraws(candidates, present, trial, previous),
      );
    }
  });
});

describe('drawOutput at scale', () => {
  test.each([1000, 4000])(
    'a week of %i missing outputs and one kept: each candidate read a bounded number of times, one listing, one open',
    async (n) => {
      const names = Array.from({ length: n }, (_, i) => `outputs/a/2026-11-${String(i).padStart(6, '0')}.md`);
      const kept = names[n - 1] as string;
      const files = countingFiles(new Set([`/h/${kept}`]));
      const { list, reads } = countingList(names);
      // the seed that draws the kept file last is not needed: on average half the pool is missed first
      const excerpt = await drawOutput('/h', 'a', list, seededRandom(3), null, files);
      expect(excerpt?.file).toBe(kept);
      expect(files.lists).toBe(1);
      expect(files.reads).toBeLessThanOrEqual(2);
      // building the pool reads each once, each pick one more: linear (filtering per miss read ~n²/4)
      expect(reads()).toBeLessThanOrEqual(3 * n);
    },
  );

  test('every output of the week missing: one listing, one open, null', async () => {
    const n = 5000;
    const names = Array.from({ length: n }, (_, i) => `outputs/a/${i}.md`);
    const files = countingFiles(new Set());
    const { list, reads } = countingList(names);
    expect(await drawOutput('/h', 'a', list, seededRandom(1), null, files)).toBeNull();
    expect(files.lists).toBe(1);
    expect(files.reads).toBe(1);
    expect(reads()).toBeLessThanOrEqual(3 * n);
  });
});
