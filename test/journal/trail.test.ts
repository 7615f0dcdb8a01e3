import { readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { dayOfKey, LocalDayClock } from '../../src/journal/local-day.js';
import { SAVE_AFTER_BYTES } from '../../src/journal/index-refresh.js';
import { openRunTrail, RunTrail } from '../../src/journal/trail.js';
import { expectMatchesFullScan } from './support/expect-full-scan.js';
import { JournalWriter } from './support/journal-files.js';
import { seeded } from './support/random-runs.js';
import { useTempDir } from './support/temp-dir.js';

const tempDir = useTempDir();

/** Random [from, to) ranges over the data, some on local midnights, some inside one day, some open-ended. */
function rangesFor(trail: RunTrail, seed: number): Array<[Date | undefined, Date | undefined]> {
  const random = seeded(seed);
  const clock = new LocalDayClock(trail.timezone);
  const lastRuns = [...trail.lastRunPerAgent().values()].map((run) => Date.parse(run.ended_at));
  const end = Math.max(...lastRuns, Date.UTC(2025, 10, 1));
  const start = Date.UTC(2025, 9, 15);
  const at = (): number => start + Math.floor(random() * (end - start));
  const midnight = (ms: number): number => clock.startOf(clock.dayOf(ms));
  const ranges: Array<[Date | undefined, Date | undefined]> = [];
  for (let i = 0; i < 4; i++) {
    const a = at();
    const b = at();
    ranges.push([new Date(Math.min(a, b)), new Date(Math.max(a, b))]);
  }
  const a = at();
  ranges.push([new Date(midnight(a)), new Date(midnight(a + 5 * 86_400_000))]);
  ranges.push([new Date(a), new Date(a + 3_600_000)]);
  ranges.push([new Date(midnight(a)), new Date(a)]);
  ranges.push([new Date(a), undefined]);
  ranges.push([undefined, new Date(a)]);
  ranges.push([new Date(a), new Date(a)]);
  return ranges;
}

async function open(logs: string, timezone = 'Europe/Berlin'): Promise<RunTrail> {
  return openRunTrail(logs, { timezone });
}

describe('the run trail over several files', () => {
  test('answers what a full scan answers: archives, host journals, runs.jsonl, bad lines, an unfinished last line', async () => {
    for (const [seed, timezone] of [
      [1, 'Europe/Berlin'],
      [2, 'America/Santiago'],
      [3, 'Asia/Kolkata'],
    ] as const) {
      const logs = tempDir();
      const journals = new JournalWriter(logs, seed, Date.UTC(2024, 11, 1));
      journals.write('archive/runs-2024.jsonl.gz', journals.lines(700));
      journals.write('archive/runs-2025.jsonl.gz', journals.lines(900), false);
      journals.write('runs@box-b.jsonl', journals.lines(400));
      journals.write('runs@box-a.jsonl', journals.lines(300));
      journals.write('runs.jsonl', [...journals.lines(2500), '{"v":1,"run_id":"half'], false);
      const trail = await open(logs, timezone);
      await expectMatchesFullScan(trail, logs, rangesFor(trail, seed));
      // a second process opening the same home uses the stored index and must agree too
      const again = await open(logs, timezone);
      // nothing is read again but the unfinished last line, which a writer may still complete
      expect((await again.refresh()).bytesRead).toBe('{"v":1,"run_id":"half'.length);
      await expectMatchesFullScan(again, logs, rangesFor(again, seed + 10));
    }
  });

  test('a home without any run yet has an empty trail', async () => {
    const trail = await open(join(tempDir(), 'logs'));
    expect([trail.agents(), trail.files(), trail.badLineCount()]).toEqual([[], [], 0]);
    expect(await trail.runsPerStatus()).toEqual({ total: 0, byStatus: {} });
    expect(trail.lastRunPerAgent().size).toBe(0);
  });

  test('an unchanged trail opens from its index without reading the journals', async () => {
    const logs = tempDir();
    const journals = new JournalWriter(logs, 4);
    journals.write('runs.jsonl', journals.lines(3000));
    journals.write('archive/runs-2025.jsonl.gz', journals.lines(100));
    await open(logs);
    const trail = new RunTrail(logs, { timezone: 'Europe/Berlin' });
    const report = await trail.refresh();
    expect(report.files.map((file) => [file.name, file.action])).toEqual([
      ['archive/runs-2025.jsonl.gz', 'unchanged'],
      ['runs.jsonl', 'unchanged'],
    ]);
    expect(report.bytesRead).toBe(0);
  });

  test('keeps its index in logs/.index, one file per journal, readable by the owner only', async () => {
    const logs = tempDir();
    const journals = new JournalWriter(logs, 5);
    journals.write('runs.jsonl', journals.lines(10));
    journals.write('runs@b.jsonl', journals.lines(10));
    await open(logs);
    const index = join(logs, '.index');
    expect(readdirSync(index).sort()).toEqual(['runs.jsonl.idx.json', 'runs@b.jsonl.idx.json']);
    expect(statSync(index).mode & 0o777).toBe(0o700);
    expect(statSync(join(index, 'runs.jsonl.idx.json')).mode & 0o777).toBe(0o600);
    rmSync(journals.path('runs@b.jsonl'));
    const trail = await open(logs);
    expect(trail.files().map((file) => file.name)).toEqual(['runs.jsonl']);
    expect(readdirSync(index)).toEqual(['runs.jsonl.idx.json']);
  });
});

describe('keeping the index in step with runs.jsonl', () => {
  test('(a) appends: refresh reads only the new bytes', async () => {
    const logs = tempDir();
    const journals = new JournalWriter(logs, 6);
    journals.write('runs.jsonl', journals.lines(2500));
    const trail = await open(logs);
    const added = `${journals.lines(700).join('\n')}\n`;
    journals.append('runs.jsonl', added);
    const report = await trail.refresh();
    expect(report.files).toEqual([{ name: 'runs.jsonl', action: 'appended', bytesRead: Buffer.byteLength(added) }]);
    await expectMatchesFullScan(trail, logs, rangesFor(trail, 6));
    // and a fresh process picks up from the stored index the same way
    journals.append('runs.jsonl', `${journals.lines(50).join('\n')}\n`);
    const other = await open(logs);
    await expectMatchesFullScan(other, logs, rangesFor(other, 7));
  });

  test('(a2) a few appended lines are folded again by the next process rather than saved; past SAVE_AFTER_BYTES the index is saved', async () => {
    const logs = tempDir();
    const journals = new JournalWriter(logs, 16);
    journals.write('runs.jsonl', journals.lines(300));
    await open(logs);
    const stored = join(logs, '.index', 'runs.jsonl.idx.json');
    const saved = readFileSync(stored, 'utf8');
    const few = `${journals.lines(3, 0).join('\n')}\n`;
    journals.append('runs.jsonl', few);
    const first = await open(logs);
    expect(readFileSync(stored, 'utf8')).toBe(saved);
    // the next process reads the same few bytes again, and answers as a full scan does
    const second = await open(logs);
    expect(await second.refresh()).toMatchObject({ bytesRead: 0 });
    await expectMatchesFullScan(first, logs, rangesFor(first, 16));
    await expectMatchesFullScan(second, logs, rangesFor(second, 17));
    const many: string[] = [];
    while (Buffer.byteLength(many.join('\n')) < SAVE_AFTER_BYTES) many.push(...journals.lines(50, 0));
    journals.append('runs.jsonl', `${many.join('\n')}\n`);
    await open(logs);
    expect(readFileSync(stored, 'utf8')).not.toBe(saved);
    const third = await open(logs);
    await expectMatchesFullScan(third, logs, rangesFor(third, 18));
  });

  test('(b) a last line written in two parts: counted bad while cut, a record once finished', async () => {
    const logs = tempDir();
    const journals = new JournalWriter(logs, 8);
    journals.write('runs.jsonl', journals.lines(1500));
    const trail = await open(logs);
    const line = JSON.stringify(journals.nextRun({ status: 'ERROR', agent: 'alpha' }));
    journals.append('runs.jsonl', line.slice(0, 100));
    await trail.refresh();
    await expectMatchesFullScan(trail, logs);
    const halfway = await open(logs);
    await expectMatchesFullScan(halfway, logs);
    journals.append('runs.jsonl', `${line.slice(100)}`);
    // complete but without its newline: a full scan takes it, so must the trail
    await trail.refresh();
    await expectMatchesFullScan(trail, logs);
    expect(trail.lastRun('alpha')?.run_id).toBe(JSON.parse(line).run_id);
    journals.append('runs.jsonl', '\n');
    const report = await trail.refresh();
    expect(report.files[0]).toMatchObject({ action: 'appended', bytesRead: Buffer.byteLength(line) + 1 });
    await expectMatchesFullScan(trail, logs, rangesFor(trail, 8));
    await expectMatchesFullScan(await open(logs), logs);
  });

  test('(c) truncation: the index is rebuilt', async () => {
    const logs = tempDir();
    const journals = new JournalWriter(logs, 9);
    journals.write('runs.jsonl', journals.lines(2500));
    const trail = await open(logs);
    const size = statSync(journals.path('runs.jsonl')).size;
    truncateSync(journals.path('runs.jsonl'), Math.floor(size / 3));
    const report = await trail.refresh();
    expect(report.files[0]?.action).toBe('rebuilt');
    await expectMatchesFullScan(trail, logs, rangesFor(trail, 9));
    journals.append('runs.jsonl', `\n${journals.lines(100).join('\n')}\n`);
    await trail.refresh();
    await expectMatchesFullScan(trail, logs);
  });

  test('(d) replacement by another history of the same size: by rename, in place with a new head, in place with only the middle changed', async () => {
    const logs = tempDir();
    const journals = new JournalWriter(logs, 10);
    const lines = journals.lines(3000, 0).map((line) => line.replace('"status":"EMPTY"', '"status":"ERROR"'));
    journals.write('runs.jsonl', lines);
    const original = readFileSync(journals.path('runs.jsonl'), 'utf8');
    const trail = await open(logs);
    // EMPTY and ERROR are the same length: exchanging them keeps every offset and the size
    const swap = (text: string, from: number, to: number): string =>
      text.slice(0, from) +
      text
        .slice(from, to)
        .replaceAll('"status":"ERROR"', '"status":"\u0000"')
        .replaceAll('"status":"EMPTY"', '"status":"ERROR"')
        .replaceAll('"status":"\u0000"', '"status":"EMPTY"') +
      text.slice(to);
    const renamed = swap(original, 0, original.length);
    // another first run: the head differs, the rest is the same
    const newHead = renamed.replace(/"run_id":"r-./, (id) => `${id.slice(0, -1)}${id.endsWith('z') ? 'y' : 'z'}`);
    // the first and last 10 KB are the same, the middle differs: only the mtime tells
    const newMiddle = swap(newHead, 10_000, newHead.length - 10_000);
    const variants = [
      { how: 'rename', text: renamed },
      { how: 'in place', text: newHead },
      { how: 'in place', text: newMiddle },
    ];
    let previous = original;
    for (const { how, text } of variants) {
      expect(text.length).toBe(original.length);
      expect(text).not.toBe(previous);
      if (how === 'rename') journals.replace('runs.jsonl', text);
      else {
        writeFileSync(journals.path('runs.jsonl'), text);
        // a later rewrite has a later mtime; within one clock tick the kernel may not show it, so make it show
        const later = new Date(statSync(journals.path('runs.jsonl')).mtimeMs + 5000);
        utimesSync(journals.path('runs.jsonl'), later, later);
      }
      const report = await trail.refresh();
      expect([how, report.files[0]?.action]).toEqual([how, 'rebuilt']);
      await expectMatchesFullScan(trail, logs, rangesFor(trail, 10));
      previous = text;
    }
  });

  test('(e) rotation by prune --logs: a new archive appears and runs.jsonl shrinks', async () => {
    const logs = tempDir();
    const journals = new JournalWriter(logs, 11, Date.UTC(2025, 10, 1));
    const lines = journals.lines(3000);
    journals.write('runs.jsonl', lines);
    const trail = await open(logs);
    const cut = 2000;
    journals.write('archive/runs-2025.jsonl.gz', lines.slice(0, cut));
    journals.replace('runs.jsonl', `${lines.slice(cut).join('\n')}\n`);
    const report = await trail.refresh();
    expect(report.files.map((file) => [file.name, file.action])).toEqual([
      ['archive/runs-2025.jsonl.gz', 'rebuilt'],
      ['runs.jsonl', 'rebuilt'],
    ]);
    await expectMatchesFullScan(trail, logs, rangesFor(trail, 11));
    journals.append('runs.jsonl', `${journals.lines(20).join('\n')}\n`);
    const next = await trail.refresh();
    expect(next.files.map((file) => file.action)).toEqual(['unchanged', 'appended']);
    await expectMatchesFullScan(trail, logs);
  });
});

describe('the index is a cache', () => {
  test('a corrupt or foreign index file is rebuilt silently', async () => {
    const logs = tempDir();
    const journals = new JournalWriter(logs, 12);
    journals.write('runs.jsonl', journals.lines(1200));
    await open(logs);
    const indexFile = join(logs, '.index', 'runs.jsonl.idx.json');
    const good = readFileSync(indexFile, 'utf8');
    for (const damage of [
      good.slice(0, good.length / 2),
      'null',
      '{"format":99}',
      good.replace('"agents":{', '"agents":{"x":{"recent":[[1]]},'),
      good.replace(/"covered":\d+/, '"covered":"far"'),
      '',
      good.replace(/.*\n/, ''),
    ]) {
      writeFileSync(indexFile, damage);
      const trail = await open(logs);
      await expectMatchesFullScan(trail, logs);
      expect(readFileSync(indexFile, 'utf8')).toBe(good);
    }
  });

  test('a different time zone rebuilds the index, and days follow the zone', async () => {
    const logs = tempDir();
    const journals = new JournalWriter(logs, 13);
    journals.write('runs.jsonl', journals.lines(800));
    await open(logs, 'Europe/Berlin');
    const tokyo = new RunTrail(logs, { timezone: 'Asia/Tokyo' });
    expect((await tokyo.refresh()).files[0]?.action).toBe('rebuilt');
    await expectMatchesFullScan(tokyo, logs, rangesFor(tokyo, 13));
    expect(tokyo.dayKeyOf(new Date('2026-04-18T16:00:00.000Z'))).toBe('2026-04-19');
  });

  test('an index that cannot be written leaves the trail working from memory', async () => {
    const logs = tempDir();
    const journals = new JournalWriter(logs, 14);
    journals.write('runs.jsonl', journals.lines(300));
    writeFileSync(join(logs, '.index'), 'a file where the index folder should be');
    const trail = await open(logs);
    await expectMatchesFullScan(trail, logs);
  });

  test('archives are indexed once: an archive rewritten in place is noticed by its size and mtime', async () => {
    const logs = tempDir();
    const journals = new JournalWriter(logs, 15);
    journals.write('archive/runs-2025.jsonl.gz', journals.lines(500));
    const trail = await open(logs);
    writeFileSync(journals.path('archive/runs-2025.jsonl.gz'), gzipSync(`${journals.lines(50).join('\n')}\n`));
    expect((await trail.refresh()).files[0]?.action).toBe('rebuilt');
    await expectMatchesFullScan(trail, logs);
  });
});

describe('time-range queries read only what they need', () => {
  test('runsInRange skips blocks outside the range', async () => {
    const logs = tempDir();
    const journals = new JournalWriter(logs, 16);
    journals.write('runs.jsonl', journals.lines(10_000, 0));
    const trail = await open(logs);
    const runs: number[] = [];
    for await (const run of trail.runsInRange(null, new Date(0), new Date(8.64e15)))
      runs.push(Date.parse(run.ended_at));
    runs.sort((a, b) => a - b);
    const from = new Date(runs[5000] as number);
    const to = new Date(runs[5050] as number);
    // overwrite the first half of the file with valid runs inside the range, keeping its size: a scan that read those blocks would return them
    const path = journals.path('runs.jsonl');
    const text = readFileSync(path, 'utf8');
    const firstBlocks = text.slice(0, text.indexOf('\n', Math.floor(text.length / 3)) + 1);
    const inRange = firstBlocks.replace(/"ended_at":"[^"]+"/g, `"ended_at":"${from.toISOString()}"`);
    expect(inRange.length).toBe(firstBlocks.length);
    writeFileSync(path, inRange + text.slice(firstBlocks.length));
    let found = 0;
    for await (const run of trail.runsInRange(null, from, to)) {
      expect(Date.parse(run.ended_at)).toBeGreaterThanOrEqual(from.getTime());
      found++;
    }
    expect(found).toBeGreaterThanOrEqual(40);
    expect(found).toBeLessThan(200);
  });

  test('runsPerStatus over whole local days uses the daily summaries and agrees with a scan in a DST zone', async () => {
    const logs = tempDir();
    const journals = new JournalWriter(logs, 17, Date.UTC(2026, 2, 20));
    journals.write('runs.jsonl', journals.lines(2000));
    const trail = await open(logs, 'Europe/Berlin');
    const clock = new LocalDayClock('Europe/Berlin');
    const ranges: Array<[Date, Date]> = [
      // the spring-forward day is 23 hours long
      [new Date(clock.startOf(dayOfKey('2026-03-29'))), new Date(clock.startOf(dayOfKey('2026-03-30')))],
      [new Date(clock.startOf(dayOfKey('2026-03-25'))), new Date(clock.startOf(dayOfKey('2026-04-05')))],
      [new Date(clock.startOf(dayOfKey('2026-03-28')) + 1), new Date(clock.startOf(dayOfKey('2026-03-31')) - 1)],
    ];
    await expectMatchesFullScan(trail, logs, ranges);
  });
});
