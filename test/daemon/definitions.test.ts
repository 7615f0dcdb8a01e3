import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadAgentFile } from '../../src/agents/index.js';
import type { Home } from '../../src/home/index.js';
import type { ChangeRecord } from '../../src/journal/index.js';
import {
  type DefinitionChange,
  type DefinitionParts,
  noticeEditedDefinition,
  partsOf,
  recordEditedDefinition,
} from '../../src/daemon/index.js';
import {
  alreadyRecorded,
  changeRecord,
  claimedIn,
  readSeenDefinitions,
  recentChanges,
  recordDefinitionChanges,
  writeSeenDefinitions,
} from '../../src/daemon/definitions.js';
import { Daemon } from '../../src/daemon/daemon.js';
import type { CheckResult } from '../../src/watchdog/index.js';
import { FakeLauncher } from '../support/schedule/fake-launcher.js';
import { makeScheduleHome, type ScheduleHome } from '../support/schedule/home.js';
import { ManualClock } from '../support/schedule/manual-clock.js';

/**
 * One definition change, one record: the daemon (on reloading agents/) and the
 * console (after $EDITOR) both see an edit; whichever order they see it in,
 * logs/changes.jsonl gets it once, and the console's record carries the
 * operator's reason when the console claimed it first.
 */
const AT = new Date('2026-05-10T00:00:00Z');
const CONSOLE = { by: 'aycee', source: 'console' as const };

const limits = (time: number) => ({ limits: { time, calls: 10 } });
const change = (
  agent: string,
  before: Partial<DefinitionParts> | null,
  after: Partial<DefinitionParts> | null,
): DefinitionChange => ({ agent, before, after });
const record = (c: DefinitionChange, author = CONSOLE): ChangeRecord => changeRecord(c, AT, 'x', author);

describe('alreadyRecorded (pure)', () => {
  const edit = change('nightly', limits(300_000), limits(600_000));

  test('nothing recorded yet: not recorded', () => {
    expect(alreadyRecorded(edit, [])).toBe(false);
  });

  test('the last definition record of the agent holds the same after: recorded, whoever made it', () => {
    expect(alreadyRecorded(edit, [record(edit)])).toBe(true);
    expect(alreadyRecorded(edit, [changeRecord(edit, AT)])).toBe(true);
  });

  test('key order does not matter; a different value, another agent or another action does', () => {
    const reordered = change('nightly', null, { limits: { calls: 10, time: 600_000 } });
    expect(alreadyRecorded(edit, [record(reordered)])).toBe(true);
    expect(alreadyRecorded(edit, [record(change('nightly', null, limits(900_000)))])).toBe(false);
    expect(alreadyRecorded(edit, [record(change('other', null, limits(600_000)))])).toBe(false);
    expect(alreadyRecorded(edit, [{ ...record(edit), action: 'schedule' }])).toBe(false);
  });

  test('only the newest value of a part counts: changed back and forth, the same value is news again', () => {
    const there = record(change('nightly', limits(300_000), limits(600_000)));
    const back = record(change('nightly', limits(600_000), limits(300_000)));
    expect(alreadyRecorded(edit, [there, back])).toBe(false);
    expect(alreadyRecorded(change('nightly', limits(600_000), limits(300_000)), [there, back])).toBe(true);
  });

  test('per part: an edit the daemon saw as two saves is the console’s one edit', () => {
    const both = change(
      'nightly',
      { ...limits(300_000), budget: null },
      { ...limits(600_000), budget: { monthly_usd: 5, warn_at: 0.8 } },
    );
    const firstSave = record(change('nightly', limits(300_000), limits(600_000)));
    const secondSave = record(change('nightly', { budget: null }, { budget: { monthly_usd: 5, warn_at: 0.8 } }));
    expect(alreadyRecorded(both, [firstSave, secondSave])).toBe(true);
    expect(alreadyRecorded(both, [firstSave])).toBe(false);
  });

  test('since: an older record with the same values is another change, not this one', () => {
    const old = { ...record(edit), at: '2026-05-09T12:00:00.000Z' };
    expect(alreadyRecorded(edit, [old])).toBe(true);
    expect(alreadyRecorded(edit, [old], AT)).toBe(false);
    expect(alreadyRecorded(edit, [old, record(edit)], AT)).toBe(true);
  });

  test('a record of the agent going ends the search; going is recorded once', () => {
    const gone = record(change('nightly', limits(600_000), null));
    expect(alreadyRecorded(edit, [record(edit), gone])).toBe(false);
    expect(alreadyRecorded(change('nightly', limits(600_000), null), [record(edit), gone])).toBe(true);
    expect(alreadyRecorded(change('nightly', limits(600_000), null), [record(edit)])).toBe(false);
  });
});

describe('claimedIn (pure)', () => {
  test('the snapshot shows every changed part at its new value', () => {
    const edit = change('nightly', limits(300_000), limits(600_000));
    const seen = (time: number) => ({ nightly: { trigger: null, budget: null, ...limits(time) } });
    expect(claimedIn(seen(600_000), edit)).toBe(true);
    expect(claimedIn(seen(300_000), edit)).toBe(false);
    expect(claimedIn(null, edit)).toBe(false);
    expect(claimedIn({}, edit)).toBe(false);
    expect(claimedIn(seen(600_000), change('nightly', limits(600_000), null))).toBe(false);
  });
});

let home: ScheduleHome;
let opened: Home;
let daemon: Daemon | undefined;
beforeEach(async () => {
  home = await makeScheduleHome();
  await home.writeAgent('nightly', { trigger: { cron: '0 23 * * *', timezone: 'UTC' }, limits: { time: '5m' } });
  opened = await home.open();
});
afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
  await home.remove();
});

async function partsNow(agent = 'nightly'): Promise<DefinitionParts | null> {
  const entry = await loadAgentFile(opened.paths.agentFile(agent), opened.defaults);
  return entry.ok ? partsOf(entry.agent) : null;
}

/** What the daemon would see when it reloads: the diff against its last snapshot. */
function daemonSees(before: DefinitionParts, after: DefinitionParts): DefinitionChange[] {
  return [change('nightly', { limits: before.limits }, { limits: after.limits })];
}

const edit10m = () =>
  home.writeAgent('nightly', { trigger: { cron: '0 23 * * *', timezone: 'UTC' }, limits: { time: '10m' } });

describe('both sides against one home, without a daemon process', () => {
  test('daemon first, console second: the console finds it recorded and adds nothing', async () => {
    const before = (await partsNow())!;
    await edit10m();
    const after = (await partsNow())!;
    expect(await recordDefinitionChanges(opened.paths, daemonSees(before, after), AT)).toHaveLength(1);
    const outcome = await noticeEditedDefinition(opened.paths, 'nightly', before, after);
    expect(outcome).toMatchObject({ kind: 'recorded', record: { by: 'nightshift', source: 'daemon' } });
    expect(await home.changes()).toHaveLength(1);
  });

  test('console first, daemon second: the daemon finds it recorded and adds nothing', async () => {
    const before = (await partsNow())!;
    await edit10m();
    const after = (await partsNow())!;
    const outcome = await noticeEditedDefinition(opened.paths, 'nightly', before, after);
    expect(outcome.kind).toBe('changed');
    if (outcome.kind !== 'changed') return;
    const recorded = await recordEditedDefinition(opened.paths, outcome.change, {
      reason: 'slow input this week',
      author: CONSOLE,
      at: AT,
    });
    expect(recorded).toMatchObject({
      action: 'definition',
      agent: 'nightly',
      by: 'aycee',
      source: 'console',
      reason: 'slow input this week',
      after: { limits: { time: 600_000 } },
    });
    expect(await recordDefinitionChanges(opened.paths, daemonSees(before, after), AT)).toEqual([]);
    expect(await home.changes()).toHaveLength(1);
    // a second record attempt by the console itself is refused too
    expect(
      await recordEditedDefinition(opened.paths, outcome.change, { reason: 'again', author: CONSOLE, at: AT }),
    ).toBeNull();
  });

  test('the console claims the change while it asks why: a daemon reload in between leaves it to the console', async () => {
    // the daemon has run before: its snapshot exists
    const before = (await partsNow())!;
    await writeSeenDefinitions(opened.paths, { nightly: before });
    await edit10m();
    const after = (await partsNow())!;
    const outcome = await noticeEditedDefinition(opened.paths, 'nightly', before, after);
    expect(outcome.kind).toBe('changed');
    expect((await readSeenDefinitions(opened.paths))?.nightly).toEqual(JSON.parse(JSON.stringify(after)));
    expect(await recordDefinitionChanges(opened.paths, daemonSees(before, after), AT)).toEqual([]);
    if (outcome.kind === 'changed')
      await recordEditedDefinition(opened.paths, outcome.change, { reason: 'why not', author: CONSOLE, at: AT });
    expect((await home.changes()).map((c) => [c.by, c.source, c.reason])).toEqual([['aycee', 'console', 'why not']]);
  });

  test('a hand edit nobody recorded, then the console edits back: recorded, since the old record predates the editor', async () => {
    const at = (iso: string) => new Date(iso);
    const five = (await partsNow())!;
    await edit10m();
    const ten = (await partsNow())!;
    const first = await noticeEditedDefinition(opened.paths, 'nightly', five, ten, at('2026-05-01T00:00:00Z'));
    if (first.kind === 'changed')
      await recordEditedDefinition(opened.paths, first.change, {
        reason: 'first',
        author: CONSOLE,
        at: at('2026-05-01T00:01:00Z'),
      });
    // back to 5m by hand, with no daemon to see it; then the console makes it 10m again
    const again = await noticeEditedDefinition(opened.paths, 'nightly', five, ten, at('2026-05-02T00:00:00Z'));
    expect(again.kind).toBe('changed');
    if (again.kind === 'changed')
      expect(
        await recordEditedDefinition(opened.paths, again.change, {
          reason: 'again',
          author: CONSOLE,
          at: at('2026-05-02T00:01:00Z'),
          since: at('2026-05-02T00:00:00Z'),
        }),
      ).not.toBeNull();
    expect((await home.changes()).map((c) => c.reason)).toEqual(['first', 'again']);
  });

  test('no snapshot yet (the daemon never ran): the console records and creates none', async () => {
    const before = (await partsNow())!;
    await edit10m();
    const outcome = await noticeEditedDefinition(opened.paths, 'nightly', before, await partsNow());
    expect(outcome.kind).toBe('changed');
    expect(await readSeenDefinitions(opened.paths)).toBeNull();
  });

  test('unchanged parts and an invalid file are not changes to record', async () => {
    const before = (await partsNow())!;
    await home.writeAgent(
      'nightly',
      { trigger: { cron: '0 23 * * *', timezone: 'UTC' }, limits: { time: '5m' } },
      { body: 'Another prompt.\n' },
    );
    expect(await noticeEditedDefinition(opened.paths, 'nightly', before, await partsNow())).toEqual({
      kind: 'unchanged',
    });
    await home.writeRaw('agents/nightly.md', '---\nname: nightly\n---\n');
    expect(await partsNow()).toBeNull();
    expect(await noticeEditedDefinition(opened.paths, 'nightly', before, null)).toEqual({ kind: 'invalid' });
    expect(await home.changes()).toEqual([]);
  });

  test('recentChanges reads only the tail, and skips its cut first line and lines that are not records', async () => {
    const { appendFile } = await import('node:fs/promises');
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify(record(change(`a${i}`, null, limits(i)))));
    await appendFile(opened.paths.changesJournal, `${lines.join('\n')}\nnot json\n`);
    const all = await recentChanges(opened.paths);
    expect(all.map((r) => r.agent)).toEqual(lines.map((_, i) => `a${i}`));
    const tail = await recentChanges(opened.paths, (lines[0] as string).length * 3);
    expect(tail.length).toBeGreaterThan(0);
    expect(tail.length).toBeLessThan(3);
    expect(tail.at(-1)?.agent).toBe('a49');
  });
});

describe('with the daemon running in-process', () => {
  const log = { info: () => undefined, problem: () => undefined };
  const noCheck = async (): Promise<CheckResult> => ({
    at: '',
    conditions: [],
    events: [],
    open: [],
    changes: [],
    plainCron: false,
    faults: [],
    failedRules: [],
    invalid: [],
    warnings: [],
    trail: undefined as never,
  });
  const start = async () => {
    daemon = await Daemon.start(opened, {
      nightshiftArgv: ['node', 'nightshift.js'],
      clock: new ManualClock(AT.getTime()),
      log,
      launcher: new FakeLauncher(),
      check: noCheck,
      crontabCheck: false,
    });
    return daemon;
  };

  test('daemon reloads first: one record, by nightshift; the console adds nothing', async () => {
    const d = await start();
    const before = (await partsNow())!;
    await edit10m();
    await d.reload('agents/ changed');
    expect(await home.changes()).toMatchObject([{ by: 'nightshift', source: 'daemon' }]);
    expect((await noticeEditedDefinition(opened.paths, 'nightly', before, await partsNow())).kind).toBe('recorded');
    expect(await home.changes()).toHaveLength(1);
  });

  test('console first (claimed, then recorded after the daemon reloaded): one record, with the reason', async () => {
    const d = await start();
    const before = (await partsNow())!;
    await edit10m();
    const outcome = await noticeEditedDefinition(opened.paths, 'nightly', before, await partsNow());
    await d.reload('agents/ changed');
    expect(await home.changes()).toEqual([]);
    if (outcome.kind === 'changed')
      await recordEditedDefinition(opened.paths, outcome.change, { reason: 'quarter end', author: CONSOLE, at: AT });
    await d.reload('agents/ changed');
    expect((await home.changes()).map((c) => [c.by, c.source, c.reason])).toEqual([
      ['aycee', 'console', 'quarter end'],
    ]);
    // the daemon's snapshot agrees with the file, so a restart records nothing either
    await d.stop();
    daemon = undefined;
    await start();
    expect(await home.changes()).toHaveLength(1);
  });

  test('a change the console recorded while the daemon was down is not recorded again at its start', async () => {
    const d = await start();
    await d.stop();
    daemon = undefined;
    const before = (await partsNow())!;
    await edit10m();
    const outcome = await noticeEditedDefinition(opened.paths, 'nightly', before, await partsNow());
    if (outcome.kind === 'changed')
      await recordEditedDefinition(opened.paths, outcome.change, { reason: null, author: CONSOLE, at: AT });
    expect(JSON.parse(await readFile(join(home.root, 'run', 'definitions.json'), 'utf8')).nightly.limits.time).toBe(
      600_000,
    );
    await start();
    expect((await home.changes()).map((c) => [c.by, c.reason])).toEqual([['aycee', null]]);
  });
});
