import { describe, expect, test } from 'vitest';
import { CANONICAL_TIME, canonicalIsoMs, parseIsoMs } from '../../src/shared/iso-time.js';
import { seeded } from '../journal/support/random-runs.js';

const canonical = new RegExp(`^${CANONICAL_TIME}$`);
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

describe('parseIsoMs', () => {
  test('equals Date.parse on valid, odd and invalid times', () => {
    const random = seeded(3);
    const samples = [
      '2026-04-18T21:00:42.310Z',
      '2024-02-29T23:59:59.999Z',
      '2023-02-29T00:00:00.000Z',
      '2023-04-31T12:00:00.000Z',
      '2023-04-32T12:00:00.000Z',
      '2023-13-01T00:00:00.000Z',
      '2023-04-30T24:00:00.000Z',
      '2023-04-30T23:60:00.000Z',
      '0099-04-30T23:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '2026-04-18T21:00:42Z',
      '2026-04-18',
      'hello 5',
      '',
      '2026-04-18T21:00:42.310+02:00',
    ];
    for (let i = 0; i < 2000; i++) {
      samples.push(
        `${pad(Math.floor(random() * 10_000), 4)}-${pad(Math.floor(random() * 14), 2)}-` +
          `${pad(Math.floor(random() * 33), 2)}T${pad(Math.floor(random() * 26), 2)}:` +
          `${pad(Math.floor(random() * 61), 2)}:${pad(Math.floor(random() * 61), 2)}.` +
          `${pad(Math.floor(random() * 1000), 3)}Z`,
      );
    }
    for (const text of samples) expect([text, parseIsoMs(text)]).toEqual([text, Date.parse(text)]);
  });
});

describe('CANONICAL_TIME', () => {
  test('matches only times Date.parse accepts, every month and day, and canonicalIsoMs agrees with it', () => {
    let matched = 0;
    for (const year of [1970, 2000, 2023, 2024, 2100, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          for (const time of ['00:00:00.000', '23:59:59.999', '12:34:56.789']) {
            const text = `${year}-${pad(month, 2)}-${pad(day, 2)}T${time}Z`;
            if (!canonical.test(text)) continue;
            matched++;
            expect(Number.isNaN(Date.parse(text))).toBe(false);
            expect([text, canonicalIsoMs(text)]).toEqual([text, Date.parse(text)]);
          }
        }
      }
    }
    expect(matched).toBe(6 * 12 * 31 * 3);
  });

  test('refuses out-of-range fields and other layouts', () => {
    for (const text of [
      '2026-04-18T24:00:00.000Z',
      '2026-04-18T21:60:00.000Z',
      '1969-04-18T21:00:00.000Z',
      '2026-04-18T21:00:00Z',
      '2026-04-18 21:00:00.000Z',
    ]) {
      expect(canonical.test(text)).toBe(false);
    }
  });
});
