import type * as CronParserModule from '../../src/cron/cron-parser.js';

/**
 * A cron engine that cannot read schedules in some zones, as cron-parser 5
 * cannot read `0 2 * * *` in Australia/Lord_Howe across its 30-minute
 * fall-back ("Invalid expression, loop limit exceeded" from every due-time
 * question). Tests put a zone in `brokenZones` (and take it out) while the
 * clock they inject stays where they like; validation, which parses without
 * a zone, is unaffected, so the agent file stays valid.
 *
 *   vi.mock('../../src/cron/cron-parser.js', async (original) =>
 *     (await import('../support/broken-zone.js')).withBrokenZones(await original()));
 */
export const brokenZones = new Set<string>();
export const ENGINE_ERROR = 'Invalid expression, loop limit exceeded';

type Module = typeof CronParserModule;
type Parser = ReturnType<Module['cronExpressionParser']>;

export function withBrokenZones(real: Module): Module {
  const wrap = (parser: Parser): Parser =>
    new Proxy(parser, {
      get(target, property, receiver) {
        if (property !== 'parse') return Reflect.get(target, property, receiver);
        return (expression: string, options?: { tz?: string }) => {
          const iterator = target.parse(expression, options as never);
          const zone = options?.tz;
          if (zone === undefined) return iterator;
          return new Proxy(iterator, {
            get(it, name) {
              const value = Reflect.get(it, name, it) as unknown;
              if ((name === 'next' || name === 'prev') && brokenZones.has(zone)) {
                return () => {
                  throw new Error(ENGINE_ERROR);
                };
              }
              return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(it) : value;
            },
          });
        };
      },
    });
  return { ...real, cronExpressionParser: (() => wrap(real.cronExpressionParser())) as Module['cronExpressionParser'] };
}
