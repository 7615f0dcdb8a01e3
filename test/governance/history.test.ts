import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fieldChanges, renderHistory } from '../../src/governance/index.js';
import { historyEntries } from '../../src/governance/history-entries.js';
import type { ChangeRecord } from '../../src/journal/index.js';
import { cli, copyDemoHome, type TempHome } from './new-home-support.js';

const state = (s: string, extra: Record<string, unknown> = {}) => ({
  state: s,
  reason: null,
  since: null,
  by: null,
  paused_until: null,
  ...extra,
});
const change = (
  at: string,
  action: ChangeRecord['action'],
  agent: string | null,
  before: unknown,
  after: unknown,
  reason: string | null = 'because',
): ChangeRecord => ({ v: 1, at, by: 'jo', action, agent, reason, before, after, source: 'cli' });

describe('historyEntries', () => {
  const records = [
    change(
      '2026-11-19T09:00:00Z',
      'pause',
      'a',
      state('enabled'),
      state('paused', {
        reason: 'migration',
        since: '2026-11-19T09:00:00Z',
        by: 'jo',
        paused_until: '2026-11-30T23:00:00Z',
      }),
    ),
    change('2026-10-06T08:00:00Z', 'schedule', 'a', { cron: '0 8 * * 1' }, { cron: '0 9 * * 1' }),
    change('2026-10-12T04:48:00Z', 'stop-all', null, { stopped: false }, { stopped: true }),
    change('2026-11-01T00:00:00Z', 'disable', 'b', state('enabled'), state('disabled')),
  ];

  test("the agent's own changes and the fleet-wide ones, oldest first", () => {
    const entries = historyEntries(records, 'a');
    expect(entries.map((e) => [e.action, e.ownChange])).toEqual([
      ['schedule', true],
      ['stop-all', false],
      ['pause', true],
    ]);
    expect(historyEntries(records, 'a', { fleet: false }).map((e) => e.action)).toEqual(['schedule', 'pause']);
  });

  test('before → after of what changed; the bookkeeping of a state change (reason, since, by) is not repeated', () => {
    expect(fieldChanges(records[0]!)).toEqual([
      { field: 'state', before: 'enabled', after: 'paused' },
      { field: 'paused_until', before: null, after: '2026-11-30T23:00:00Z' },
    ]);
    expect(
      fieldChanges(
        change('x', 'definition', 'a', { limits: { time: '10m', calls: 12 } }, { limits: { time: '15m', calls: 12 } }),
      ),
    ).toEqual([{ field: 'limits.time', before: '10m', after: '15m' }]);
    // a definition change records the resolved values (ms, bytes): they are said as the file writes them
    const resolved = change(
      'x',
      'definition',
      'a',
      { limits: { time: 300_000, output_bytes: 65_536, calls: 12 } },
      { limits: { time: 420_000, output_bytes: 1_048_576, calls: 20 } },
    );
    expect(fieldChanges(resolved)).toEqual([
      { field: 'limits.time', before: '5m', after: '7m' },
      { field: 'limits.output_bytes', before: '64KB', after: '1MB' },
      { field: 'limits.calls', before: 12, after: 20 },
    ]);
  });

  test('rendered for a person: local times, quoted crons, who, via what, why', () => {
    const text = renderHistory('a', historyEntries(records, 'a'), 'Europe/Berlin');
    expect(text).toContain(
      '2026-10-06 10:00  schedule  by jo via cli\n    cron: "0 8 * * 1" → "0 9 * * 1"\n    why: because',
    );
    expect(text).toContain('stop-all (whole fleet)');
    expect(text).toContain('paused_until: — → 2026-12-01 00:00');
    expect(renderHistory('z', [], 'UTC')).toBe('No recorded change for z in logs/changes.jsonl.');
  });

  test('the machine a change was made on is named when the changes come from more than one', () => {
    const on = (host: string | undefined, at: string): ChangeRecord => ({
      ...change(at, 'pause', 'a', state('enabled'), state('paused')),
      ...(host === undefined ? {} : { host }),
    });
    const one = renderHistory('a', historyEntries([on('box-1', '2026-10-01T08:00:00Z')], 'a'), 'UTC');
    expect(one).toContain('pause  by jo via cli');
    const shared = renderHistory(
      'a',
      historyEntries(
        [
          on('box-1', '2026-10-01T08:00:00Z'),
          on('box-2', '2026-10-02T08:00:00Z'),
          on(undefined, '2026-09-01T08:00:00Z'),
        ],
        'a',
      ),
      'UTC',
    );
    expect(shared).toContain('2026-10-01 08:00  pause  by jo on box-1 via cli');
    expect(shared).toContain('2026-10-02 08:00  pause  by jo on box-2 via cli');
    // a line from before hosts were recorded says nothing of where
    expect(shared).toContain('2026-09-01 08:00  pause  by jo via cli');
  });
});

describe('history on a copy of the demo home (built CLI)', () => {
  let home: TempHome;
  beforeAll(async () => {
    home = await copyDemoHome();
  });
  afterAll(async () => home.remove());

  test('the schedule change of weekly-metrics, the kill and the limit change of research-digest', async () => {
    const weekly = await cli(['history', 'weekly-metrics', '--home', home.root]);
    expect(weekly.code).toBe(0);
    expect(weekly.stdout).toContain(
      '2026-10-06 10:14  schedule  by sam via cli\n    cron: "0 8 * * 1" → "0 9 * * 1"\n    why: The warehouse export finishes around 08:20',
    );
    const research = await cli(['history', 'research-digest', '--home', home.root, '--no-fleet']);
    expect(research.stdout).toContain('limits.cost_usd: 1.5 → 3');
    expect(research.stdout).toContain('killed run 4f242631 (cron), started 2026-11-14 06:30');
    expect(research.stdout).not.toContain('stop-all');
    expect(research.stdout.indexOf('definition')).toBeLessThan(research.stdout.indexOf('kill '));
  });

  test('--json; an unknown agent is exit 2', async () => {
    const json = JSON.parse((await cli(['history', 'ticket-monitor', '--home', home.root, '--json'])).stdout);
    expect(json.entries.at(-1)).toMatchObject({
      action: 'pause',
      by: 'jo',
      changes: [{ field: 'state', before: 'enabled', after: 'paused' }, { field: 'paused_until' }],
    });
    const unknown = await cli(['history', 'ticket-monitr', '--home', home.root]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('did you mean "ticket-monitor"?');
  });
});
