import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { listRunJournals, readRuns } from '../../src/journal/sources.js';
import { runRecordSchema } from '../../src/journal/records.js';
import { makeRun, seeded } from './support/random-runs.js';
import { useTempDir } from './support/temp-dir.js';

const tempDir = useTempDir();

describe('listRunJournals', () => {
  test('archives by year, then host journals by host, then runs.jsonl; nothing else', async () => {
    const logs = tempDir();
    mkdirSync(join(logs, 'archive'));
    for (const name of [
      'runs-2025.jsonl.gz',
      'runs-2024.jsonl.gz',
      'runs-2025@b.jsonl.gz',
      'notes.txt',
      'runs-25.jsonl.gz',
    ])
      writeFileSync(join(logs, 'archive', name), gzipSync(''));
    for (const name of ['runs.jsonl', 'runs@zeta.jsonl', 'runs@alpha.jsonl', 'alerts.jsonl', 'runs.jsonl.bak'])
      writeFileSync(join(logs, name), '');
    mkdirSync(join(logs, 'runs@dir.jsonl'));
    const names = (await listRunJournals(logs)).map((file) => file.name);
    expect(names).toEqual([
      'archive/runs-2024.jsonl.gz',
      'archive/runs-2025.jsonl.gz',
      'archive/runs-2025@b.jsonl.gz',
      'runs@alpha.jsonl',
      'runs@zeta.jsonl',
      'runs.jsonl',
    ]);
  });

  test('a home without logs has no journals', async () => {
    expect(await listRunJournals(join(tempDir(), 'missing'))).toEqual([]);
  });
});

describe('readRuns', () => {
  test('reads every journal in order, with per-file counts of bad lines', async () => {
    const random = seeded(91);
    const logs = tempDir();
    mkdirSync(join(logs, 'archive'));
    const old = runRecordSchema.parse(makeRun(random));
    const host = runRecordSchema.parse(makeRun(random));
    const main = runRecordSchema.parse(makeRun(random));
    writeFileSync(join(logs, 'archive', 'runs-2025.jsonl.gz'), gzipSync(`${JSON.stringify(old)}\n`));
    writeFileSync(join(logs, 'runs@box.jsonl'), `junk\n${JSON.stringify(host)}\n`);
    writeFileSync(join(logs, 'runs.jsonl'), `${JSON.stringify(main)}\n`);
    const reading = readRuns(logs);
    const seen: Array<[string, number, string]> = [];
    for await (const entry of reading) seen.push([entry.file.name, entry.fileIndex, entry.record.run_id]);
    expect(seen).toEqual([
      ['archive/runs-2025.jsonl.gz', 0, old.run_id],
      ['runs@box.jsonl', 1, host.run_id],
      ['runs.jsonl', 2, main.run_id],
    ]);
    expect(reading.stats.get('runs@box.jsonl')?.bad).toBe(1);
    expect(reading.total).toMatchObject({ good: 3, bad: 1 });
  });
});
