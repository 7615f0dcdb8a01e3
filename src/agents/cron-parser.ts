import { CronExpressionParser } from 'cron-parser';
import { Settings } from 'luxon';
import { once } from '../lazy.js';

export type { CronExpression } from 'cron-parser';

/**
 * cron-parser, with its luxon told the locale before its first date. Left to
 * itself, luxon asks ICU for the machine's locale on its first date (~20 ms
 * of every command that computes a due time); cron-parser never formats a
 * date for a person, so the locale changes no answer. A function, so a
 * process that computes no due time (a run whose caches hit) sets up neither
 * package: the scripts load them at first use (scripts/build.mjs).
 */
export const cronExpressionParser = once((): typeof CronExpressionParser => {
  Settings.defaultLocale = 'en-US';
  return CronExpressionParser;
});
