import { describe, expect, test } from 'vitest';
import { constantShift, shiftExpression } from '../../src/crontab/zones.js';
import { cronCommand, planBlock, type PlanAgent, WATCHDOG_COMMENT } from '../../src/crontab/plan.js';
import { definition } from '../support/schedule/facts.js';

const ARGV = ['/usr/bin/node', '/opt/nightshift/bin/nightshift.js'];
const NOW = new Date('2026-06-01T00:00:00Z');

function agent(name: string, cron: string, timezone: string, runnable = true, why?: string): PlanAgent {
  const trigger = definition(name, { trigger: { cron, timezone } }).trigger;
  if (trigger?.kind !== 'cron') throw new Error('not cron');
  return { name, trigger, runnable, why };
}

const plan = (agents: PlanAgent[], more: Partial<Parameters<typeof planBlock>[0]> = {}) =>
  planBlock({
    home: '/home/op/ns',
    agents,
    nightshiftArgv: ARGV,
    systemZone: 'Etc/UTC',
    cronTz: false,
    inheritedCronTz: null,
    watchdog: true,
    now: NOW,
    ...more,
  });

describe('what the block says', () => {
  test('one line per enabled cron agent running `nightshift run <agent> --trigger cron --home`, then the watchdog', () => {
    const result = plan([agent('b-daily', '0 23 * * *', 'UTC'), agent('a-hourly', '15 * * * *', 'Etc/UTC')]);
    expect(result.body).toEqual([
      '15 * * * * /usr/bin/node /opt/nightshift/bin/nightshift.js run a-hourly --trigger cron --home /home/op/ns >/dev/null',
      '0 23 * * * /usr/bin/node /opt/nightshift/bin/nightshift.js run b-daily --trigger cron --home /home/op/ns >/dev/null',
      WATCHDOG_COMMENT,
      '* * * * * /usr/bin/node /opt/nightshift/bin/nightshift.js check --home /home/op/ns >/dev/null',
    ]);
    expect(plan([], { watchdog: false }).body).toEqual([]);
  });

  test('paused, disabled and stopped agents are left out, saying why', () => {
    const result = plan([agent('a', '0 1 * * *', 'UTC', false, 'paused'), agent('b', '0 2 * * *', 'UTC')], {
      watchdog: false,
    });
    expect(result.installed.map((i) => i.agent)).toEqual(['b']);
    expect(result.left).toEqual([{ agent: 'a', reason: 'paused' }]);
  });

  test('a zone the clock code cannot read refuses that agent only, saying why; the others are installed', () => {
    const good = agent('b-daily', '0 23 * * *', 'UTC');
    const odd = agent('a-odd', '0 1 * * *', 'UTC');
    const result = plan([{ ...odd, trigger: { ...odd.trigger, timezone: 'Mars/Olympus_Mons' } }, good], {
      watchdog: false,
    });
    expect(result.installed.map((i) => i.agent)).toEqual(['b-daily']);
    expect(result.refused).toEqual([
      {
        agent: 'a-odd',
        reason: expect.stringMatching(
          /^a-odd: could not work out its time zone Mars\/Olympus_Mons: .*Mars\/Olympus_Mons.*: run it with `nightshift daemon`/,
        ),
      },
    ]);
    expect(result.body.at(-1)).toMatch(/^# not installed: a-odd: /);
  });

  test('a seconds schedule cannot go in a crontab: refused with the reason', () => {
    const result = plan([agent('tick', '*/10 * * * * *', 'UTC')], { watchdog: false });
    expect(result.installed).toEqual([]);
    expect(result.refused[0]!.reason).toMatch(/seconds field.*nightshift daemon/);
    expect(result.body).toEqual([expect.stringMatching(/^# not installed: tick: /)]);
  });

  test('paths with spaces and quotes are shell-quoted; % is escaped for cron', () => {
    expect(cronCommand(['/opt/my apps/node', "/it's/bin.js", 'run', 'a', '--home', '/data/100%/ns'])).toBe(
      `'/opt/my apps/node' '/it'\\''s/bin.js' run a --home /data/100\\%/ns >/dev/null`,
    );
  });

  test('with CRON_TZ (cronie): each zone in its group, the zone above the block handed back after it', () => {
    const result = plan(
      [
        agent('berlin', '30 2 * * *', 'Europe/Berlin'),
        agent('ny', '0 9 * * 1-5', 'America/New_York'),
        agent('utc', '0 3 * * *', 'UTC'),
      ],
      {
        cronTz: true,
        inheritedCronTz: 'Asia/Tokyo',
      },
    );
    expect(result.body.map((line) => line.replace(/ \/usr.*$/, ''))).toEqual([
      'CRON_TZ=Etc/UTC',
      '0 3 * * *',
      'CRON_TZ=America/New_York',
      '0 9 * * 1-5',
      'CRON_TZ=Europe/Berlin',
      '30 2 * * *',
      'CRON_TZ=Etc/UTC',
      WATCHDOG_COMMENT,
      '* * * * *',
      'CRON_TZ=Asia/Tokyo',
    ]);
    // nothing inherited and nothing zoned: no CRON_TZ at all
    expect(
      plan([agent('utc', '0 3 * * *', 'UTC')], { cronTz: true }).body.some((line) => line.startsWith('CRON_TZ')),
    ).toBe(false);
  });

  test('without CRON_TZ (Debian, macOS): a zone with the same rules needs nothing, a fixed shift is translated, a DST-varying one is refused', () => {
    const berlinOnParis = plan([agent('a', '0 23 * * *', 'Europe/Berlin')], {
      systemZone: 'Europe/Paris',
      watchdog: false,
    });
    expect(berlinOnParis.installed[0]!.expression).toBe('0 23 * * *');
    const tokyoOnUtc = plan([agent('a', '0 9 * * 1-5', 'Asia/Tokyo')], { watchdog: false });
    expect(tokyoOnUtc.installed[0]!.expression).toBe('0 0 * * 1-5');
    expect(tokyoOnUtc.body[0]).toContain('"0 9 * * 1-5" in Asia/Tokyo is "0 0 * * 1-5" in Etc/UTC');
    const crossesMidnight = plan([agent('a', '0 8 * * 1-5', 'Asia/Tokyo')], { watchdog: false });
    expect(crossesMidnight.refused[0]!.reason).toMatch(/no CRON_TZ/);
    const berlinOnUtc = plan([agent('a', '30 2 * * *', 'Europe/Berlin')], { watchdog: false });
    expect(berlinOnUtc.refused[0]!.reason).toMatch(
      /varying offset \(daylight saving\).*nightshift daemon.*cronie.*trigger.timezone: Etc\/UTC/,
    );
  });
});

describe('zone arithmetic', () => {
  test('constantShift compares clocks, not names', () => {
    expect(constantShift('UTC', 'Etc/UTC', NOW)).toBe(0);
    expect(constantShift('Europe/Berlin', 'Europe/Paris', NOW)).toBe(0);
    expect(constantShift('Asia/Tokyo', 'UTC', NOW)).toBe(9 * 3_600_000);
    expect(constantShift('Europe/Berlin', 'UTC', NOW)).toBeNull();
    // New York and Chicago keep one hour apart all year, except in the hour between their switches
    expect(constantShift('America/New_York', 'America/Chicago', NOW)).toBeNull();
  });

  test('shiftExpression moves whole hours and refuses what would cross midnight', () => {
    expect(shiftExpression('15 9,13-14 * * *', 2 * 3_600_000)).toBe('15 7,11,12 * * *');
    expect(shiftExpression('0 1 * * *', 2 * 3_600_000)).toBeNull();
    expect(shiftExpression('*/5 * * * *', 3_600_000)).toBe('*/5 * * * *');
    expect(shiftExpression('0 * * * 1', 3_600_000)).toBeNull();
    expect(shiftExpression('0 */2 * * *', 3_600_000)).toBeNull();
    expect(shiftExpression('0 3 * * *', 1_800_000)).toBeNull();
  });
});
