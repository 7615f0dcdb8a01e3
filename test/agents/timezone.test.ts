import { afterEach, describe, expect, it } from 'vitest';
import { systemTimeZone } from '../../src/agents/index.js';

const original = process.env.TZ;
afterEach(() => {
  // assigning process.env.TZ makes Node reset ICU's default zone, so each case sees its own
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

const icu = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

describe('systemTimeZone', () => {
  it.each([
    'UTC',
    'Etc/UTC',
    'GMT',
    'Etc/GMT',
    'Universal',
    'Zulu',
    'Europe/Berlin',
    'America/New_York',
    'US/Pacific',
    'Asia/Kolkata',
  ])('answers what ICU answers with TZ=%s', (tz) => {
    process.env.TZ = tz;
    expect(systemTimeZone()).toBe(icu());
  });

  it('answers what ICU answers with TZ unset (the /etc/localtime link)', () => {
    delete process.env.TZ;
    expect(systemTimeZone()).toBe(icu());
  });

  it('names a non-UTC zone, not UTC, when TZ says so', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(systemTimeZone()).toBe('Europe/Berlin');
  });
});
