import { chmod, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { changeRecordSchema } from '../../src/journal/index.js';
import { editCron } from '../../src/governance/schedule-change-edit.js';
import { updateRunbookTrigger } from '../../src/governance/schedule-change-runbook.js';
import { previewLines, previewSchedule } from '../../src/governance/index.js';
import { openHome } from '../../src/home/index.js';
import { agentText, cli, copyDemoHome, syntheticHome, type TempHome } from './new-home-support.js';

const BODY = '# Identity\nYou summarize.\n\nSTATUS: OK\nEND_OF_RUN\n';

/** Everything but the cron value is the same, byte for byte. */
function expectOnlyCronChanged(before: string, after: string, oldValue: string, newValue: string): void {
  const at = before.indexOf(oldValue);
  expect(at).toBeGreaterThan(0);
  expect(after).toBe(before.slice(0, at) + newValue + before.slice(at + oldValue.length));
}

describe('editCron keeps every other byte', () => {
  test('double quotes, comments around it, the prompt', () => {
    const text =
      '---\n# a comment on top\nname: a   # trailing comment\ndescription: x\ntrigger:\n' +
      `  cron: "0 23 * * *"   # every night\n  timezone: Europe/Berlin\n---\n${BODY}`;
    const edit = editCron(text, 'agents/a.md', '0 3 * * *');
    expect(edit).toMatchObject({ before: '0 23 * * *', after: '0 3 * * *', unchanged: false });
    expectOnlyCronChanged(text, edit.text, '"0 23 * * *"', '"0 3 * * *"');
  });

  test('single quotes stay single quotes', () => {
    const text = `---\nname: a\ntrigger:\n  cron: '0 23 * * *'\n---\n${BODY}`;
    expectOnlyCronChanged(text, editCron(text, 'f', '15 2 * * 1-5').text, "'0 23 * * *'", "'15 2 * * 1-5'");
  });

  test('plain stays plain when it can, and is quoted when it cannot (* starts an alias, @ is reserved)', () => {
    const text = `---\nname: a\ntrigger:\n  cron: 0 23 * * *\n  grace: 1h\n---\n${BODY}`;
    expectOnlyCronChanged(text, editCron(text, 'f', '0 3 * * *').text, '0 23 * * *', '0 3 * * *');
    expectOnlyCronChanged(text, editCron(text, 'f', '*/15 * * * *').text, '0 23 * * *', '"*/15 * * * *"');
    expectOnlyCronChanged(text, editCron(text, 'f', '@daily').text, '0 23 * * *', '"@daily"');
  });

  test('CRLF line endings are kept', () => {
    const text = `---\r\nname: a\r\ntrigger:\r\n  cron: "0 23 * * *" # nightly\r\n  timezone: UTC\r\n---\r\n# Identity\r\nYou summarize.\r\n`;
    const edited = editCron(text, 'f', '0 4 * * *').text;
    expectOnlyCronChanged(text, edited, '"0 23 * * *"', '"0 4 * * *"');
    expect(edited.split('\r\n')).toHaveLength(text.split('\r\n').length);
  });

  test('flow style: trigger: { cron: …, grace: … }; a comma in plain flow style gets quotes', () => {
    const text = `---\nname: a\ntrigger: { cron: "0 23 * * *", grace: 1h }\n---\n${BODY}`;
    expectOnlyCronChanged(text, editCron(text, 'f', '0 9,17 * * *').text, '"0 23 * * *"', '"0 9,17 * * *"');
    const plain = `---\nname: a\ntrigger: {cron: 0 23 * * *, grace: 1h}\n---\n${BODY}`;
    expectOnlyCronChanged(plain, editCron(plain, 'f', '0 9,17 * * *').text, '0 23 * * *', '"0 9,17 * * *"');
  });

  test('a block scalar becomes a quoted value on the same line; the lines after it are untouched', () => {
    const text = `---\nname: a\ntrigger:\n  cron: >-\n    0 23 * * *\n  grace: 1h\n---\n${BODY}`;
    expect(editCron(text, 'f', '0 3 * * *').text).toBe(
      `---\nname: a\ntrigger:\n  cron: "0 3 * * *"\n  grace: 1h\n---\n${BODY}`,
    );
  });

  test('the same schedule is no change', () => {
    const text = `---\nname: a\ntrigger:\n  cron: "0 23 * * *"\n---\n${BODY}`;
    expect(editCron(text, 'f', '0 23 * * *')).toMatchObject({ unchanged: true, text });
  });

  test('no cron trigger: refused with what it has instead', () => {
    expect(() =>
      editCron(`---\nname: a\ntrigger:\n  watch: { path: "x/*.log" }\n---\n${BODY}`, 'agents/a.md', '0 3 * * *'),
    ).toThrow(/agents\/a\.md has a watch trigger: `schedule` changes the time of a cron trigger only/);
    expect(() => editCron(`---\nname: a\n---\n${BODY}`, 'agents/a.md', '0 3 * * *')).toThrow(
      /has no trigger \(it runs only when asked\)/,
    );
    expect(() => editCron(`name: a\n`, 'agents/a.md', '0 3 * * *')).toThrow(/does not start with a front-matter block/);
  });
});

describe('updateRunbookTrigger', () => {
  test('only the one Trigger line changes', () => {
    const runbook = '# Runbook: a\r\n\r\n**Owner:** jo\r\n**Trigger:** every day at 23:00 UTC\r\n\r\nMore.\r\n';
    expect(updateRunbookTrigger(runbook, 'every day at 03:00 UTC')).toBe(
      runbook.replace('every day at 23:00 UTC', 'every day at 03:00 UTC'),
    );
    expect(updateRunbookTrigger('no trigger line', 'x')).toBeNull();
  });
});

describe('nightshift schedule (built CLI)', () => {
  let home: TempHome;
  const file = () => join(home.root, 'agents', 'a.md');
  const original =
    '---\n# keep me\nname: a\ndescription: test agent a\nowner: tester\ntrigger:\n' +
    `  cron: "0 23 * * *"  # nightly\n  timezone: UTC\n---\n${BODY}`;
  beforeEach(async () => {
    home = await syntheticHome({
      agents: { a: original, w: agentText('w', 'trigger:\n  watch: { path: "in/*.txt" }\n') },
      files: { 'runbooks/a.md': '# Runbook: a\n**Trigger:** every day at 23:00 UTC\n' },
    });
    await chmod(file(), 0o640);
  });
  afterEach(async () => home.remove());

  test('changes the cron only, keeps the mode, records who and why, and the runbook follows', async () => {
    const ran = await cli(
      ['schedule', 'a', '0 3 * * *', '--home', home.root, '--reason', '23:00 overlaps the nightly backup'],
      { USER: 'bob' },
    );
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(
      'Changed the schedule of a: "0 23 * * *" → "0 3 * * *" (every day at 03:00 UTC), by bob',
    );
    expect(await readFile(file(), 'utf8')).toBe(original.replace('"0 23 * * *"', '"0 3 * * *"'));
    expect((await stat(file())).mode & 0o777).toBe(0o640);
    const record = changeRecordSchema.parse(JSON.parse((await home.read('logs/changes.jsonl')).trim()));
    expect(record).toMatchObject({
      action: 'schedule',
      agent: 'a',
      before: { cron: '0 23 * * *' },
      after: { cron: '0 3 * * *' },
      reason: '23:00 overlaps the nightly backup',
      by: 'bob',
      source: 'cli',
    });
    expect(await home.read('runbooks/a.md')).toBe('# Runbook: a\n**Trigger:** every day at 03:00 UTC\n');
    const history = await cli(['history', 'a', '--home', home.root]);
    expect(history.stdout).toContain('cron: "0 23 * * *" → "0 3 * * *"');
    expect(history.stdout).toContain('why: 23:00 overlaps the nightly backup');
  });

  test('no reason, no change: exit 2 and the file untouched', async () => {
    for (const args of [[], ['--reason', '   ']]) {
      const ran = await cli(['schedule', 'a', '0 3 * * *', '--home', home.root, ...args]);
      expect(ran.code).toBe(2);
      expect(ran.stderr).toContain('--reason is required');
    }
    expect(await readFile(file(), 'utf8')).toBe(original);
    await expect(home.read('logs/changes.jsonl')).rejects.toThrow();
  });

  test('without a reason the new schedule is previewed: its next 5 due times in the agent zone, with offsets', async () => {
    const ran = await cli(['schedule', 'a', '0 3 * * *', '--home', home.root]);
    expect(ran.code).toBe(2);
    const lines = ran.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Next 5 due times (UTC):');
    expect(lines.slice(1)).toHaveLength(5);
    for (const line of lines.slice(1))
      expect(line).toMatch(/^ {2}(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{4}-\d\d-\d\d 03:00 \+00:00$/);
    expect(await readFile(file(), 'utf8')).toBe(original);
  });

  test('the preview marks a due time daylight saving moves (Berlin, spring 2026, a fixed clock)', async () => {
    await home.write('agents/b.md', agentText('b', 'trigger:\n  cron: "0 23 * * *"\n  timezone: Europe/Berlin\n'));
    const preview = await previewSchedule(
      await openHome(home.root),
      'b',
      '30 2 * * *',
      new Date('2026-03-27T12:00:00Z'),
      3,
    );
    expect(previewLines(preview!)).toEqual([
      'Next 3 due times (Europe/Berlin):',
      '  Sat 2026-03-28 02:30 +01:00',
      '  Sun 2026-03-29 03:00 +02:00  02:30 skipped by DST → 03:00',
      '  Mon 2026-03-30 02:30 +02:00',
    ]);
    expect(await previewSchedule(await openHome(home.root), 'w', '30 2 * * *')).toBeNull();
  });

  test("a cron that does not parse: the schema's own message, exit 2, nothing written", async () => {
    const ran = await cli(['schedule', 'a', '61 * * * *', '--home', home.root, '--reason', 'x']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('"61 * * * *" is not a valid cron expression: minute 61 is outside 0-59');
    expect(await readFile(file(), 'utf8')).toBe(original);
  });

  test('an unknown agent, or one without a cron trigger: exit 2, untouched', async () => {
    const unknown = await cli(['schedule', 'nope', '0 3 * * *', '--home', home.root, '--reason', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown agent "nope"');
    const watch = await cli(['schedule', 'w', '0 3 * * *', '--home', home.root, '--reason', 'x']);
    expect(watch.code).toBe(2);
    expect(watch.stderr).toContain('has a watch trigger');
  });
});

describe('schedule on a copy of the demo home', () => {
  test('fixes the invalid agent by its cron alone; every other byte of every agent file stays', async () => {
    const home = await copyDemoHome();
    try {
      const before = await home.read('agents/churn-predictor.md');
      const others = await home.read('agents/nightly-summarizer.md');
      const ran = await cli([
        'schedule',
        'churn-predictor',
        '0 6 * * *',
        '--home',
        home.root,
        '--reason',
        'minute 61 never comes: the agent never ran',
      ]);
      expect(ran.code).toBe(0);
      expectOnlyCronChanged(before, await home.read('agents/churn-predictor.md'), '61 * * * *', '0 6 * * *');
      expect(await home.read('agents/nightly-summarizer.md')).toBe(others);
    } finally {
      await home.remove();
    }
  });
});
