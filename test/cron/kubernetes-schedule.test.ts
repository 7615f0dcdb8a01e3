import { describe, expect, test } from 'vitest';
import { kubernetesSchedule } from '../../src/cron/index.js';

/**
 * nightshift's cron (cronie's rules) as a Kubernetes CronJob's schedule (robfig/cron v3's standard parser):
 * the same schedule where one means the same, else the reason there is none.
 */
describe('kubernetesSchedule', () => {
  test.each([
    ['0 23 * * *', '0 23 * * *'],
    ['*/15 9-17 * * MON-FRI', '*/15 9-17 * * MON-FRI'],
    ['0 9,13,17 * * 1-5', '0 9,13,17 * * 1-5'],
    ['0 9 1 * MON', '0 9 1 * MON'], // both restricted: OR in both readings
    ['0 9 */1 * MON', '0 9 */1 * MON'], // a bare star (step 1): AND in both
    ['@daily', '0 0 * * *'],
    ['@weekly', '0 0 * * 0'],
    ['  30   6 * * *  ', '30 6 * * *'],
  ])('%s → %s', (text, schedule) => {
    expect(kubernetesSchedule(text)).toEqual({ ok: true, schedule });
  });

  test('day of week 7 (Sunday to cron, out of range to Kubernetes) is written out as the days it means', () => {
    expect(kubernetesSchedule('0 9 * * 7')).toEqual({ ok: true, schedule: '0 9 * * SUN' });
    expect(kubernetesSchedule('0 9 * * 5-7')).toEqual({ ok: true, schedule: '0 9 * * SUN,FRI,SAT' });
    // a step of 7 is no value of 7
    expect(kubernetesSchedule('0 9 * * */7')).toEqual({ ok: true, schedule: '0 9 * * */7' });
  });

  test('a seconds field cannot be exported', () => {
    const result = kubernetesSchedule('*/30 * * * * *');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toContain('has a seconds field');
  });

  test('day fields combined otherwise by the two readings are refused, naming both fields', () => {
    // cronie: */2 starts with * → odd days that are Mondays; robfig v3: a * with a step is no star → either
    const stepped = kubernetesSchedule('0 9 */2 * MON');
    expect(stepped.ok).toBe(false);
    if (!stepped.ok) expect(stepped.problem).toMatch(/day of month "\*\/2" and day of week "MON".*AND.*OR/);
    // cronie: "1,*" does not start with * → OR (every day); robfig: a bare * part → AND (Mondays)
    expect(kubernetesSchedule('0 9 1,* * MON').ok).toBe(false);
  });

  test('what nightshift refuses stays refused, with its own words', () => {
    expect(kubernetesSchedule('61 * * * *')).toEqual({ ok: false, problem: 'minute 61 is outside 0-59' });
  });
});
