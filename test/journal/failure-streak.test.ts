import { describe, expect, test } from 'vitest';
import {
  emptyStreak,
  foldStreak,
  mergeStreaks,
  STREAK_CAP,
  type StreakState,
} from '../../src/journal/failure-streak.js';
import type { RunStatus } from '../../src/journal/records.js';
import { seeded } from './support/random-runs.js';

interface Run {
  status: RunStatus;
  ms: number;
  file: number;
  off: number;
}

function naive(runs: Run[]): number {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms || a.file - b.file || a.off - b.off);
  let streak = 0;
  for (const run of sorted.reverse()) {
    if (run.status === 'SKIPPED') continue;
    if (run.status === 'OK') break;
    streak++;
  }
  return Math.min(streak, STREAK_CAP);
}

function foldFiles(runs: Run[], files: number): number {
  const states: StreakState[] = Array.from({ length: files }, emptyStreak);
  for (const run of runs) foldStreak(states[run.file] as StreakState, run.status, run.ms, run.off);
  return mergeStreaks(states.map((state, file) => ({ file, state })));
}

function history(random: () => number, length: number, files: number, okRate: number): Run[] {
  const offsets = new Array<number>(files).fill(0);
  return Array.from({ length }, (_, i) => {
    const file = Math.floor(random() * files);
    offsets[file] = (offsets[file] as number) + 100;
    const roll = random();
    const status: RunStatus = roll < okRate ? 'OK' : roll < okRate + 0.2 ? 'SKIPPED' : 'ERROR';
    // roughly in end order, with ties and stragglers
    return {
      status,
      ms: i * 10 + Math.floor(random() * 40) - (random() < 0.05 ? 500 : 0),
      file,
      off: offsets[file] as number,
    };
  });
}

describe('failure streak', () => {
  test('SKIPPED neither breaks nor extends a streak', () => {
    const state = emptyStreak();
    const statuses: RunStatus[] = ['OK', 'ERROR', 'SKIPPED', 'TIMEOUT', 'SKIPPED'];
    statuses.forEach((status, i) => foldStreak(state, status, i, i));
    expect(mergeStreaks([{ file: 0, state }])).toBe(2);
    foldStreak(state, 'OK', 10, 10);
    expect(mergeStreaks([{ file: 0, state }])).toBe(0);
  });

  test('a late OK that ended before the failures does not end the streak', () => {
    const state = emptyStreak();
    foldStreak(state, 'ERROR', 100, 0);
    foldStreak(state, 'OK', 50, 1);
    expect(mergeStreaks([{ file: 0, state }])).toBe(1);
  });

  test('equals a plain count over every split into files and every ordering', () => {
    const random = seeded(31);
    for (let round = 0; round < 300; round++) {
      const files = 1 + Math.floor(random() * 4);
      const runs = history(random, Math.floor(random() * 200), files, random());
      expect(foldFiles(runs, files)).toBe(naive(runs));
    }
  });

  test('stays exact up to the cap across files, and reports the cap beyond it', () => {
    const random = seeded(32);
    for (const length of [STREAK_CAP - 5, STREAK_CAP + 1, 3 * STREAK_CAP]) {
      for (const files of [1, 3]) {
        const runs = history(random, length, files, 0);
        runs.push({ status: 'OK', ms: Math.floor(length * 5), file: 0, off: 1e9 });
        for (let i = 0; i < 5; i++) runs.push({ status: 'ERROR', ms: length * 20 + i, file: files - 1, off: 2e9 + i });
        expect([length, files, foldFiles(runs, files)]).toEqual([length, files, naive(runs)]);
      }
    }
    const allFailing = history(random, 5000, 2, 0);
    expect(foldFiles(allFailing, 2)).toBe(STREAK_CAP);
  });
});
