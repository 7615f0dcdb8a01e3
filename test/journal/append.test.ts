import { execFile } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ValidationError } from '../../src/shared/errors.js';
import {
  AppendError,
  appendRecord,
  appendRecordSync,
  MAX_RECORD_BYTES,
  RecordTooLargeError,
} from '../../src/journal/append.js';
import { appendRunRecord } from '../../src/journal/append-run.js';
import { runRecordSchema } from '../../src/journal/records.js';
import { compileForChild } from './support/compile-for-child.js';
import { makeRun, seeded } from './support/random-runs.js';
import { useTempDir } from './support/temp-dir.js';

const run = promisify(execFile);
const tempDir = useTempDir();
const WORKER = fileURLToPath(new URL('./support/append-worker.mjs', import.meta.url));

describe('appendRecord', () => {
  test('writes one line of JSON per record, creating the folder (0700) and the file (0600)', async () => {
    const file = join(tempDir(), 'deep', 'logs', 'alerts.jsonl');
    await appendRecord(file, { a: 1, text: 'two\nlines' });
    appendRecordSync(file, { b: 2 });
    expect(readFileSync(file, 'utf8')).toBe('{"a":1,"text":"two\\nlines"}\n{"b":2}\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
  });

  test('refuses a record over 1 MiB, and writes nothing', async () => {
    const file = join(tempDir(), 'runs.jsonl');
    const huge = { pad: 'x'.repeat(MAX_RECORD_BYTES) };
    await expect(appendRecord(file, huge)).rejects.toBeInstanceOf(RecordTooLargeError);
    expect(() => appendRecordSync(file, huge)).toThrow(/at most 1048576 bytes/);
    expect(() => statSync(file)).toThrow();
  });

  test('refuses what is not a JSON object', async () => {
    const file = join(tempDir(), 'runs.jsonl');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(appendRecord(file, circular)).rejects.toBeInstanceOf(ValidationError);
    await expect(appendRecord(file, [1, 2])).rejects.toBeInstanceOf(ValidationError);
    await expect(appendRecord(file, { toJSON: () => undefined })).rejects.toBeInstanceOf(ValidationError);
  });

  test('a journal that cannot be written is an AppendError that carries the cause', async () => {
    // a file where a folder must be: unwritable for root too, which ignores file modes
    const blocker = join(tempDir(), 'logs');
    writeFileSync(blocker, '');
    const error = await appendRecord(join(blocker, 'runs.jsonl'), { a: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppendError);
    expect((error as AppendError).actual).toMatch(/ENOTDIR|EEXIST/);
    expect((error as AppendError).cause).toBeDefined();
    expect(() => appendRecordSync(join(blocker, 'runs.jsonl'), { a: 1 })).toThrow(AppendError);
  });
});

describe('appendRunRecord', () => {
  test('writes a valid run record with its keys in schema order, and refuses an invalid one', async () => {
    const file = join(tempDir(), 'runs.jsonl');
    const record = makeRun(seeded(4));
    const shuffled = Object.fromEntries(Object.entries(record).reverse()) as typeof record;
    await appendRunRecord(file, shuffled);
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(runRecordSchema.parse(record))}\n`);
    await expect(appendRunRecord(file, { ...record, status: 'FINE' as 'OK' })).rejects.toThrow(/status/);
  });
});

describe('concurrent appends', () => {
  let compiled: { dir: string; module: string };
  beforeAll(() => {
    compiled = compileForChild('src/journal/append.ts');
  });
  afterAll(() => rmSync(compiled.dir, { recursive: true, force: true }));

  test('8 processes × 500 records of up to 8 KB: every line whole, none lost', async () => {
    const file = join(tempDir(), 'logs', 'runs.jsonl');
    const { module } = compiled;
    const workers = Array.from({ length: 8 }, (_, worker) =>
      run(process.execPath, [WORKER, module, file, String(worker), '500', worker % 2 === 0 ? 'sync' : 'async']),
    );
    await Promise.all(workers);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(4000);
    const seen = new Set<string>();
    let big = 0;
    for (const line of lines) {
      const record = JSON.parse(line) as { worker: number; seq: number; size: number; pad: string };
      expect(record.pad.length).toBe(record.size);
      expect(record.pad).toBe(String.fromCharCode(97 + (record.seq % 26)).repeat(record.size));
      if (record.size > 4096) big++;
      seen.add(`${record.worker}:${record.seq}`);
    }
    expect(seen.size).toBe(4000);
    // lines above PIPE_BUF (4 KB) were written too, and stayed whole
    expect(big).toBeGreaterThan(1000);
  }, 60_000);
});
