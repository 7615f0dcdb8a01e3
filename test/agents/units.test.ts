import { describe, expect, it } from 'vitest';
import { formatDuration, formatSize, parseDuration, parseSize } from '../../src/agents/units.js';

describe('durations', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['7d', 604_800_000],
    ['1.5h', 5_400_000],
  ])('parses %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['5', '5 minutes', '-1m', '0s', 'm', ''])('rejects %j', (text) => expect(parseDuration(text)).toBeNull());

  it('formats back to the short form', () => {
    expect(formatDuration(300_000)).toBe('5m');
    expect(formatDuration(90_000)).toBe('90s');
    expect(formatDuration(1500)).toBe('1.5s');
  });
});

describe('sizes', () => {
  it.each([
    ['100KB', 102_400],
    ['10MB', 10_485_760],
    ['1GB', 1_073_741_824],
    ['512B', 512],
    [4096, 4096],
  ])('parses %s', (text, bytes) => expect(parseSize(text)).toBe(bytes));

  it.each(['100', '10 megabytes', '-5KB', 0, 1.5])('rejects %j', (text) => expect(parseSize(text)).toBeNull());

  it('formats for people', () => {
    expect(formatSize(102_400)).toBe('100KB');
    expect(formatSize(1536)).toBe('1.5KB');
    expect(formatSize(12)).toBe('12B');
  });
});
