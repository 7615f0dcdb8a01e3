import { describe, expect, test } from 'vitest';
import { checkCron } from '../../src/cron/cron.js';
import { type CronSchedule, parseFields } from '../../src/cron/parse-expression.js';

/** The syntax cronie accepts, and what it refuses, with the field and the value named (issue 14, point 6). */
const schedule = (expression: string): CronSchedule => {
  const read = parseFields(expression.split(' '));
  if (!read.ok) throw new Error(read.problem);
  return read.schedule;
};
const allowed = (flags: readonly boolean[]) => flags.flatMap((on, value) => (on ? [value] : []));
const problem = (expression: string) => {
  const check = checkCron(expression);
  return check.ok ? null : check.problem;
};

describe('what cronie accepts', () => {
  test.each([
    ['5,5,1-6 * * * *', [1, 2, 3, 4, 5, 6]],
    ['*/100,1-7 * * * *', [0, 1, 2, 3, 4, 5, 6, 7]],
    ['10-20/5,0 * * * *', [0, 10, 15, 20]],
    ['*/15 * * * *', [0, 15, 30, 45]],
    ['59,0-1 * * * *', [0, 1, 59]],
  ])('%s: duplicates and overlapping parts are one set', (expression, minutes) => {
    expect(checkCron(expression).ok).toBe(true);
    expect(allowed(schedule(expression).minute)).toEqual(minutes);
  });

  test('names of months and weekdays, any case, in ranges and lists too', () => {
    expect(allowed(schedule('0 0 * jan-Mar,DEC *').month)).toEqual([1, 2, 3, 12]);
    expect(allowed(schedule('0 0 * * mon-FRI').dayOfWeek)).toEqual([1, 2, 3, 4, 5]);
    expect(allowed(schedule('0 0 * * sat,SUN').dayOfWeek)).toEqual([0, 6]);
  });

  test('day of week 7 is Sunday, like 0', () => {
    expect(allowed(schedule('0 0 * * 7').dayOfWeek)).toEqual([0]);
    expect(allowed(schedule('0 0 * * 5-7').dayOfWeek)).toEqual([0, 5, 6]);
    expect(allowed(schedule('0 0 * * */7').dayOfWeek)).toEqual([0]);
  });

  test('the day fields are ANDed when either starts with *, ORed when both are restricted', () => {
    expect(schedule('0 0 1-7 * */7').daysAnded).toBe(true);
    expect(schedule('0 0 */2 * 1').daysAnded).toBe(true);
    expect(schedule('0 0 * * 1').daysAnded).toBe(true);
    expect(schedule('0 0 1,15 * 5').daysAnded).toBe(false);
    expect(schedule('0 0 1-31 * 0-7').daysAnded).toBe(false);
  });

  test('a job is fixed-time when neither its minute nor its hour (nor its second) field starts with *', () => {
    expect(schedule('30 2 * * *').fixedTime).toBe(true);
    expect(schedule('0,30 1-5 * * 1').fixedTime).toBe(true);
    expect(schedule('*/15 2 * * *').fixedTime).toBe(false);
    expect(schedule('0 * * * *').fixedTime).toBe(false);
    expect(schedule('*/5 30 2 * * *').fixedTime).toBe(false);
    expect(schedule('0 30 2 * * *').fixedTime).toBe(true);
  });

  test('a leading seconds field', () => {
    expect(checkCron('*/5 * * * * *')).toEqual({ ok: true, expression: '*/5 * * * * *' });
    expect(allowed(schedule('*/20 * * * * *').second)).toEqual([0, 20, 40]);
    expect(allowed(schedule('* * * * *').second)).toEqual([0]);
  });
});

describe('what cronie refuses, named by field and value', () => {
  test.each([
    ['61 * * * *', 'minute 61 is outside 0-59'],
    ['0 24 * * *', 'hour 24 is outside 0-23'],
    ['0 0 0 * *', 'day of month 0 is outside 1-31'],
    ['0 0 * 0 *', 'month 0 is outside 1-12'],
    ['0 0 * * 8', 'day of week 8 is outside 0-7'],
    ['5-70 * * * *', 'minute 70 is outside 0-59'],
    ['60 * * * * *', 'second 60 is outside 0-59'],
    ['0 0 * * MONL', 'day of week "MONL" is not a number, range, list or step'],
    ['0 0 * * MON#4', 'day of week "MON#4": "#"'],
    ['1 1 */100 * MON#4', 'day of week "MON#4": "#"'],
    ['0 0 L * *', 'day of month "L": "L" and "W"'],
    ['0 0 15W * *', 'day of month "15W": "L" and "W"'],
    ['0 0 * * 5L', 'day of week "5L": "L"'],
    ['0 0 ? * *', 'day of month "?": "?"'],
    ['1,,2 * * * *', 'minute "1,,2" has an empty item in its list'],
    ['1, * * * *', 'minute "1," has an empty item in its list'],
    ['*/0 * * * *', 'minute "*/0": the step "0" must be a whole number, 1 or more'],
    ['*/ * * * *', 'minute "*/": the step "" must be a whole number, 1 or more'],
    ['*/x * * * *', 'minute "*/x": the step "x" must be a whole number, 1 or more'],
    ['1-5/2/3 * * * *', 'minute "1-5/2/3": the step "2/3" must be a whole number, 1 or more'],
    ['5/15 * * * *', 'minute "5/15": a step needs a range or * before it (5-59/15, or */15)'],
    ['30-10 * * * *', 'minute "30-10": the range 30-10 runs backwards'],
    ['0 0 * JAN-FOO *', 'month "JAN-FOO" is not a number, range, list or step'],
    ['MON * * * *', 'minute "MON" is not a number, range, list or step'],
    ['-5 * * * *', 'minute "-5" is not a number, range, list or step'],
    ['~ * * * *', 'minute "~" is not a number, range, list or step'],
  ])('%s: %s', (expression, message) => {
    expect(problem(expression)).toContain(message);
  });
});
