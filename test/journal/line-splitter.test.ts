import { describe, expect, test } from 'vitest';
import { LineSplitter, type LineBatch } from '../../src/journal/line-splitter.js';
import { seeded } from './support/random-runs.js';

interface Line {
  text: string | null;
  start: number;
  end: number;
  unterminated: boolean;
}

function collect(batches: LineBatch[]): Line[] {
  return batches.flatMap((batch) =>
    batch.texts.map((text, i) => ({
      text,
      start: batch.starts[i] as number,
      end: batch.ends[i] as number,
      unterminated: batch.lastUnterminated && i === batch.texts.length - 1,
    })),
  );
}

function splitInChunks(data: Buffer, sizes: () => number, maxLineBytes?: number, startOffset = 0): Line[] {
  const splitter = new LineSplitter(startOffset, maxLineBytes);
  const batches: LineBatch[] = [];
  for (let at = 0; at < data.length;) {
    const size = Math.max(1, sizes());
    // the splitter must copy what it keeps: hand it a buffer that is overwritten afterwards
    const chunk = Buffer.from(data.subarray(at, at + size));
    batches.push(...splitter.push(chunk));
    chunk.fill(0x41);
    at += size;
  }
  batches.push(splitter.finish());
  return collect(batches);
}

/** What the lines are, by the plain definition. */
function expected(data: Buffer, maxLineBytes = Number.POSITIVE_INFINITY, startOffset = 0): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < data.length) {
    const nl = data.indexOf(10, start);
    const end = nl < 0 ? data.length : nl + 1;
    const bytes = data.subarray(start, nl < 0 ? data.length : nl);
    lines.push({
      text: bytes.length > maxLineBytes ? null : bytes.toString('utf8'),
      start: start + startOffset,
      end: end + startOffset,
      unterminated: nl < 0,
    });
    start = end;
  }
  return lines;
}

describe('LineSplitter', () => {
  test('gives the same lines and byte offsets whatever the chunk boundaries, ASCII or not', () => {
    const random = seeded(7);
    const words = ['{"a":1}', 'plain', '', 'ünïcödé', '🌙 moon', 'x'.repeat(300), '\r', 'tab\there'];
    for (let round = 0; round < 60; round++) {
      const lines = Array.from(
        { length: 1 + Math.floor(random() * 40) },
        () => words[Math.floor(random() * words.length)] as string,
      );
      const text = lines.join('\n') + (random() < 0.5 ? '\n' : '');
      const data = Buffer.from(text, 'utf8');
      const maxChunk = 1 + Math.floor(random() * 200);
      expect(splitInChunks(data, () => Math.floor(random() * maxChunk) + 1)).toEqual(expected(data));
    }
  });

  test('offsets start where reading started', () => {
    const data = Buffer.from('one\ntwo\n');
    expect(splitInChunks(data, () => 3, undefined, 1000)).toEqual(expected(data, Number.POSITIVE_INFINITY, 1000));
  });

  test('a line longer than the limit comes back as null, with its offsets, and the next line is intact', () => {
    const random = seeded(11);
    const data = Buffer.from(`short\n${'y'.repeat(5000)}\nafter\n${'z'.repeat(4000)}`);
    for (const chunk of [7, 100, 1000, 3000, 100_000]) {
      expect(splitInChunks(data, () => chunk, 1000)).toEqual(expected(data, 1000));
      expect(splitInChunks(data, () => 1 + Math.floor(random() * chunk), 1000)).toEqual(expected(data, 1000));
    }
  });

  test('a big chunk of many lines is cut into pieces without losing a line at the cuts', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `{"n":${i},"pad":"${'p'.repeat(i % 97)}"}`);
    const data = Buffer.from(`${lines.join('\n')}\n`);
    const got = splitInChunks(data, () => data.length);
    expect(got.map((line) => line.text)).toEqual(lines);
    expect(got.at(-1)?.end).toBe(data.length);
  });

  test('the last line without a newline is marked unterminated; with one it is not', () => {
    expect(splitInChunks(Buffer.from('a\nb'), () => 10).map((l) => l.unterminated)).toEqual([false, true]);
    expect(splitInChunks(Buffer.from('a\nb\n'), () => 10).map((l) => l.unterminated)).toEqual([false, false]);
  });
});
