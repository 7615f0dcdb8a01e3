import { describe, expect, test } from 'vitest';
import { recordOf } from '../../src/journal/agent-summary.js';
import { emptyFileIndex, foldBatch } from '../../src/journal/file-index.js';
import { decodeIndex, encodeIndex, INDEX_FORMAT } from '../../src/journal/index-codec.js';
import { LineSplitter } from '../../src/journal/line-splitter.js';
import { LocalDayClock } from '../../src/journal/local-day.js';
import { blockRanges } from '../../src/journal/range-scan.js';
import { badLine, lineFor, makeRun, seeded } from './support/random-runs.js';

function indexOfLines(lines: string[]) {
  const index = emptyFileIndex('runs.jsonl', false, 'Europe/Berlin', { dev: '1', ino: '2', size: 0, mtimeNs: '3' });
  const splitter = new LineSplitter();
  const clock = new LocalDayClock('Europe/Berlin');
  // the slow path keeps every record, so the index can be stored without reading anything back
  for (const batch of splitter.push(Buffer.from(`${lines.join('\n')}\n`)))
    foldBatch(index, batch, { clock, commitUnterminated: false, fastPath: false });
  return index;
}

describe('index codec', () => {
  test('what is stored decodes to the same index', () => {
    const random = seeded(61);
    const lines = Array.from({ length: 2500 }, () =>
      random() < 0.05 ? badLine(random) : lineFor(random, makeRun(random)),
    );
    const index = indexOfLines(lines);
    expect(index.stats.bad).toBeGreaterThan(50);
    expect(index.blocks).toHaveLength(3);
    const stored = encodeIndex(index);
    const decoded = decodeIndex(stored);
    expect(decoded).toBeDefined();
    expect(encodeIndex(decoded!)).toBe(stored);
    const { agents, ...rest } = decoded!;
    const { agents: originalAgents, ...originalRest } = index;
    expect(rest).toEqual(originalRest);
    for (const [name, summary] of originalAgents) {
      const got = agents.get(name);
      // stored records are parsed only when asked for: none yet, each when read
      expect(got?.recent.every((entry) => entry.run === null && entry.stored !== null)).toBe(true);
      const read = got?.recent.map((entry) => ({ ...entry, run: recordOf(entry), stored: null }));
      expect([read, got?.okSizes, got?.streak]).toEqual([summary.recent, summary.okSizes, summary.streak]);
      expect(got?.days.allTotals()).toEqual(summary.days.allTotals());
    }
  });

  test('anything damaged, cut short, edited or of another format decodes to nothing, so the caller rebuilds', () => {
    const good = encodeIndex(indexOfLines([JSON.stringify(makeRun(seeded(1)))]));
    expect(decodeIndex(good)).toBeDefined();
    const [header, body] = good.split('\n') as [string, string];
    const edited = body.replace(/"covered":\d+/, '"covered":1');
    expect(edited).not.toBe(body);
    const older = good.replace(`"format":${INDEX_FORMAT}`, `"format":${INDEX_FORMAT - 1}`);
    expect(older).not.toBe(good);
    for (const text of [
      '',
      'null',
      '[]',
      `{"format":${INDEX_FORMAT}}`,
      good.slice(0, -1),
      `${header}\n${edited}`,
      older,
      body,
    ]) {
      expect(decodeIndex(text)).toBeUndefined();
    }
  });
});

describe('index codec, byte order', () => {
  test('an index written in the other byte order decodes to nothing (rebuilt, never misread)', () => {
    const good = encodeIndex(indexOfLines([JSON.stringify(makeRun(seeded(2)))]));
    expect(decodeIndex(good)).toBeDefined();
    const order = /"byteOrder":"(LE|BE)"/.exec(good)?.[1];
    expect(order).toBeDefined();
    // the same length, so only the byte order differs (the hash covers the body, not the header)
    const other = good.replace(`"byteOrder":"${order}"`, `"byteOrder":"${order === 'LE' ? 'BE' : 'LE'}"`);
    expect(other).not.toBe(good);
    expect(decodeIndex(other)).toBeUndefined();
    // read from the file's bytes as from the string
    expect(decodeIndex(Buffer.from(good, 'latin1'))).toBeDefined();
  });
});

describe('blockRanges', () => {
  test('reads the blocks that overlap the range, joined when adjacent', () => {
    const index = {
      covered: 400,
      blocks: [
        { off: 0, line: 1, min: 0, max: 10 },
        { off: 100, line: 1001, min: 11, max: 20 },
        { off: 200, line: 2001, min: 21, max: 30 },
        { off: 300, line: 3001, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY },
      ],
    };
    expect(blockRanges(index, 12, 25)).toEqual([[100, 300]]);
    expect(blockRanges(index, 5, 6)).toEqual([[0, 100]]);
    // to is exclusive: a block whose earliest run ends at `to` is not read
    expect(blockRanges(index, 0, 11)).toEqual([[0, 100]]);
    expect(blockRanges(index, 31, 99)).toEqual([]);
    const straggler = { ...index, blocks: index.blocks.map((b, i) => (i === 2 ? { ...b, min: 1 } : b)) };
    expect(blockRanges(straggler, 2, 3)).toEqual([
      [0, 100],
      [200, 300],
    ]);
  });
});
