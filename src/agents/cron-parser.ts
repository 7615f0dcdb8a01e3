import { Settings } from 'luxon';

/**
 * cron-parser, with its luxon told the locale up front. Left to itself, luxon
 * asks ICU for the machine's locale on its first date (~20 ms of every
 * command that computes a due time); cron-parser never formats a date for a
 * person, so the locale changes no answer.
 */
Settings.defaultLocale = 'en-US';

export { type CronExpression, CronExpressionParser } from 'cron-parser';
