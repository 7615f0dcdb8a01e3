import type { DueCase, PeerCase, ValidityCase } from './case.js';

/**
 * pallets-eco/croniter, src/croniter/tests/test_croniter.py at commit
 * 8704f86506ea61864ca3ce7d46741a7c098c5a73 and src/croniter/tests/test_croniter_dst_repetition.py at
 * 03b1e2f30d7187682c10ce29b852271fe21ad04b, transcribed as data. croniter's naive datetimes (no zone)
 * are read as UTC. Where croniter's iterator goes on after a get_prev, the case starts from the
 * instant that get_prev returned (the iterator's state), and only get_next answers are kept.
 *
 * Two starts are built with pytz's `tzinfo=zone`, which gives the zone's local mean time rounded to
 * the minute (Europe/Paris LMT+00:09, Asia/Hebron LMT+02:20), not its offset of the day: those starts
 * keep that offset, because it is what croniter ran (test_dst_iter's first answer, 00:00+02:00 on the
 * start day, is only "after" the start read as LMT).
 *
 * Taken, and how many of each the source has:
 * - DST and zone tests: test_timezone_winter_time, test_timezone_summer_time, test_std_dst (4 starts),
 *   test_std_dst2 (8 starts), test_std_dst3, test_dst_issue90_st31ny (3 starts, and the get_next after
 *   their get_prev, the same in all three, taken once), test_dst_iter and test_issue_k11 in
 *   test_croniter.py, and test_croniter_dst_repetition.py's one case, run by CroniterDST138Test with TZ=UTC
 *   and by CroniterDST138TestLocal with TZ=UTC-8 (naive wall times: read as UTC and as Etc/GMT-8, i.e.
 *   +08:00): 8 tests and that one, 23 cases. Two disagree (test_dst_issue90_st31ny): croniter runs the 02:01 skipped
 *   by the spring-forward at 03:01, cronie at 03:00, the instant of the change. Skipped: the get_prev
 *   halves, test_timezone and test_timezone_dateutil (they check only the tzinfo object) and test_issue_k12
 *   (a pytz LMT start checked only as "start + 60 s").
 * - Day-of-week tests: test_weekday (2 iterators), test_iso_weekday, test_sunday_to_thursday_with_alpha_conversion,
 *   test_dom_dow_vixie_cron_bug, test_issue156 (1 iterator, 1 rejection), test_revert_issue_90_aka_support_dow7
 *   (2 expressions), test_sunday_ranges_to and test_sunday_ranges_from (each range in three spellings: as
 *   written, `sun` as 7 and `sun` as 0; 15 ranges, 43 distinct expressions): 8 tests, 52 cases.
 *   Disagreements: test_dom_dow_vixie_cron_bug (croniter ORs `*\/2` with `sat` unless implement_cron_bug=True;
 *   cronie ANDs, which is the source's implement_cron_bug answer); `Sun-Sun`, `7-7` and `0-0` (croniter: every
 *   day; cronie: Sundays); and 22 spellings cronie refuses (its get_range rejects a range whose start is
 *   above its end, and the name SUN is day 0), such as `Mon-Sun`, `7-mon` and the wrapping `Thu-Tue/2`.
 *   Skipped: test_weekday_day_and and test_match (croniter's day_or option and match API), test_nth_weekday,
 *   test_issue_k33, test_hash_mixup_all_fri_3rd_sat and the sat#3 half of test_issue156 (#), the test_lwom_*
 *   tests (L), test_prev_weekday, test_prev_nth_weekday, test_prev_weekday2 and test_previous_dow (get_prev),
 *   test_weekday_range and test_issue_monsun_117 (croniter's trailing seconds field, `0 0 * * 2-4 *`).
 * - Validation tests: test_error (9 expressions after a get_next type error), test_error_alpha_cron,
 *   test_error_bad_cron (2), test_is_valid (3 of 4: `H 0 * * *` skipped, hash), test_invalid_zerorepeat,
 *   test_invalid_question_mark (3), test_nth_out_of_range (2), test_last_out_of_range (2), test_issue_k6 (2),
 *   test_issue_k34, test_overflow, test_block_dup_ranges (4 of 5: `* * * * * 1,5,*\/20,20,15` skipped, trailing
 *   seconds) and test_optimize_cron_expressions (9 of 14: 2 repeats, `0 0 1 1 0-6,sat#3` and `0 0 * 1 0-6,sat#3`
 *   skipped (#) and `0 0 1 1 0 0-59` (trailing seconds)): 13 tests, 40 cases, all agreeing.
 * Not taken: the plain iteration tests (test_minute, test_hour, test_day, test_month, test_bug*, ...), which
 * are neither DST nor day-of-week cases, the month-range tests (test_mth_ranges_from), the year field (test_year*),
 * hash `H` (test_croniter_hash.py), seconds of croniter's own syntax and expand_from_start_time.
 */

function due(test: string, expression: string, zone: string, start: string, expected: string[]): DueCase {
  return { source: `src/croniter/tests/test_croniter.py CroniterTest.${test}`, expression, zone, start, expected };
}

const ATHENS = 'Europe/Athens';
const WARSAW = 'Europe/Warsaw';
const SAO_PAULO = 'America/Sao_Paulo';
const PARIS = 'Europe/Paris';

const SKIPPED_0201 =
  'croniter runs the 02:01 skipped by the spring-forward at 03:01; cronie at 03:00, the instant of the change';

const dst: DueCase[] = [
  due('test_timezone_winter_time', '*/30 * * * *', ATHENS, '2013-10-27T02:00:00+03:00', [
    '2013-10-27T02:30:00+03:00',
    '2013-10-27T03:00:00+03:00',
    '2013-10-27T03:30:00+03:00',
    '2013-10-27T03:00:00+02:00',
    '2013-10-27T03:30:00+02:00',
    '2013-10-27T04:00:00+02:00',
    '2013-10-27T04:30:00+02:00',
  ]),
  due('test_timezone_summer_time', '*/30 * * * *', ATHENS, '2013-03-31T01:00:00+02:00', [
    '2013-03-31T01:30:00+02:00',
    '2013-03-31T02:00:00+02:00',
    '2013-03-31T02:30:00+02:00',
    '2013-03-31T04:00:00+03:00',
    '2013-03-31T04:30:00+03:00',
  ]),
  due('test_std_dst', '0 0 * * *', WARSAW, '2017-03-26T00:00:00+01:00', ['2017-03-27T00:00:00+02:00']),
  due('test_std_dst', '0 * * * *', WARSAW, '2017-03-26T01:00:00+01:00', ['2017-03-26T03:00:00+02:00']),
  due('test_std_dst', '0 0 * * *', WARSAW, '2017-10-29T00:00:00+02:00', ['2017-10-30T00:00:00+01:00']),
  due('test_std_dst', '0 * * * *', WARSAW, '2017-10-29T01:59:00+02:00', [
    '2017-10-29T02:00:00+02:00',
    '2017-10-29T02:00:00+01:00',
    '2017-10-29T03:00:00+01:00',
    '2017-10-29T04:00:00+01:00',
  ]),
  // pytz's localize() reads the repeated 23:00 and 23:05 (clocks went from 00:00 -02:00 back to 23:00) as -03:00
  due('test_std_dst2', '0 0 * * *', SAO_PAULO, '2018-02-17T21:00:00-02:00', ['2018-02-18T00:00:00-03:00']),
  due('test_std_dst2', '0 0 * * *', SAO_PAULO, '2018-02-17T22:00:00-02:00', ['2018-02-18T00:00:00-03:00']),
  due('test_std_dst2', '0 0 * * *', SAO_PAULO, '2018-02-17T23:00:00-03:00', ['2018-02-18T00:00:00-03:00']),
  due('test_std_dst2', '0 0 * * *', SAO_PAULO, '2018-02-18T00:00:00-03:00', ['2018-02-19T00:00:00-03:00']),
  due('test_std_dst2', '0 0 * * *', SAO_PAULO, '2018-02-17T21:05:00-02:00', ['2018-02-18T00:00:00-03:00']),
  due('test_std_dst2', '0 0 * * *', SAO_PAULO, '2018-02-17T22:05:00-02:00', ['2018-02-18T00:00:00-03:00']),
  due('test_std_dst2', '0 0 * * *', SAO_PAULO, '2018-02-17T23:05:00-03:00', ['2018-02-18T00:00:00-03:00']),
  due('test_std_dst2', '0 0 * * *', SAO_PAULO, '2018-02-18T00:05:00-03:00', ['2018-02-19T00:00:00-03:00']),
  // the get_next after get_prev: from the 2020-03-24 00:00 that get_prev returned
  due('test_std_dst3', '0 0 24 * *', 'Australia/Adelaide', '2020-03-24T00:00:00+10:30', ['2020-04-24T00:00:00+09:30']),
  due('test_dst_issue90_st31ny', '1 2 * * *', PARIS, '2020-03-29T01:59:55+00:09', ['2020-03-30T02:01:00+02:00']),
  {
    ...due('test_dst_issue90_st31ny', '1 2 * * *', PARIS, '2020-03-28T01:58:55+00:09', ['2020-03-29T03:00:00+02:00']),
    peerExpected: ['2020-03-29T03:01:00+02:00'],
    disagrees: SKIPPED_0201,
  },
  due('test_dst_issue90_st31ny', '1 2 * * *', PARIS, '2020-03-29T02:00:00+00:09', ['2020-03-30T02:01:00+02:00']),
  {
    // each of the three iterators goes on with get_next from the 2020-03-28T03:01:00+01:00 its second get_prev gave
    ...due('test_dst_issue90_st31ny', '1 2 * * *', PARIS, '2020-03-28T03:01:00+01:00', [
      '2020-03-29T03:00:00+02:00',
      '2020-03-30T02:01:00+02:00',
    ]),
    peerExpected: ['2020-03-29T03:01:00+02:00', '2020-03-30T02:01:00+02:00'],
    disagrees: SKIPPED_0201,
  },
  due('test_dst_iter', '0 0 * * *', 'Asia/Hebron', '2022-03-26T00:00:00+02:20', [
    '2022-03-26T00:00:00+02:00',
    '2022-03-27T01:00:00+03:00',
    '2022-03-28T00:00:00+03:00',
  ]),
  // get_next from 2019-01-14 11:00:59 New York is the timestamp 1547481660
  due('test_issue_k11', '* * * * *', 'America/New_York', '2019-01-14T11:00:59-05:00', ['2019-01-14T11:01:00-05:00']),
  {
    source: 'src/croniter/tests/test_croniter_dst_repetition.py CroniterDST138Test',
    expression: '*/5 * * * *',
    zone: 'UTC',
    start: '2024-01-25T04:46:00Z',
    expected: ['2024-01-25T04:50:00Z', '2024-01-25T04:55:00Z', '2024-01-25T05:00:00Z'],
  },
  {
    source: 'src/croniter/tests/test_croniter_dst_repetition.py CroniterDST138TestLocal',
    expression: '*/5 * * * *',
    zone: 'Etc/GMT-8',
    start: '2024-01-25T04:46:00+08:00',
    expected: ['2024-01-25T04:50:00+08:00', '2024-01-25T04:55:00+08:00', '2024-01-25T05:00:00+08:00'],
  },
];

/** croniter's _test_sunday_ranges lists only the day of the month of each of 30 answers after 2024-01-01 00:00. */
function fromNewYear2024(days: number[]): string[] {
  let month = 1;
  let previous = 0;
  return days.map((day) => {
    if (day <= previous) month += 1;
    previous = day;
    return `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T00:00:00Z`;
  });
}

const EVERY_DAY = [
  2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
];
/** cronie's answer for a range from Sunday to Sunday: Sundays. */
const SUNDAYS = [
  7, 14, 21, 28, 4, 11, 18, 25, 3, 10, 17, 24, 31, 7, 14, 21, 28, 5, 12, 19, 26, 2, 9, 16, 23, 30, 7, 14, 21, 28,
];

/** Each range with croniter's 30 days; its three spellings follow the source's expr.lower().replace("sun", ...). */
const SUNDAY_RANGES: { test: string; range: string; days: number[] }[] = [
  { test: 'test_sunday_ranges_to', range: 'Sun-Sun', days: EVERY_DAY },
  { test: 'test_sunday_ranges_to', range: 'Mon-Sun', days: EVERY_DAY },
  {
    test: 'test_sunday_ranges_to',
    range: 'Tue-Sun',
    days: [2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 30, 31, 1, 2, 3, 4],
  },
  {
    test: 'test_sunday_ranges_to',
    range: 'Wed-Sun',
    days: [3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 17, 18, 19, 20, 21, 24, 25, 26, 27, 28, 31, 1, 2, 3, 4, 7, 8, 9, 10, 11],
  },
  {
    test: 'test_sunday_ranges_to',
    range: 'Thu-Sun',
    days: [
      4, 5, 6, 7, 11, 12, 13, 14, 18, 19, 20, 21, 25, 26, 27, 28, 1, 2, 3, 4, 8, 9, 10, 11, 15, 16, 17, 18, 22, 23,
    ],
  },
  {
    test: 'test_sunday_ranges_to',
    range: 'Fri-Sun',
    days: [5, 6, 7, 12, 13, 14, 19, 20, 21, 26, 27, 28, 2, 3, 4, 9, 10, 11, 16, 17, 18, 23, 24, 25, 1, 2, 3, 8, 9, 10],
  },
  {
    test: 'test_sunday_ranges_to',
    range: 'Sat-Sun',
    days: [
      6, 7, 13, 14, 20, 21, 27, 28, 3, 4, 10, 11, 17, 18, 24, 25, 2, 3, 9, 10, 16, 17, 23, 24, 30, 31, 6, 7, 13, 14,
    ],
  },
  {
    test: 'test_sunday_ranges_from',
    range: 'Sun-Mon',
    days: [
      7, 8, 14, 15, 21, 22, 28, 29, 4, 5, 11, 12, 18, 19, 25, 26, 3, 4, 10, 11, 17, 18, 24, 25, 31, 1, 7, 8, 14, 15,
    ],
  },
  {
    test: 'test_sunday_ranges_from',
    range: 'Sun-Tue',
    days: [
      2, 7, 8, 9, 14, 15, 16, 21, 22, 23, 28, 29, 30, 4, 5, 6, 11, 12, 13, 18, 19, 20, 25, 26, 27, 3, 4, 5, 10, 11,
    ],
  },
  {
    test: 'test_sunday_ranges_from',
    range: 'Sun-Wed',
    days: [
      2, 3, 7, 8, 9, 10, 14, 15, 16, 17, 21, 22, 23, 24, 28, 29, 30, 31, 4, 5, 6, 7, 11, 12, 13, 14, 18, 19, 20, 21,
    ],
  },
  {
    test: 'test_sunday_ranges_from',
    range: 'Sun-Thu',
    days: [2, 3, 4, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 28, 29, 30, 31, 1, 4, 5, 6, 7, 8, 11, 12],
  },
  {
    test: 'test_sunday_ranges_from',
    range: 'Sun-Fri',
    days: [2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31, 1, 2, 4, 5],
  },
  { test: 'test_sunday_ranges_from', range: 'Sun-Sat', days: EVERY_DAY },
  {
    test: 'test_sunday_ranges_from',
    range: 'Thu-Tue/2',
    days: [2, 4, 6, 9, 11, 13, 16, 18, 20, 23, 25, 27, 30, 1, 3, 6, 8, 10, 13, 15, 17, 20, 22, 24, 27, 29, 2, 5, 7, 9],
  },
  {
    test: 'test_sunday_ranges_from',
    range: 'Thu-Tue/3',
    days: [
      4, 7, 11, 14, 18, 21, 25, 28, 1, 4, 8, 11, 15, 18, 22, 25, 29, 3, 7, 10, 14, 17, 21, 24, 28, 31, 4, 7, 11, 14,
    ],
  },
];

/**
 * The spellings cronie refuses: its get_range rejects a range whose start is above its end, and
 * reads the name SUN as day 0 (SUN as 7 is only the number 7).
 */
const REFUSED_BY_CRONIE = new Set([
  '0 0 * * Mon-Sun',
  '0 0 * * mon-0',
  '0 0 * * Tue-Sun',
  '0 0 * * tue-0',
  '0 0 * * Wed-Sun',
  '0 0 * * wed-0',
  '0 0 * * Thu-Sun',
  '0 0 * * thu-0',
  '0 0 * * Fri-Sun',
  '0 0 * * fri-0',
  '0 0 * * Sat-Sun',
  '0 0 * * sat-0',
  '0 0 * * 7-mon',
  '0 0 * * 7-tue',
  '0 0 * * 7-wed',
  '0 0 * * 7-thu',
  '0 0 * * 7-fri',
  '0 0 * * 7-sat',
  '0 0 * * Thu-Tue/2',
  '0 0 * * thu-tue/2',
  '0 0 * * Thu-Tue/3',
  '0 0 * * thu-tue/3',
]);
const SUNDAY_ONLY = new Set(['0 0 * * Sun-Sun', '0 0 * * 7-7', '0 0 * * 0-0']);

function sundayRangeCases({ test, range, days }: (typeof SUNDAY_RANGES)[number]): PeerCase[] {
  const written = `0 0 * * ${range}`;
  const spellings = [
    ...new Set([written, written.toLowerCase().replaceAll('sun', '7'), written.toLowerCase().replaceAll('sun', '0')]),
  ];
  const source = `src/croniter/tests/test_croniter.py CroniterTest.${test}`;
  return spellings.map((expression): PeerCase => {
    if (REFUSED_BY_CRONIE.has(expression)) {
      return {
        source,
        expression,
        valid: false,
        peerValid: true,
        disagrees:
          'croniter wraps a range past Saturday; cronie refuses a range whose start (SUN is 0) is above its end',
      };
    }
    const peer = fromNewYear2024(days);
    if (SUNDAY_ONLY.has(expression)) {
      return {
        source,
        expression,
        zone: 'UTC',
        start: '2024-01-01T00:00:00Z',
        expected: fromNewYear2024(SUNDAYS),
        peerExpected: peer,
        disagrees: 'croniter reads a range from Sunday to Sunday as the whole week; for cronie it is Sunday alone',
      };
    }
    return { source, expression, zone: 'UTC', start: '2024-01-01T00:00:00Z', expected: peer };
  });
}

const dayOfWeek: PeerCase[] = [
  due('test_weekday', '0 0 * * sat', 'UTC', '2010-02-25T00:00:00Z', ['2010-02-27T00:00:00Z', '2010-03-06T00:00:00Z']),
  due('test_weekday', '0 0 1 * wed', 'UTC', '2010-01-25T00:00:00Z', [
    '2010-01-27T00:00:00Z',
    '2010-02-01T00:00:00Z',
    '2010-02-03T00:00:00Z',
  ]),
  due('test_iso_weekday', '0 0 * * 6', 'UTC', '2010-02-25T00:00:00Z', ['2010-02-27T00:00:00Z', '2010-03-06T00:00:00Z']),
  due('test_sunday_to_thursday_with_alpha_conversion', '30 22 * * sun-thu', 'UTC', '2010-08-25T15:56:00Z', [
    '2010-08-25T22:30:00Z',
  ]),
  {
    ...due('test_dom_dow_vixie_cron_bug', '0 16 */2 * sat', 'UTC', '2023-05-02T00:00:00Z', [
      '2023-05-13T16:00:00Z',
      '2023-05-27T16:00:00Z',
      '2023-06-03T16:00:00Z',
      '2023-06-17T16:00:00Z',
    ]),
    peerExpected: ['2023-05-03T16:00:00Z', '2023-05-05T16:00:00Z', '2023-05-06T16:00:00Z', '2023-05-07T16:00:00Z'],
    disagrees: "croniter ORs `*/2` with `sat` by default; cronie ANDs them (the day of month starts with '*')",
  },
  // the get_next from 2019-01-14 11:00:59.999999 is the timestamp 1547463660
  due('test_issue156', '* * * * *,0', 'UTC', '2019-01-14T11:00:59.999Z', ['2019-01-14T11:01:00Z']),
  ...SUNDAY_RANGES.flatMap(sundayRangeCases),
];

function validity(test: string, expression: string, valid: boolean): ValidityCase {
  return { source: `src/croniter/tests/test_croniter.py CroniterTest.${test}`, expression, valid };
}

const validation: ValidityCase[] = [
  validity('test_issue156', '* * * * *,b', false),
  validity('test_revert_issue_90_aka_support_dow7', '* * * * 1-7', true),
  validity('test_revert_issue_90_aka_support_dow7', '* * * * 7', true),
  validity('test_error', '* * * *', false),
  validity('test_error', '-90 * * * *', false),
  validity('test_error', 'a * * * *', false),
  validity('test_error', '* * * janu-jun *', false),
  validity('test_error', '1-1_0 * * * *', false),
  validity('test_error', '0-10/error * * * *', false),
  validity('test_error', '0-10/ * * * *', false),
  validity('test_error', '0-1& * * * *', false),
  validity('test_error', '* * 5-100 * *', false),
  validity('test_error_alpha_cron', '* * * janu-jun *', false),
  validity('test_error_bad_cron', '* * * *', false),
  validity('test_error_bad_cron', '* * * * * * * *', false),
  validity('test_is_valid', '0 * * * *', true),
  validity('test_is_valid', '0 * *', false),
  validity('test_is_valid', '* * * janu-jun *', false),
  validity('test_invalid_zerorepeat', '*/0 * * * *', false),
  validity('test_invalid_question_mark', '? * * * *', false),
  validity('test_invalid_question_mark', '* ? * * *', false),
  validity('test_invalid_question_mark', '* * ?,* * *', false),
  validity('test_nth_out_of_range', '0 0 * * 1#7', false),
  validity('test_nth_out_of_range', '0 0 * * 1#0', false),
  validity('test_last_out_of_range', '0 0 * * L-1', false),
  validity('test_last_out_of_range', '0 0 * * L8', false),
  validity('test_issue_k6', '0 0 0 0 0', false),
  validity('test_issue_k6', '0 0 0 1 0', false),
  validity('test_issue_k34', '4 0 L/2 2 0', false),
  validity('test_overflow', '0-10000000 * * * *', false),
  validity('test_block_dup_ranges', '* 5,5,1-6 * * *', true),
  validity('test_block_dup_ranges', '* * * * 2-3,4-5,3,3,3', true),
  validity('test_block_dup_ranges', '* 4,1-4,5,4 * * *', true),
  validity('test_block_dup_ranges', '59 23 * 1 wed,fri,mon-thu,tue,tue', true),
  validity('test_optimize_cron_expressions', '0-59 0 1 1 0', true),
  validity('test_optimize_cron_expressions', '0 0-23 1 1 0', true),
  validity('test_optimize_cron_expressions', '0 0 1-31 1 0', true),
  validity('test_optimize_cron_expressions', '0 0 1-31 1 *', true),
  validity('test_optimize_cron_expressions', '0 0 1 1-12 0', true),
  validity('test_optimize_cron_expressions', '0 0 1 1 0-6', true),
  validity('test_optimize_cron_expressions', '0 0 * 1 0-6', true),
  validity('test_optimize_cron_expressions', '30 1-12,0,10-23 15-21 * fri', true),
  validity('test_optimize_cron_expressions', '30 1-23,0 15-21 * fri', true),
];

export const croniterCases: PeerCase[] = [...dst, ...dayOfWeek, ...validation];
