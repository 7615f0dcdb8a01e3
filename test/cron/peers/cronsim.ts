import type { DueCase, PeerCase, ValidityCase } from './case.js';

/**
 * cuu508/cronsim, tests/test_cronsim.py at commit 7380960d406af4960edcab040212d8015efd2621
 * (cronsim 2.5+, the newest version stored), transcribed as data. cronsim follows Debian's
 * cron and cronie closely: its DST answers are cronie's throughout.
 *
 * Taken, and how many of each the source has:
 * - TestDstTransitions (Europe/Riga, 2021-03-28 and 2021-10-31): 33 tests, 33 transcribed,
 *   all agreeing with cronie. `fold=0` in two starts is the first 03:58, +03:00.
 * - TestIterator: 9 tests, 3 transcribed (test_it_handles_dow_star, _dom_star, _every_x_weekdays;
 *   cronsim's NOW, 2020-01-01 with no zone, read as UTC). Skipped 6: _l, _lw, _last_friday (5L),
 *   _last_sunday_two_notations (0L, 7L), _nth_weekday (1#2) and _no_matches (MON#4) use L, LW and #,
 *   which nightshift does not support (cronie neither).
 * - TestValidation: 12 tests naming 192 expressions (test_it_rejects_bad_values alone crosses 15
 *   patterns with 12 bad values), all transcribed as invalid.
 * - TestParse: 28 tests, 19 transcribed as valid expressions; skipped 9 that parse L, LW, l, lw, L/2,
 *   LW/2, 1#2, 3#1 or 5L. One disagrees: cronsim accepts `5/15` (a step after a single number), cronie
 *   refuses it.
 * Not taken: TestReverse (backward iteration), TestOptimizations and TestExplain (internals, words).
 */

const RIGA = 'Europe/Riga';

function riga(name: string, expression: string, start: string, expected: string[]): DueCase {
  return { source: `tests/test_cronsim.py TestDstTransitions.${name}`, expression, zone: RIGA, start, expected };
}

const dst: DueCase[] = [
  riga('test_001_every_hour_mar', '0 * * * *', '2021-03-28T01:30:00+02:00', [
    '2021-03-28T02:00:00+02:00',
    '2021-03-28T04:00:00+03:00',
  ]),
  riga('test_001_every_hour_oct', '0 * * * *', '2021-10-31T01:30:00+03:00', [
    '2021-10-31T02:00:00+03:00',
    '2021-10-31T03:00:00+03:00',
    '2021-10-31T03:00:00+02:00',
    '2021-10-31T04:00:00+02:00',
  ]),
  riga('test_002_every_30_minutes_mar', '*/30 * * * *', '2021-03-28T02:10:00+02:00', [
    '2021-03-28T02:30:00+02:00',
    '2021-03-28T04:00:00+03:00',
    '2021-03-28T04:30:00+03:00',
  ]),
  riga('test_002_every_30_minutes_oct', '*/30 * * * *', '2021-10-31T02:10:00+03:00', [
    '2021-10-31T02:30:00+03:00',
    '2021-10-31T03:00:00+03:00',
    '2021-10-31T03:30:00+03:00',
    '2021-10-31T03:00:00+02:00',
    '2021-10-31T03:30:00+02:00',
    '2021-10-31T04:00:00+02:00',
  ]),
  riga('test_003_every_15_minutes_mar', '*/15 * * * *', '2021-03-28T02:40:00+02:00', [
    '2021-03-28T02:45:00+02:00',
    '2021-03-28T04:00:00+03:00',
  ]),
  riga('test_003_every_15_minutes_oct', '*/15 * * * *', '2021-10-31T02:40:00+03:00', [
    '2021-10-31T02:45:00+03:00',
    '2021-10-31T03:00:00+03:00',
    '2021-10-31T03:15:00+03:00',
    '2021-10-31T03:30:00+03:00',
    '2021-10-31T03:45:00+03:00',
    '2021-10-31T03:00:00+02:00',
    '2021-10-31T03:15:00+02:00',
    '2021-10-31T03:30:00+02:00',
    '2021-10-31T03:45:00+02:00',
    '2021-10-31T04:00:00+02:00',
  ]),
  riga('test_004_every_2_hours_mar', '0 */2 * * *', '2021-03-28T01:30:00+02:00', [
    '2021-03-28T02:00:00+02:00',
    '2021-03-28T04:00:00+03:00',
    '2021-03-28T06:00:00+03:00',
  ]),
  riga('test_004_every_2_hours_oct', '0 */2 * * *', '2021-10-31T01:30:00+03:00', [
    '2021-10-31T02:00:00+03:00',
    '2021-10-31T04:00:00+02:00',
    '2021-10-31T06:00:00+02:00',
  ]),
  riga('test_005_30_minutes_past_every_2_hours_mar', '30 */2 * * *', '2021-03-28T01:30:00+02:00', [
    '2021-03-28T02:30:00+02:00',
    '2021-03-28T04:30:00+03:00',
  ]),
  riga('test_005_30_minutes_past_every_2_hours_oct', '30 */2 * * *', '2021-10-31T01:30:00+03:00', [
    '2021-10-31T02:30:00+03:00',
    '2021-10-31T04:30:00+02:00',
  ]),
  riga('test_006_every_3_hours_oct', '0 */3 * * *', '2021-10-31T01:30:00+03:00', [
    '2021-10-31T03:00:00+03:00',
    '2021-10-31T03:00:00+02:00',
    '2021-10-31T06:00:00+02:00',
  ]),
  riga('test_008_at_1_2_3_4_5_mar', '0 1,2,3,4,5 * * *', '2021-03-28T01:30:00+02:00', [
    '2021-03-28T02:00:00+02:00',
    '2021-03-28T04:00:00+03:00',
    '2021-03-28T05:00:00+03:00',
  ]),
  riga('test_008_at_1_2_3_4_5_oct', '0 1,2,3,4,5 * * *', '2021-10-31T01:30:00+03:00', [
    '2021-10-31T02:00:00+03:00',
    '2021-10-31T03:00:00+03:00',
    '2021-10-31T04:00:00+02:00',
  ]),
  riga('test_009_30_past_1_2_3_4_5_mar', '30 1,2,3,4,5 * * *', '2021-03-28T01:30:00+02:00', [
    '2021-03-28T02:30:00+02:00',
    '2021-03-28T04:00:00+03:00',
    '2021-03-28T04:30:00+03:00',
  ]),
  riga('test_009_30_past_1_2_3_4_5_oct', '30 1,2,3,4,5 * * *', '2021-10-31T01:30:00+03:00', [
    '2021-10-31T02:30:00+03:00',
    '2021-10-31T03:30:00+03:00',
    '2021-10-31T04:30:00+02:00',
  ]),
  riga('test_010_at_2_mar', '0 2 * * *', '2021-03-28T01:30:00+02:00', [
    '2021-03-28T02:00:00+02:00',
    '2021-03-29T02:00:00+03:00',
  ]),
  riga('test_010_at_2_oct', '0 2 * * *', '2021-10-31T01:30:00+03:00', [
    '2021-10-31T02:00:00+03:00',
    '2021-11-01T02:00:00+02:00',
  ]),
  riga('test_011_at_3_mar', '0 3 * * *', '2021-03-27T01:30:00+02:00', [
    '2021-03-27T03:00:00+02:00',
    '2021-03-28T04:00:00+03:00',
    '2021-03-29T03:00:00+03:00',
  ]),
  riga('test_011_at_3_oct', '0 3 * * *', '2021-10-31T01:30:00+03:00', [
    '2021-10-31T03:00:00+03:00',
    '2021-11-01T03:00:00+02:00',
  ]),
  riga('test_012_at_4_mar', '0 4 * * *', '2021-03-27T01:30:00+02:00', [
    '2021-03-27T04:00:00+02:00',
    '2021-03-28T04:00:00+03:00',
    '2021-03-29T04:00:00+03:00',
  ]),
  riga('test_012_at_4_oct', '0 4 * * *', '2021-10-30T01:30:00+03:00', [
    '2021-10-30T04:00:00+03:00',
    '2021-10-31T04:00:00+02:00',
    '2021-11-01T04:00:00+02:00',
  ]),
  riga(
    'test_014_every_hour_enumerated_mar',
    '0 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23 * * *',
    '2021-03-28T01:30:00+02:00',
    ['2021-03-28T02:00:00+02:00', '2021-03-28T04:00:00+03:00', '2021-03-28T05:00:00+03:00'],
  ),
  riga(
    'test_014_every_hour_enumerated_oct',
    '0 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23 * * *',
    '2021-10-31T01:30:00+03:00',
    ['2021-10-31T02:00:00+03:00', '2021-10-31T03:00:00+03:00', '2021-10-31T04:00:00+02:00'],
  ),
  riga(
    'test_015_every_other_hour_enumerated_mar',
    '0 1,3,5,7,9,11,13,15,17,19,21,23 * * *',
    '2021-03-28T00:30:00+02:00',
    ['2021-03-28T01:00:00+02:00', '2021-03-28T04:00:00+03:00', '2021-03-28T05:00:00+03:00'],
  ),
  riga(
    'test_015_every_other_hour_enumerated_oct',
    '0 1,3,5,7,9,11,13,15,17,19,21,23 * * *',
    '2021-10-31T00:30:00+03:00',
    ['2021-10-31T01:00:00+03:00', '2021-10-31T03:00:00+03:00', '2021-10-31T05:00:00+02:00'],
  ),
  riga('test_016_at_1_to_5_mar', '0 1-5 * * *', '2021-03-28T01:30:00+02:00', [
    '2021-03-28T02:00:00+02:00',
    '2021-03-28T04:00:00+03:00',
    '2021-03-28T05:00:00+03:00',
  ]),
  riga('test_016_at_1_to_5_oct', '0 1-5 * * *', '2021-10-31T01:30:00+03:00', [
    '2021-10-31T02:00:00+03:00',
    '2021-10-31T03:00:00+03:00',
    '2021-10-31T04:00:00+02:00',
  ]),
  riga('test_at_3_15_mar', '15 3 * * *', '2021-03-27T00:00:00+02:00', [
    '2021-03-27T03:15:00+02:00',
    '2021-03-28T04:00:00+03:00',
    '2021-03-29T03:15:00+03:00',
  ]),
  riga('test_at_3_15_oct', '15 3 * * *', '2021-10-30T00:00:00+03:00', [
    '2021-10-30T03:15:00+03:00',
    '2021-10-31T03:15:00+03:00',
    '2021-11-01T03:15:00+02:00',
  ]),
  riga('test_every_minute_mar', '* * * * *', '2021-03-28T02:58:00+02:00', [
    '2021-03-28T02:59:00+02:00',
    '2021-03-28T04:00:00+03:00',
  ]),
  riga('test_every_minute_oct', '* * * * *', '2021-10-31T03:58:00+03:00', [
    '2021-10-31T03:59:00+03:00',
    '2021-10-31T03:00:00+02:00',
    '2021-10-31T03:01:00+02:00',
  ]),
  riga('test_every_minute_from_1_to_6_mar', '* 1-6 * * *', '2021-03-28T02:58:00+02:00', [
    '2021-03-28T02:59:00+02:00',
    '2021-03-28T04:00:00+03:00',
  ]),
  riga('test_every_minute_from_1_to_6_oct', '* 1-6 * * *', '2021-10-31T03:58:00+03:00', [
    '2021-10-31T03:59:00+03:00',
    '2021-10-31T03:00:00+02:00',
    '2021-10-31T03:01:00+02:00',
  ]),
];

const NOW = '2020-01-01T00:00:00Z';

const iterator: DueCase[] = [
  {
    source: 'tests/test_cronsim.py TestIterator.test_it_handles_dow_star',
    expression: '1 1 1-7 * */7',
    zone: 'UTC',
    start: NOW,
    expected: ['2020-01-05T01:01:00Z', '2020-02-02T01:01:00Z', '2020-03-01T01:01:00Z', '2020-04-05T01:01:00Z'],
  },
  {
    source: 'tests/test_cronsim.py TestIterator.test_it_handles_dom_star',
    expression: '1 1 */100,1-7 * MON',
    zone: 'UTC',
    start: NOW,
    expected: ['2020-01-06T01:01:00Z', '2020-02-03T01:01:00Z', '2020-03-02T01:01:00Z', '2020-04-06T01:01:00Z'],
  },
  {
    source: 'tests/test_cronsim.py TestIterator.test_it_handles_every_x_weekdays',
    expression: '1 1 * * */3',
    zone: 'UTC',
    start: NOW,
    expected: ['2020-01-01T01:01:00Z', '2020-01-04T01:01:00Z', '2020-01-05T01:01:00Z', '2020-01-08T01:01:00Z'],
  },
];

/** test_it_rejects_bad_values: every pattern with every bad value (Python's `pattern % value`). */
const BAD_PATTERNS = [
  '%s * * * *',
  '* %s * * *',
  '* * %s * *',
  '* * * %s * ',
  '* * * * %s',
  '* * * * * %s',
  '1-%s * * * *',
  '%s-60 * * * *',
  '* * 1-%s * *',
  '* * 1,%s * *',
  '* * %s/1 * *',
  '* * * %s-DEC *',
  '* * * JAN-%s *',
  '* * * * %s-SUN',
  '* * * * MON-%s',
];
const BAD_VALUES = ['-1', '61', 'ABC', '2/', '/2', '2#', '#2', '1##1', '1//2', '¹', 'LL', 'LWX'];

function invalid(name: string, expression: string): ValidityCase {
  return { source: `tests/test_cronsim.py TestValidation.${name}`, expression, valid: false };
}

const validation: ValidityCase[] = [
  invalid('test_it_rejects_4_components', '* * * *'),
  ...BAD_PATTERNS.flatMap((pattern) =>
    BAD_VALUES.map((value) => invalid('test_it_rejects_bad_values', pattern.replace('%s', value))),
  ),
  invalid('test_it_rejects_lopsided_range', '* * 5-1 * *'),
  invalid('test_it_rejects_underscores', '1-1_0 * * * *'),
  invalid('test_it_rejects_zero_step', '*/0 * * * *'),
  invalid('test_it_rejects_zero_nth', '* * * * 1#0'),
  invalid('test_it_rejects_big_nth', '* * * * 1#6'),
  invalid('test_it_checks_day_of_month_range', '* * 30 2 *'),
  invalid('test_it_checks_day_of_month_range', '* * 31 4 *'),
  invalid('test_it_rejects_dow_l_range', '* * * * 5L-6'),
  invalid('test_it_rejects_dow_l_hash', '* * * * 5L#1'),
  invalid('test_it_rejects_dow_l_slash', '* * * * 5L/3'),
  invalid('test_it_rejects_symbolic_dow_l', '* * * * MONL'),
];

function parses(name: string, expression: string): ValidityCase {
  return { source: `tests/test_cronsim.py TestParse.${name}`, expression, valid: true };
}

const parsing: ValidityCase[] = [
  parses('test_it_parses_stars', '* * * * *'),
  parses('test_it_parses_numbers', '1 * * * *'),
  parses('test_it_parses_weekday', '* * * * 1'),
  parses('test_it_handles_0_sunday', '* * * * 0'),
  parses('test_it_parses_list', '1,2,3 * * * *'),
  parses('test_it_parses_interval', '1-3 * * * *'),
  parses('test_it_parses_two_intervals', '1-3,7-9 * * * *'),
  parses('test_it_parses_step', '*/15 * * * *'),
  parses('test_it_parses_interval_with_step', '0-10/2 * * * *'),
  {
    source: 'tests/test_cronsim.py TestParse.test_it_parses_start_with_step',
    expression: '5/15 * * * *',
    valid: false,
    peerValid: true,
    disagrees:
      "cronie's get_range takes a step only after '*' or a range: `5/15` is a bad minute there (write 5-59/15)",
  },
  parses('test_it_parses_unrestricted_day_restricted_dow', '* * * * 1'),
  parses('test_it_parses_restricted_day_unrestricted_dow', '* * 1 * *'),
  parses('test_it_parses_symbolic_weekday', '* * * * MON'),
  parses('test_it_parses_lowercase_symbolic_weekday', '* * * * mon'),
  parses('test_it_parses_symbolic_month', '* * * JAN *'),
  parses('test_it_parses_weekday_range_from_zero', '* * * * 0-2'),
  parses('test_it_parses_sun_tue', '* * * * sun-tue'),
  parses('test_it_starts_weekday_step_from_zero', '* * * * */2'),
  parses('test_it_accepts_weekday_7', '* * * * 7'),
];

export const cronsimCases: PeerCase[] = [...dst, ...iterator, ...validation, ...parsing];
