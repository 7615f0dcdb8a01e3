import { CronExpressionParser } from 'cron-parser';
import { Settings } from 'luxon';

export type { CronExpression } from 'cron-parser';

// Left to itself, luxon (under cron-parser) asks ICU for the machine's locale
// on its first date (~20 ms of every command that computes a due time);
// cron-parser never formats a date for a person, so the locale changes no answer.
Settings.defaultLocale = 'en-US';

/** cron-parser, with its luxon told the locale. A function: tests wrap it (test/support/broken-zone.ts). */
export function cronExpressionParser(): typeof CronExpressionParser {
  return CronExpressionParser;
}
