import { describe, expect, test } from 'vitest';
import { DrawPool } from '../../src/governance/review-pool.js';
import { drawOutput, type OutputExcerpt, type OutputFiles, weekOutputs } from '../../src/governance/review-output.js';
import { pickRandomOutput, seededRandom } from '../../src/governance/review-random.js';

/**
 * The review's draw must not grow with the week's runs, missing outputs
 * included (issue 15: 18,500 missing outputs of one agent cost 3 s when each
 * miss refiltered the pool and opened its file). Counted, not timed: the
 * listings, the reads of the candidate list and the disk calls.
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

/** A disk that answers from a set of paths and counts its calls. */
function countingFiles(present: ReadonlySet<string>): OutputFiles & { lists: number; reads: number } {
  const files = {
    lists: 0,
    reads: 0,
    async list(dir: string) {
      files.lists++;
      return [...present].filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1));
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

describe('the draw at scale', () => {
  const window = { from: '2026-11-16T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' };

  test('the pool is one listing of the folder, whatever the week ran: no record, no open per pruned output', async () => {
    // a year of hourly outputs, of which retention kept the last 30 days
    const names = Array.from({ length: 30 * 24 }, (_, i) => {
      const at = new Date(Date.parse('2026-10-24T00:00:00Z') + i * 3_600_000);
      return `/nonexistent-home/outputs/a/${at.toISOString().slice(0, 10)}T${at.toISOString().slice(11, 13)}0000.md`;
    });
    const files = countingFiles(
      new Set([...names, '/nonexistent-home/outputs/a/notes.txt', '/nonexistent-home/outputs/a/2026-11-17.md.tmp']),
    );
    const pool = await weekOutputs('/nonexistent-home', '/nonexistent-home/outputs/a', 'a', 'UTC', window, files);
    expect(files.lists).toBe(1);
    expect(files.reads).toBe(0);
    expect(pool).toHaveLength(7 * 24);
    expect(pool[0]).toBe('outputs/a/2026-11-16T000000.md');
    expect(pool.at(-1)).toBe('outputs/a/2026-11-22T230000.md');
  });

  test.each([1000, 4000])(
    '%i outputs listed, all but one gone before the draw reads them: each candidate read a bounded number of times',
    async (n) => {
      const names = Array.from({ length: n }, (_, i) => `outputs/a/2026-11-${String(i).padStart(6, '0')}.md`);
      const kept = names[n - 1] as string;
      const files = countingFiles(new Set([`/h/${kept}`]));
      const { list, reads } = countingList(names);
      const excerpt = await drawOutput('/h', 'a', list, seededRandom(3), null, files);
      expect(excerpt?.file).toBe(kept);
      // building the pool reads each once, each pick one more: linear (filtering per miss read ~n²/4)
      expect(reads()).toBeLessThanOrEqual(3 * n);
      expect(files.reads).toBeLessThanOrEqual(n);
    },
  );
});
