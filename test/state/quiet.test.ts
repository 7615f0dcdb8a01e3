import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { homePaths } from '../../src/home/paths.js';
import { applyQuietChange, defaultState, nextQuiet, type QuietRequest } from '../../src/state/index.js';

/** Acks and maintenance windows as operator state: pure transitions, then state.json and changes.jsonl on disk. */
const now = new Date('2026-12-06T10:00:00Z');
const later = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
const alert = { key: 'non_ok:inbox-digest', agent: 'inbox-digest', opened_at: '2026-12-06T06:05:04.385Z' };
const ack = (extra: Partial<QuietRequest> = {}): QuietRequest => ({
  action: 'ack',
  alert,
  reason: 'known, fixing',
  by: 'aycee',
  source: 'cli',
  ...extra,
});

describe('nextQuiet', () => {
  test('ack: stored under the alert key with who, why, since and until; recorded with before and after', () => {
    const result = nextQuiet(defaultState(), ack({ until: later(2) }), now);
    if (!result.applied) throw new Error(result.message);
    expect(result.state.acks).toEqual({
      [alert.key]: {
        opened_at: alert.opened_at,
        agent: 'inbox-digest',
        by: 'aycee',
        reason: 'known, fixing',
        since: now.toISOString(),
        until: later(2).toISOString(),
      },
    });
    expect(result.record).toMatchObject({
      action: 'ack',
      agent: 'inbox-digest',
      by: 'aycee',
      reason: 'known, fixing',
      before: null,
      after: { key: alert.key, until: later(2).toISOString() },
      source: 'cli',
    });
  });

  test('ack needs a reason and an end in the future; the same ack again is a no-op', () => {
    expect(() => nextQuiet(defaultState(), ack({ reason: '  ' }), now)).toThrow(/ack needs --reason/);
    expect(() => nextQuiet(defaultState(), ack({ until: later(-1) }), now)).toThrow(/not in the future/);
    const first = nextQuiet(defaultState(), ack(), now);
    const again = nextQuiet(first.state, ack(), later(1));
    expect(again).toMatchObject({ applied: false, noop: 'already-acked' });
    // a new reason replaces the ack, and says what it was
    const changed = nextQuiet(first.state, ack({ reason: 'waiting on vendor' }), later(1));
    expect(changed.applied && changed.record.before).toMatchObject({ key: alert.key, reason: 'known, fixing' });
  });

  test('unack: ends it (recorded); with no ack in force a no-op; an ended ack is pruned on the next write', () => {
    const first = nextQuiet(defaultState(), ack({ until: later(1) }), now);
    const ended = nextQuiet(first.state, { action: 'unack', alert, by: 'jo', source: 'console' }, now);
    expect(ended.applied && ended.state.acks).toBeUndefined();
    expect(ended.applied && ended.record).toMatchObject({ action: 'unack', by: 'jo', after: null, source: 'console' });
    expect(nextQuiet(first.state, { action: 'unack', alert, by: 'jo', source: 'cli' }, later(2))).toMatchObject({
      applied: false,
      noop: 'not-acked',
    });
    const other = { ...alert, key: 'missed:x' };
    const pruned = nextQuiet(first.state, ack({ alert: other }), later(2));
    expect(Object.keys((pruned.applied && pruned.state.acks) || {})).toEqual(['missed:x']);
  });

  test('silence: needs --until and a reason; per agent or for the fleet (null); a new one replaces the same scope', () => {
    const base = { action: 'silence' as const, by: 'jo', source: 'cli' as const, reason: 'db migration' };
    expect(() => nextQuiet(defaultState(), { ...base, agent: null }, now)).toThrow(/silence needs --until/);
    expect(() => nextQuiet(defaultState(), { ...base, reason: null, until: later(1) }, now)).toThrow(/needs --reason/);
    const fleet = nextQuiet(defaultState(), { ...base, until: later(1) }, now);
    const agent = nextQuiet(fleet.state, { ...base, agent: 'inbox-digest', until: later(2) }, now);
    expect(agent.state.silences?.map((s) => s.agent)).toEqual([null, 'inbox-digest']);
    const longer = nextQuiet(agent.state, { ...base, until: later(3) }, now);
    expect(longer.state.silences?.map((s) => [s.agent, s.until])).toEqual([
      ['inbox-digest', later(2).toISOString()],
      [null, later(3).toISOString()],
    ]);
    expect(longer.applied && longer.record).toMatchObject({
      action: 'silence',
      agent: null,
      before: { until: later(1).toISOString() },
    });
    const off = nextQuiet(longer.state, { action: 'unsilence', agent: null, by: 'jo', source: 'cli' }, now);
    expect(off.state.silences?.map((s) => s.agent)).toEqual(['inbox-digest']);
    expect(nextQuiet(off.state, { action: 'unsilence', agent: null, by: 'jo', source: 'cli' }, now)).toMatchObject({
      applied: false,
      noop: 'not-silenced',
    });
  });
});

describe('applyQuietChange on disk', () => {
  let root: string;
  afterEach(() => rm(root, { recursive: true, force: true }));

  test('state.json gains acks / silences only when used, and changes.jsonl one line per change', async () => {
    root = await mkdtemp(join(tmpdir(), 'ns-quiet-'));
    const paths = homePaths(root);
    await applyQuietChange(paths, ack(), now);
    await applyQuietChange(
      paths,
      { action: 'silence', agent: null, reason: 'deploy', until: later(1), by: 'jo', source: 'cli' },
      now,
    );
    const state = JSON.parse(await readFile(paths.state, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(state)).toEqual(['v', 'global', 'agents', 'acks', 'silences']);
    await applyQuietChange(paths, { action: 'unack', alert, by: 'jo', source: 'cli' }, now);
    await applyQuietChange(paths, { action: 'unsilence', by: 'jo', source: 'cli' }, now);
    expect(Object.keys(JSON.parse(await readFile(paths.state, 'utf8')))).toEqual(['v', 'global', 'agents']);
    const lines = (await readFile(paths.changesJournal, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => `${line.action} ${line.agent} ${line.by}`)).toEqual([
      'ack inbox-digest aycee',
      'silence null jo',
      'unack inbox-digest jo',
      'unsilence null jo',
    ]);
  });
});
