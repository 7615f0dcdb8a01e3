import { describe, expect, it } from 'vitest';
import { checkCron, describeCron, dueTimesBetween, nextDue } from '../../src/cron/cron.js';

describe('checkCron', () => {
  it.each([
    ['61 * * * *', 'minute 61 is outside 0-59'],
    ['0 24 * * *', 'hour 24 is outside 0-23'],
    ['0 0 32 * *', 'day of month 32 is outside 1-31'],
    ['0 0 * 13 *', 'month 13 is outside 1-12'],
    ['0 0 * * 8', 'day of week 8 is outside 0-7'],
    ['* * * *', 'expected 5 fields (minute hour day-of-month month day-of-week), got 4'],
    ['@reboot', 'unknown macro @reboot'],
    ['0 0 31 2 *', 'that day of the month never occurs in the months given'],
    ['abc * * * *', 'minute "abc" is not a number, range, list or step'],
  ])('rejects %s with a message naming the field', (expression, message) => {
    const check = checkCron(expression);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toContain(message);
  });

  it('expands macros to their real meaning', () => {
    expect(checkCron('@daily')).toEqual({ ok: true, expression: '0 0 * * *' });
    expect(checkCron('@weekly')).toEqual({ ok: true, expression: '0 0 * * 0' });
    expect(checkCron('@hourly')).toEqual({ ok: true, expression: '0 * * * *' });
  });

  it('accepts a leading seconds field for seconds-resolution schedules', () => {
    expect(checkCron('*/5 * * * * *')).toEqual({ ok: true, expression: '*/5 * * * * *' });
  });
});

describe('due times in the agent zone', () => {
  it('computes 23:00 Berlin in winter as 22:00 UTC', () => {
    expect(nextDue('0 23 * * *', 'Europe/Berlin', new Date('2026-11-24T00:00:00Z')).toISOString()).toBe(
      '2026-11-24T22:00:00.000Z',
    );
  });

  it('a next run asked from inside the repeated fall-back hour is the next day, not the second 01:30', () => {
    // 06:10Z on 2026-11-01 is 01:10 EST, after the first 01:30 (05:30Z) already fired
    expect(nextDue('30 1 * * *', 'America/New_York', new Date('2026-11-01T06:10:00Z')).toISOString()).toBe(
      '2026-11-02T06:30:00.000Z',
    );
  });

  // cron-parser's answer was 03:30 EDT (07:30Z); cronie runs a skipped fixed-time job right after the change
  it('moves the nonexistent 02:30 on the spring-forward day in New York to 03:00 EDT (the change), once', () => {
    const due = dueTimesBetween(
      '30 2 * * *',
      'America/New_York',
      new Date('2026-03-07T12:00:00Z'),
      new Date('2026-03-10T12:00:00Z'),
    );
    expect(due.map((d) => d.toISOString())).toEqual([
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T06:30:00.000Z',
      '2026-03-10T06:30:00.000Z',
    ]);
  });
});

describe('describeCron', () => {
  it('says daily schedules in words', () => {
    expect(describeCron('0 23 * * *')).toBe('every day at 23:00');
    expect(describeCron('*/15 * * * *')).toBe('every 15 minutes');
    expect(describeCron('0 9 * * 1')).toBe('at 09:00, only on Monday');
  });
});
