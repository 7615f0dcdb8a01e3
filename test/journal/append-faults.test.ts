import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { record } from '../../src/shared/index.js';
import { AppendError, appendRecord, appendRecordSync } from '../../src/journal/append.js';
import { appendRunRecord } from '../../src/journal/append-run.js';
import { readAll } from '../../src/journal/read-all.js';
import { openRunTrail } from '../../src/journal/trail.js';
import { fillUp, mountTmpfs, PAGE, tmpfsAvailable, unmount } from '../support/tmpfs.js';
import { expectMatchesFullScan } from './support/expect-full-scan.js';
import { JournalWriter } from './support/journal-files.js';
import { useTempDir } from './support/temp-dir.js';

/** The one append under faults: a torn last line, a short write, no space at all. */
const tempDir = useTempDir();
const TORN = '{"v":1,"run_id":"torn';

describe('a journal whose last line is torn', () => {
  test('the next record starts on a fresh line: the torn line stays one unreadable line and the record is read', async () => {
    const file = join(tempDir(), 'logs', 'changes.jsonl');
    await appendRecord(file, { a: 1 });
    writeFileSync(file, TORN, { flag: 'a' }); // a crash mid-write, a full disk
    await appendRecord(file, { b: 2 });
    appendRecordSync(file, { c: 3 });
    expect(readFileSync(file, 'utf8')).toBe(`{"a":1}\n${TORN}\n{"b":2}\n{"c":3}\n`);
    const reading = await readAll(file, record());
    expect(reading.records).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
    expect(reading.bad).toBe(1);
  });

  test('a run appended after a torn run line: the trail, its stored index and a fresh build all see it', async () => {
    const logs = tempDir();
    const journals = new JournalWriter(logs, 7);
    journals.write('runs.jsonl', journals.lines(300));
    const trail = await openRunTrail(logs, { timezone: 'Europe/Berlin' });
    journals.append('runs.jsonl', TORN);
    await trail.refresh(); // the torn line is pending in the index: maybe a writer is mid-write
    const run = journals.nextRun({ agent: 'after-the-tear' });
    await appendRunRecord(journals.path('runs.jsonl'), run);
    await trail.refresh();
    expect(trail.lastRunPerAgent().get('after-the-tear')).toEqual(run);
    expect(trail.badLineCount()).toBeGreaterThanOrEqual(1);
    await expectMatchesFullScan(trail, logs);
    // another process, from the stored index
    const again = await openRunTrail(logs, { timezone: 'Europe/Berlin' });
    expect(again.lastRunPerAgent().get('after-the-tear')).toEqual(run);
    await expectMatchesFullScan(again, logs);
  });
});

const canMount = tmpfsAvailable('the disk-full tests of the journal append');

describe.skipIf(!canMount)('a full disk (a real tmpfs)', () => {
  let logs: string;
  beforeEach(() => {
    logs = join(tempDir(), 'logs');
    mountTmpfs(logs, 32);
  });
  afterEach(() => unmount(logs));

  /** A journal of one good line, `bytes` long in all. */
  function journalOf(bytes: number): string {
    const file = join(logs, 'runs.jsonl');
    const line = `${JSON.stringify({ v: 1, pad: 'x'.repeat(bytes - '{"v":1,"pad":""}\n'.length) })}\n`;
    writeFileSync(file, line);
    expect(statSync(file).size).toBe(bytes);
    return file;
  }

  test('a record that straddles the last free page: the short write is cut back, the journal is as it was, and the error says so (exit 3)', () => {
    const file = journalOf(PAGE - 100);
    const before = readFileSync(file);
    fillUp(logs, join(logs, 'fill'));
    const record = { v: 1, run_id: 'straddles', pad: 'y'.repeat(500) };
    const error = (() => {
      try {
        appendRecordSync(file, record);
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(AppendError);
    const failure = error as AppendError;
    expect(failure.exitCode).toBe(3);
    expect(failure.message).toContain(file);
    expect(failure.message).toContain('no space left on device');
    expect(failure.message).toMatch(
      /only 100 of \d+ bytes of the record were written; they were cut off again, so the journal is back to its 3996 bytes/,
    );
    expect(readFileSync(file)).toEqual(before);
    // space again: the next record lands whole, on its own line, with nothing of the first attempt before it
    rmSync(join(logs, 'fill'));
    appendRecordSync(file, record);
    expect(readFileSync(file, 'utf8')).toBe(`${before.toString()}${JSON.stringify(record)}\n`);
  });

  test('no space at all: ENOSPC, nothing written, the journal unchanged, exit 3', async () => {
    const file = journalOf(PAGE);
    fillUp(logs, join(logs, 'fill'));
    const error = await appendRecord(file, { v: 1, run_id: 'nowhere' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppendError);
    expect((error as AppendError).exitCode).toBe(3);
    expect((error as AppendError).message).toBe(
      `${file}: no space left on device (ENOSPC); the record was not written; the journal is unchanged (4096 bytes)`,
    );
    expect(statSync(file).size).toBe(PAGE);
  });

  test('a new journal on a full disk: nothing is left behind but an empty file, exit 3', async () => {
    fillUp(logs, join(logs, 'fill'));
    const file = join(logs, 'alerts.jsonl');
    const error = await appendRecord(file, { v: 1, key: 'k' }).catch((caught: unknown) => caught);
    expect((error as AppendError).exitCode).toBe(3);
    expect((error as AppendError).message).toContain('no space left on device');
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});
