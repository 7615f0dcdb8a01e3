import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import type { Schema } from '../../src/shared/index.js';
import { CorruptFileError } from '../../src/shared/index.js';
import { readAll } from '../../src/journal/read-all.js';
import { readJsonl, type JsonlEntry } from '../../src/journal/reader.js';
import { changeRecordSchema, runRecordSchema, type RunRecord } from '../../src/journal/records.js';
import { makeRun, seeded } from './support/random-runs.js';
import { useTempDir } from './support/temp-dir.js';

const tempDir = useTempDir();

async function readAllEntries<T>(file: string, schema: Schema<T>, options = {}) {
  const reading = readJsonl(file, schema, options);
  const entries: Array<JsonlEntry<T>> = [];
  for await (const entry of reading) entries.push(entry);
  return { entries, stats: reading.stats };
}

describe('readJsonl', () => {
  test('skips and counts garbage, cut-short and wrong-shape lines; every good record comes back', async () => {
    const random = seeded(51);
    const good = Array.from({ length: 6 }, () => runRecordSchema.parse(makeRun(random)));
    const lines = [
      JSON.stringify(good[0]),
      'not json at all',
      JSON.stringify(good[1]),
      JSON.stringify({ ...good[2], duration_ms: 'long' }),
      '',
      JSON.stringify(good[3]),
      JSON.stringify(good[4]).slice(0, 50),
      JSON.stringify(good[5]),
      '{"v":1,"run_id":"x"}',
      JSON.stringify(good[0]).slice(0, 80),
    ];
    const file = join(tempDir(), 'runs.jsonl');
    writeFileSync(file, lines.join('\n'));
    const { entries, stats } = await readAllEntries(file, runRecordSchema);
    expect(entries.map((entry) => entry.record)).toEqual([good[0], good[1], good[3], good[5]]);
    expect(stats.good).toBe(4);
    expect(stats.bad).toBe(5);
    expect(stats.badSamples.map((sample) => sample.line)).toEqual([2, 4, 7, 9, 10]);
    expect(stats.badSamples[1]?.problem).toMatch(/^duration_ms: .*number/);
    expect(stats.badSamples[4]?.problem).toMatch(/^last line has no newline/);
    expect(stats.badSamples[0]?.offset).toBe(lines[0]!.length + 1);
  });

  test('keeps at most five examples of bad lines but counts them all', async () => {
    const file = join(tempDir(), 'runs.jsonl');
    writeFileSync(file, `${Array.from({ length: 12 }, (_, i) => `bad ${i}`).join('\n')}\n`);
    const { stats } = await readAllEntries(file, runRecordSchema);
    expect(stats.bad).toBe(12);
    expect(stats.badSamples).toHaveLength(5);
  });

  test('a last line without a newline that parses is a record; offsets are byte offsets, multi-byte text too', async () => {
    const first = runRecordSchema.parse({ ...makeRun(seeded(1)), reason: 'ünïcode 🌙' });
    const second = runRecordSchema.parse(makeRun(seeded(2)));
    const file = join(tempDir(), 'runs.jsonl');
    const firstLine = `${JSON.stringify(first)}\n`;
    writeFileSync(file, firstLine + JSON.stringify(second));
    const { entries } = await readAllEntries(file, runRecordSchema);
    const firstBytes = Buffer.byteLength(firstLine);
    expect(entries).toEqual([
      { record: first, offset: 0, next: firstBytes },
      { record: second, offset: firstBytes, next: firstBytes + Buffer.byteLength(JSON.stringify(second)) },
    ]);
  });

  test('an incremental reader resumes after the last complete line, never inside an unfinished one', async () => {
    const run = runRecordSchema.parse(makeRun(seeded(3)));
    const line = `${JSON.stringify(run)}\n`;
    const file = join(tempDir(), 'runs.jsonl');
    writeFileSync(file, `${line}${line.slice(0, 40)}`);
    const first = readJsonl(file, runRecordSchema);
    for await (const entry of first) void entry;
    expect(first.resumeAt).toBe(Buffer.byteLength(line));
    expect(first.stats.bad).toBe(1);
    // the writer finishes its line; reading on from resumeAt finds exactly the new record
    writeFileSync(file, `${line}${line}`);
    const next = await readAllEntries(file, runRecordSchema, { start: first.resumeAt });
    expect(next.entries.map((entry) => entry.record)).toEqual([run]);
    expect(next.stats.bad).toBe(0);
  });

  test('reads from an offset to an offset, without line numbers it cannot know', async () => {
    const runs = Array.from({ length: 5 }, (_, i) => runRecordSchema.parse(makeRun(seeded(60 + i))));
    const file = join(tempDir(), 'runs.jsonl');
    writeFileSync(file, `${runs.map((run) => JSON.stringify(run)).join('\nbroken\n')}\n`);
    const all = await readAllEntries(file, runRecordSchema);
    const from = all.entries[1]!.offset;
    const to = all.entries[3]!.offset;
    const part = await readAllEntries(file, runRecordSchema, { start: from, end: to });
    expect(part.entries.map((entry) => entry.record)).toEqual(runs.slice(1, 3));
    expect(part.stats.bad).toBe(2);
    expect(part.stats.badSamples.every((sample) => sample.line === undefined)).toBe(true);
  });

  test('reads .gz journals transparently, and counts a cut-short archive as damage instead of failing', async () => {
    const random = seeded(71);
    const runs: RunRecord[] = Array.from({ length: 3000 }, () => runRecordSchema.parse(makeRun(random)));
    const text = `${runs.map((run) => JSON.stringify(run)).join('\n')}\n`;
    const dir = tempDir();
    const whole = join(dir, 'runs-2025.jsonl.gz');
    writeFileSync(whole, gzipSync(text));
    const read = await readAllEntries(whole, runRecordSchema);
    expect(read.entries.map((entry) => entry.record)).toEqual(runs);
    expect(read.entries[1]?.offset).toBe(Buffer.byteLength(`${JSON.stringify(runs[0])}\n`));

    const cut = join(dir, 'runs-2024.jsonl.gz');
    const compressed = gzipSync(text);
    writeFileSync(cut, compressed.subarray(0, Math.floor(compressed.length / 2)));
    const partial = await readAllEntries(cut, runRecordSchema);
    expect(partial.entries.length).toBeGreaterThan(100);
    expect(partial.entries.length).toBeLessThan(runs.length);
    expect(partial.entries.map((entry) => entry.record)).toEqual(runs.slice(0, partial.entries.length));
    expect(partial.stats.badSamples.some((sample) => /gzip/.test(sample.problem))).toBe(true);
  });

  test('a missing journal is empty; one that cannot be read is a CorruptFileError', async () => {
    const dir = tempDir();
    expect((await readAllEntries(join(dir, 'nope.jsonl'), runRecordSchema)).entries).toEqual([]);
    mkdirSync(join(dir, 'adir.jsonl'));
    await expect(readAllEntries(join(dir, 'adir.jsonl'), runRecordSchema)).rejects.toBeInstanceOf(CorruptFileError);
  });

  test('reads a journal much larger than its chunk, lines split across chunks', async () => {
    const random = seeded(81);
    const runs = Array.from({ length: 400 }, () =>
      runRecordSchema.parse({ ...makeRun(random), reason: 'r'.repeat(Math.floor(random() * 3000)) }),
    );
    const file = join(tempDir(), 'runs.jsonl');
    writeFileSync(file, `${runs.map((run) => JSON.stringify(run)).join('\n')}\n`);
    const { entries, stats } = await readAllEntries(file, runRecordSchema, { chunkBytes: 4096 });
    expect(entries.map((entry) => entry.record)).toEqual(runs);
    expect(stats.bad).toBe(0);
  });
});

describe('readAll', () => {
  test('returns the records of a small journal and the count of bad lines', async () => {
    const file = join(tempDir(), 'changes.jsonl');
    const change = {
      v: 1,
      at: '2026-04-18T07:00:00.000Z',
      by: 'aycee',
      action: 'pause',
      agent: 'alpha',
      reason: 'noisy',
    };
    writeFileSync(file, `${JSON.stringify(change)}\n{"v":1,"action":"explode"}\n`);
    const result = await readAll(file, changeRecordSchema);
    expect(result.records).toEqual([{ ...change, source: 'cli' }]);
    expect(result.bad).toBe(1);
  });
});
