import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeRecordSchema, listJournals, mergeByTime, readMerged } from '../../src/journal/index.js';

/** A journal kind over the home's file and each host's own (issue 16 point 1): listed and merged one way. */
let logs: string;
beforeEach(async () => {
  logs = await mkdtemp(join(tmpdir(), 'ns-merged-'));
});
afterEach(async () => {
  await rm(logs, { recursive: true, force: true });
});

const change = (at: string, by: string) =>
  `${JSON.stringify({ v: 1, at, by, action: 'pause', agent: 'x', reason: null, source: 'cli' })}\n`;

describe('merged journals', () => {
  it('lists archives, then host journals by host, then the home’s file; other kinds apart', async () => {
    await writeFile(join(logs, 'changes@b.jsonl'), '');
    await writeFile(join(logs, 'changes@a.jsonl'), '');
    await writeFile(join(logs, 'changes.jsonl'), '');
    await writeFile(join(logs, 'alerts@a.jsonl'), '');
    await writeFile(join(logs, 'eval-runs@a.jsonl'), '');
    await writeFile(join(logs, 'runs@a.jsonl'), '');
    const changes = await listJournals(logs, 'changes');
    expect(changes.map((file) => [file.name, file.kind, file.host])).toEqual([
      ['changes@a.jsonl', 'host', 'a'],
      ['changes@b.jsonl', 'host', 'b'],
      ['changes.jsonl', 'main', null],
    ]);
    expect((await listJournals(logs, 'runs')).map((file) => file.name)).toEqual(['runs@a.jsonl']);
    expect((await listJournals(logs, 'eval-runs')).map((file) => file.name)).toEqual(['eval-runs@a.jsonl']);
  });

  it('merges by time, then host (the home’s file listed last, a tie to the earlier list), each file’s order kept', async () => {
    await writeFile(
      join(logs, 'changes@b.jsonl'),
      change('2026-12-01T10:00:00.000Z', 'b1') + change('2026-12-01T12:00:00.000Z', 'b2'),
    );
    await writeFile(
      join(logs, 'changes@a.jsonl'),
      change('2026-12-01T11:00:00.000Z', 'a1') +
        change('2026-12-01T12:00:00.000Z', 'a2') +
        // a clock that stepped back: stays after a2, its file's order
        change('2026-12-01T09:00:00.000Z', 'a3'),
    );
    await writeFile(join(logs, 'changes.jsonl'), change('2026-11-30T08:00:00.000Z', 'old') + 'torn{\n');
    const merged = await readMerged(logs, 'changes', changeRecordSchema);
    expect(merged.records.map((record) => record.by)).toEqual(['old', 'b1', 'a1', 'a2', 'a3', 'b2']);
    expect(merged.bad).toBe(1);
  });

  it('mergeByTime is pure and keeps one list as it is', () => {
    const at = (t: string) => ({ at: t });
    expect(mergeByTime([[at('2026-01-02T00:00:00Z'), at('2026-01-01T00:00:00Z')]], (x) => x.at)).toEqual([
      at('2026-01-02T00:00:00Z'),
      at('2026-01-01T00:00:00Z'),
    ]);
    expect(mergeByTime([], (x: { at: string }) => x.at)).toEqual([]);
  });
});
