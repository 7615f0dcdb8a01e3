import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { emptyFileIndex } from '../../src/journal/file-index.js';
import { FAST_PATH_MIN_BYTES, foldRange } from '../../src/journal/fold-range.js';
import { LocalDayClock } from '../../src/journal/local-day.js';
import { matchRunLine } from '../../src/journal/run-line-matcher.js';
import { JournalWriter } from './support/journal-files.js';
import { useTempDir } from './support/temp-dir.js';

vi.mock('../../src/journal/run-line-matcher.js', async (original) => {
  const real = await original<typeof import('../../src/journal/run-line-matcher.js')>();
  return { ...real, matchRunLine: vi.fn(real.matchRunLine) };
});

const tempDir = useTempDir();

/** Folds the first `bytes` of a journal of canonical lines into a fresh index. */
async function foldFirst(bytes: number) {
  const logs = tempDir();
  const journals = new JournalWriter(logs, 5, Date.UTC(2026, 0, 1));
  journals.write('runs.jsonl', journals.lines(4000));
  const file = join(logs, 'runs.jsonl');
  const index = emptyFileIndex('runs.jsonl', false, 'UTC', { dev: '1', ino: '2', size: 0, mtimeNs: '3' });
  const handle = await open(file);
  try {
    const { size } = await handle.stat();
    expect(size).toBeGreaterThan(FAST_PATH_MIN_BYTES);
    vi.mocked(matchRunLine).mockClear();
    await foldRange(handle, file, index, 0, Math.min(bytes, size), { clock: new LocalDayClock('UTC'), gzip: false });
    return { index, matched: vi.mocked(matchRunLine).mock.calls.length };
  } finally {
    await handle.close();
  }
}

describe('foldRange', () => {
  test('a big range takes the fast path (a cold index build)', async () => {
    const { index, matched } = await foldFirst(Number.POSITIVE_INFINITY);
    expect(index.stats.good).toBeGreaterThan(1000);
    expect(matched).toBeGreaterThanOrEqual(index.stats.good);
  });

  test('a small range (the line or two a run appended) is parsed by JSON.parse: the expression is never compiled for it', async () => {
    const { index, matched } = await foldFirst(FAST_PATH_MIN_BYTES - 1);
    expect(index.stats.good).toBeGreaterThan(100);
    expect(matched).toBe(0);
  });
});
