import type { DueCase, PeerCase, ValidityCase } from './case.js';

/**
 * harrisiirak/cron-parser, tests/timezone.test.ts at commit 6a4fa5d0671d98127f8cf5c6e870ad9df929a7c7
 * and tests/CronExpressionParser.test.ts at 033048e6ed5acab3378f436b1b747ad06f81404f (cron-parser 5,
 * with hash H: the newest version stored), transcribed as data. The DST cases of
 * CronExpressionParser.test.ts ("timezones and DST tests") and of tests/CronExpression.test.ts at
 * 211a3661f60481c67be32b7391d3ea38b8e7f43a repeat timezone.test.ts's one for one, so they are taken once,
 * under timezone.test.ts. The source checks only wall-clock fields (hour, minute, date); the offsets
 * written here are the zone's at those wall times (the first pass through a repeated hour unless the
 * source asserts the repeat), and where the source disagrees, its own instants are those cron-parser
 * 5.10.5 gives.
 *
 * Taken, and how many of each the source has:
 * - timezone.test.ts: 8 tests holding 21 iterators, all taken (Europe/Athens on 2016-03-27 and
 *   2016-10-30, America/Sao_Paulo, America/New_York). Two disagree with cronie: `*\/20 3 * * *` on the
 *   spring day (cron-parser moves the skipped 03:00-03:40 to 04:00-04:40; cronie runs by the new
 *   clock, so not at all that night) and on the fall day (cron-parser runs the repeated 03:00-03:40
 *   once; cronie, by the new clock, twice). Not taken: the endDate bounds ("out of the timespan range"
 *   throws) and #131's two prev() answers. Starts written as `new Date('10/28/2018')` (the machine's
 *   midnight) are read as midnight in the case's zone.
 * - CronExpressionParser.test.ts, beyond those DST tests: the zone case #139 (Europe/Madrid) and the
 *   day-of-month/day-of-week tests with exact answers ('10 2 12 8 6-7', '0 12 1-31 * 1' (#284),
 *   '0 0 * 6 2'), 4 cases, all agreeing (both fields restricted: OR). The start of '0 0 * 6 2' is a
 *   machine-local time in the source, read as UTC. Not taken: 'day of month and week are both set'
 *   (and its dow 7 and 6,0 variants) and the days-of-week-string tests, which start from "now" and check
 *   only a predicate; '10 2 ? * 3' and '10 2 3,6 * ?' (?); the # and L tests; hash H.
 * - CronExpressionParser.test.ts's 'invalid expression' block: 30 tests naming 33 expressions; 30 taken,
 *   all invalid in cron-parser and in cronie. Not taken: the 3 strict-mode tests (an option nightshift
 *   does not have). Plus 'range with the same start and end value' and 'predefined expression' (valid).
 * `0 0 31 4 *` (like cronsim's `* * 31 4 *`): cronie would accept it and never run it; nightshift keeps
 * its refusal of a day that never occurs in the months given (test/cron/cron.test.ts), as cron-parser does.
 */

const ATHENS = 'Europe/Athens';

/** `test` is the source's test title, with a note in parentheses where one title holds several iterators alike. */
function timezone(test: string, expression: string, zone: string, start: string, expected: string[]): DueCase {
  const [title, note] = test.split(' | ');
  return { source: `tests/timezone.test.ts '${title}'${note ? ` (${note})` : ''}`, expression, zone, start, expected };
}

const DST_START = 'It works on DST start';
const DST_END_ISO = 'It works on DST end 2016-10-30 00:00:01 - 0 * * * *  DST offset via ISO 8601 format';

const NOON_29_30_31 = ['2016-10-29T12:00:00+03:00', '2016-10-30T12:00:00+02:00', '2016-10-31T12:00:00+02:00'];
const NOON_30_31 = ['2016-10-30T12:00:00+02:00', '2016-10-31T12:00:00+02:00'];

const dst: DueCase[] = [
  timezone(DST_START, '0 * * * *', ATHENS, '2016-03-27T02:00:01+02:00', [
    '2016-03-27T04:00:00+03:00',
    '2016-03-27T05:00:00+03:00',
  ]),
  timezone(DST_START, '30 2 * * *', ATHENS, '2016-03-27T02:00:01+02:00', [
    '2016-03-27T02:30:00+02:00',
    '2016-03-28T02:30:00+03:00',
  ]),
  // 03:00 is skipped: cron-parser's 04:00 is the instant of the change, where cronie runs it too
  timezone(DST_START, '0 3 * * *', ATHENS, '2016-03-27T02:00:01+02:00', [
    '2016-03-27T04:00:00+03:00',
    '2016-03-28T03:00:00+03:00',
  ]),
  {
    ...timezone(DST_START, '*/20 3 * * *', ATHENS, '2016-03-27T02:00:01+02:00', [
      '2016-03-28T03:00:00+03:00',
      '2016-03-28T03:20:00+03:00',
      '2016-03-28T03:40:00+03:00',
      '2016-03-29T03:00:00+03:00',
    ]),
    peerExpected: [
      '2016-03-27T04:00:00+03:00',
      '2016-03-27T04:20:00+03:00',
      '2016-03-27T04:40:00+03:00',
      '2016-03-28T03:00:00+03:00',
    ],
    disagrees:
      "cron-parser moves the skipped 03:00-03:40 to 04:00-04:40; cronie runs a '*' minute by the new clock: not that night",
  },
  timezone(DST_START, '0 * 27 * *', ATHENS, '2016-03-27T00:00:01+02:00', [
    '2016-03-27T01:00:00+02:00',
    '2016-03-27T02:00:00+02:00',
    '2016-03-27T04:00:00+03:00',
    '2016-03-27T05:00:00+03:00',
  ]),
  // past the endDate next() throws
  timezone(`${DST_START} | endDate 2016-03-27 03:00:01`, '0 * * * *', ATHENS, '2016-03-27T00:00:01+02:00', [
    '2016-03-27T01:00:00+02:00',
    '2016-03-27T02:00:00+02:00',
    '2016-03-27T04:00:00+03:00',
  ]),
  timezone('It works on DST end 2016-10-30 02:00:01 - 0 * * * *', '0 * * * *', ATHENS, '2016-10-30T02:00:01+03:00', [
    '2016-10-30T03:00:00+03:00',
    '2016-10-30T03:00:00+02:00',
    '2016-10-30T04:00:00+02:00',
  ]),
  timezone('It works on DST end 2016-10-30 02:00:01 - 0 3 * * *', '0 3 * * *', ATHENS, '2016-10-30T02:00:01+03:00', [
    '2016-10-30T03:00:00+03:00',
    '2016-10-31T03:00:00+02:00',
  ]),
  {
    ...timezone(
      'It works on DST end 2016-10-30 02:00:01 - */20 3 * * *',
      '*/20 3 * * *',
      ATHENS,
      '2016-10-30T02:00:01+03:00',
      [
        '2016-10-30T03:00:00+03:00',
        '2016-10-30T03:20:00+03:00',
        '2016-10-30T03:40:00+03:00',
        '2016-10-30T03:00:00+02:00',
      ],
    ),
    peerExpected: [
      '2016-10-30T03:00:00+03:00',
      '2016-10-30T03:20:00+03:00',
      '2016-10-30T03:40:00+03:00',
      '2016-10-31T03:00:00+02:00',
    ],
    disagrees:
      "cron-parser runs the repeated 03:00-03:40 once; cronie runs a '*' minute by the new clock: again in the repeated hour",
  },
  timezone('It works on DST end 2016-10-30 00:00:01 - 0 * 30 * *', '0 * 30 * *', ATHENS, '2016-10-30T00:00:01+03:00', [
    '2016-10-30T01:00:00+03:00',
    '2016-10-30T02:00:00+03:00',
    '2016-10-30T03:00:00+03:00',
    '2016-10-30T03:00:00+02:00',
    '2016-10-30T04:00:00+02:00',
  ]),
  // past the endDate next() throws
  timezone(`${DST_END_ISO} | endDate 2016-10-30T03:00:01+03`, '0 * * * *', ATHENS, '2016-10-30T00:00:01+03:00', [
    '2016-10-30T01:00:00+03:00',
    '2016-10-30T02:00:00+03:00',
    '2016-10-30T03:00:00+03:00',
  ]),
  timezone(`${DST_END_ISO} | endDate 2016-10-30 04:00:01`, '0 * * * *', ATHENS, '2016-10-30T00:00:01+03:00', [
    '2016-10-30T01:00:00+03:00',
    '2016-10-30T02:00:00+03:00',
    '2016-10-30T03:00:00+03:00',
    '2016-10-30T03:00:00+02:00',
    '2016-10-30T04:00:00+02:00',
  ]),
  timezone(DST_END_ISO, '0 12 * * *', ATHENS, '2016-10-29T01:00:00+02:00', NOON_29_30_31),
  timezone(DST_END_ISO, '0 12 * * *', ATHENS, '2016-10-29T02:59:00+02:00', NOON_29_30_31),
  timezone(DST_END_ISO, '0 12 * * *', ATHENS, '2016-10-29T02:59:59+02:00', NOON_29_30_31),
  timezone(DST_END_ISO, '0 12 * * *', ATHENS, '2016-10-30T01:00:00+02:00', NOON_30_31),
  timezone(DST_END_ISO, '0 12 * * *', ATHENS, '2016-10-30T01:59:00+02:00', NOON_30_31),
  timezone(DST_END_ISO, '0 12 * * *', ATHENS, '2016-10-30T01:59:59+02:00', NOON_30_31),
  timezone(DST_END_ISO, '0 12 * * *', ATHENS, '2016-10-30T02:59:00+02:00', NOON_30_31),
  // "Sun Oct 30 2018 02:59:00 GMT+0200"; Sao Paulo kept summer time (-02:00) from 2018-11-04 to 2019-02-17
  timezone('it will work with #131 issue case', '0 9 1 1 *', 'America/Sao_Paulo', '2018-10-30T02:59:00+02:00', [
    '2019-01-01T09:00:00-02:00',
  ]),
  timezone('it will work with #137 issue case', '0 12 * * 3', 'America/New_York', '2018-10-28T00:00:00-04:00', [
    '2018-10-31T12:00:00-04:00',
  ]),
];

function parserDue(test: string, expression: string, zone: string, start: string, expected: string[]): DueCase {
  return { source: `tests/CronExpressionParser.test.ts '${test}'`, expression, zone, start, expected };
}

const parser: DueCase[] = [
  parserDue('it will work with #139 issue case', '0 0 0 1,2 * *', 'Europe/Madrid', '2018-11-15T16:15:33.522Z', [
    '2018-12-01T00:00:00+01:00',
  ]),
  parserDue('day of month and week are both set and dow is 6-7', '10 2 12 8 6-7', 'UTC', '2012-12-26T14:38:53Z', [
    '2013-08-03T02:10:00Z',
    '2013-08-04T02:10:00Z',
    '2013-08-10T02:10:00Z',
    '2013-08-11T02:10:00Z',
    '2013-08-12T02:10:00Z',
    '2013-08-17T02:10:00Z',
    '2013-08-18T02:10:00Z',
    '2013-08-24T02:10:00Z',
    '2013-08-25T02:10:00Z',
    '2013-08-31T02:10:00Z',
    '2014-08-02T02:10:00Z',
    '2014-08-03T02:10:00Z',
    '2014-08-09T02:10:00Z',
    '2014-08-10T02:10:00Z',
    '2014-08-12T02:10:00Z',
  ]),
  parserDue('correctly handle 0 12 1-31 * 1 (#284)', '0 12 1-31 * 1', 'UTC', '2022-10-30T14:00:00Z', [
    '2022-10-31T12:00:00Z',
    '2022-11-01T12:00:00Z',
    '2022-11-02T12:00:00Z',
    '2022-11-03T12:00:00Z',
    '2022-11-04T12:00:00Z',
    '2022-11-05T12:00:00Z',
    '2022-11-06T12:00:00Z',
    '2022-11-07T12:00:00Z',
  ]),
  parserDue(
    'day of month is wildcard, month and day of week are both set',
    '0 0 * 6 2',
    'UTC',
    '2021-05-31T12:00:00Z',
    [
      '2021-06-01T00:00:00Z',
      '2021-06-08T00:00:00Z',
      '2021-06-15T00:00:00Z',
      '2021-06-22T00:00:00Z',
      '2021-06-29T00:00:00Z',
    ],
  ),
];

function validity(test: string, expression: string, valid: boolean): ValidityCase {
  return { source: `tests/CronExpressionParser.test.ts '${test}'`, expression, valid };
}

const validation: ValidityCase[] = [
  validity('value out of the range', '61 * * * * *', false),
  validity('second value out of the range', '-1 * * * * *', false),
  validity('range order is invalid', '30-20 * * * * *', false),
  validity('invalid range', '- * * * * *', false),
  validity('minute value out of the range', '* 32,72 * * * *', false),
  validity('hour value out of the range', '* * 12-36 * * *', false),
  validity('day of the month value out of the range', '* * * 10-15,40 * *', false),
  validity('month value out of the range', '* * * * */10,12-13 *', false),
  validity('day of the week value out of the range', '* * * * * 9', false),
  validity('invalid expression that contains too many fields', '* * * * * * * *ASD', false),
  validity('invalid explicit day of month definition', '0 0 31 4 *', false),
  validity('invalid characters test - symbol', '10 ! 12 8 0', false),
  validity('invalid characters test - letter', '10 x 12 8 0', false),
  validity('invalid characters test - parentheses', '10 ) 12 8 0', false),
  validity('interval with invalid characters test', '10 */A 12 8 0', false),
  validity('range with invalid characters test', '10 0-z 12 8 0', false),
  validity('group with invalid characters test', '10 0,1,z 12 8 0', false),
  validity('invalid expression which has repeat 0 times', '0 */0 * * *', false),
  validity('invalid expression which has repeat negative number times', '0 */-5 * * *', false),
  validity('invalid expression which has multiple combined repeat cycles', '0 5/5/5 * * *', false),
  validity('invalid days of week strings - wrong alias', '15 10 * * MON-TUR', false),
  validity('invalid list value without value', '*/10 * * * * ,', false),
  validity('invalid list value with right-side value', '*/10 * * * * ,2', false),
  validity('cannot combine `-` range and # occurrence special characters', '0 0 0 ? * 2-4#2', false),
  validity('cannot combine `/` repeat interval and # occurrence special characters', '0 0 0 ? * 1/2#3', false),
  validity('cannot combine `,` list and # occurrence special characters', '0 0 0 ? * 0,6#4', false),
  validity('invalid occurrence value', '0 0 0 ? * 1#', false),
  validity('invalid occurrence value', '0 0 0 ? * 1#0', false),
  validity('invalid occurrence value', '0 0 0 ? * 4#6', false),
  validity('invalid occurrence value', '0 0 0 ? * 0##4', false),
  validity('range with the same start and end value', '*/10 2-2 * * *', true),
  validity('predefined expression', '@yearly', true),
];

export const cronParserCases: PeerCase[] = [...dst, ...parser, ...validation];
