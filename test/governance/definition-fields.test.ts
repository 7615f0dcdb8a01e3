import { describe, expect, test } from 'vitest';
import { fieldChanges } from '../../src/governance/history-entries.js';

/**
 * The console's edit prompt ("agents/x.md changed: … Why?") and `history`
 * name a definition change's fields as the agent file does (issue 15 point 5).
 */
const cron = (over: Record<string, unknown> = {}) => ({
  kind: 'cron',
  cron: '0 23 * * *',
  expression: '0 23 * * *',
  timezone: 'UTC',
  grace: 1_800_000,
  catchUp: 'none',
  deadline: 21_600_000,
  ...over,
});

const fields = (before: unknown, after: unknown) =>
  fieldChanges({ action: 'definition', before: before as never, after: after as never }).map((c) => c.field);

describe('definition changes in the agent file’s words', () => {
  test('cron keys: catch_up, not catchUp; the cron once, not as cron and expression', () => {
    expect(
      fields(
        { trigger: cron(), limits: { time: 300_000, cost_usd: 2, tool_calls: 50 } },
        {
          trigger: cron({ cron: '0 3 * * *', expression: '0 3 * * *', catchUp: 'once' }),
          limits: { time: 300_000, cost_usd: 1, tool_calls: 20 },
        },
      ),
    ).toEqual(['trigger.cron', 'trigger.catch_up', 'limits.cost_usd', 'limits.tool_calls']);
  });

  test('watch and when keys sit under trigger.watch / trigger.when, as in the file', () => {
    const watch = (path: string) => ({ kind: 'watch', path, debounce: 5000, timezone: 'UTC' });
    expect(fields({ trigger: watch('in/*.txt') }, { trigger: watch('inbox/*.txt') })).toEqual(['trigger.watch.path']);
    const when = (every: number) => ({ kind: 'when', command: 'test -f x', every, timeout: 10_000, timezone: 'UTC' });
    expect(fields({ trigger: when(60_000) }, { trigger: when(300_000) })).toEqual(['trigger.when.every']);
  });

  test('a trigger whose kind changed is one change of the whole block', () => {
    const changes = fieldChanges({
      action: 'definition',
      before: { trigger: cron() } as never,
      after: { trigger: { kind: 'watch', path: 'in/*', debounce: 5000, timezone: 'UTC' } } as never,
    });
    expect(changes).toEqual([
      { field: 'trigger', before: cron(), after: { kind: 'watch', path: 'in/*', debounce: 5000, timezone: 'UTC' } },
    ]);
  });

  test('budget keys are the file’s already', () => {
    expect(fields({ budget: { monthly_usd: 5, warn_at: 0.8 } }, { budget: { monthly_usd: 10, warn_at: 0.8 } })).toEqual(
      ['budget.monthly_usd'],
    );
  });
});
