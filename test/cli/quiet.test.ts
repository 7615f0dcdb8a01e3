import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cli } from '../support/cli.js';
import { makeScheduleHome, runRecord, type ScheduleHome } from '../support/schedule/home.js';

/** `nightshift ack / unack / silence / unsilence` as a user runs them, on a temp home. */
let home: ScheduleHome;
const ns = (...args: string[]) => cli([...args, '--home', home.root]);

beforeEach(async () => {
  home = await makeScheduleHome('timezone: UTC\n');
  await home.writeAgent('flaky', { review: 'none' });
  await home.writeAgent('other', { review: 'none' });
});
afterEach(() => home.remove());

describe('nightshift ack', () => {
  test('names the alert by key or agent; check and status show who acked it and why; recorded in changes.jsonl', async () => {
    expect((await ns('ack', 'flaky', '--reason', 'x')).stderr).toMatch(/no alert is open/);
    await home.appendRuns([runRecord('flaky', new Date(Date.now() - 60_000), { status: 'ERROR', reason: '503' })]);
    const opened = await ns('check');
    expect(opened.code).toBe(1);
    // the key is what ack takes, shown under each open alert
    expect(opened.stdout).toMatch(/^ {11}key non_ok:flaky$/m);

    const noReason = await ns('ack', 'non_ok:flaky');
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('ack needs --reason');

    const unknown = await ns('ack', 'nightly', '--reason', 'x');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no open alert is "nightly"');
    expect(unknown.stderr).toContain('non_ok:flaky');

    const badTime = await ns('ack', 'flaky', '--reason', 'x', '--until', 'soonish');
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('--until: "soonish" is not a time');

    const acked = await ns('ack', 'flaky', '--reason', 'vendor outage', '--until', '2h');
    expect(acked.code).toBe(0);
    const wall = /\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)? \S+/.source;
    expect(acked.stdout).toMatch(
      new RegExp(
        `^Acknowledged non_ok:flaky \\(flaky: .*\\) until ${wall}: it stays open and is not re-sent ` +
          '\\(by \\S+, reason: vendor outage\\)\\. Recorded in logs/changes\\.jsonl\\.$',
        'm',
      ),
    );

    const checked = await ns('check');
    expect(checked.code).toBe(1); // still open: ack hides nothing from the exit code
    expect(checked.stdout).toMatch(
      /key non_ok:flaky · acked by \S+ until \d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)? \S+: vendor outage/,
    );
    expect((await ns('status')).stdout).toMatch(
      /^ACKED non_ok:flaky: acked by \S+ until \d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)? \S+: vendor outage$/m,
    );

    const json = JSON.parse((await ns('unack', 'flaky', '--reason', 'fixed upstream', '--json')).stdout);
    expect(json).toMatchObject({
      applied: true,
      record: { action: 'unack', agent: 'flaky', reason: 'fixed upstream' },
    });
    expect((await ns('unack', 'flaky')).stdout).toContain('Nothing to do: non_ok:flaky is not acknowledged');
    const changes = await home.changes();
    expect(changes.map((c) => `${c.action} ${c.agent} ${c.source}`)).toEqual(['ack flaky cli', 'unack flaky cli']);
  });

  test('several open alerts under one name: exit 2 listing each by key', async () => {
    const old = new Date(Date.now() - 60_000);
    await home.appendRuns([
      runRecord('flaky', old, { status: 'ERROR', reason: '503' }),
      runRecord('other', old, { status: 'ERROR', reason: '503' }),
    ]);
    await ns('check');
    const many = await ns('ack', 'non_ok', '--reason', 'x');
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/"non_ok" names 2 open alerts \(of rule "non_ok"\); name one by its key:/);
    expect(many.stderr).toMatch(/^ {2}non_ok:flaky {2}critical/m);
    expect(many.stderr).toMatch(/^ {2}non_ok:other {2}critical/m);
  });
});

describe('nightshift silence', () => {
  test('a fleet or agent window: needs --until and --reason; status shows it; unsilence ends it; each recorded', async () => {
    expect((await ns('silence', '--reason', 'deploy')).stderr).toContain('silence needs --until');
    expect((await ns('silence', '--until', '1h')).stderr).toContain('silence needs --reason');
    const unknown = await ns('silence', 'nightly', '--until', '1h', '--reason', 'x');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown agent "nightly"');

    const fleet = await ns('silence', '--until', '1h', '--reason', 'deploy');
    expect(fleet.code).toBe(0);
    expect(fleet.stdout).toMatch(
      /^Silenced the fleet until \d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)? \S+: alerts are recorded, none sent \(by \S+, reason: deploy\)/,
    );
    const agent = await ns('silence', 'flaky', '--until', '2026-01-01T00:00', '--reason', 'x');
    expect(agent.code).toBe(2);
    expect(agent.stderr).toContain('not in the future');
    expect((await ns('silence', 'flaky', '--until', '3h', '--reason', 'redeploy')).code).toBe(0);

    const status = (await ns('status')).stdout;
    expect(status).toMatch(
      /^SILENCED the fleet until \d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)? \S+ by \S+: deploy \(alerts recorded, none sent\)$/m,
    );
    expect(status).toMatch(/^SILENCED flaky until \d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)? \S+ by \S+: redeploy/m);
    const state = JSON.parse(await readFile(join(home.root, 'state.json'), 'utf8')) as { silences: unknown[] };
    expect(state.silences).toHaveLength(2);

    expect((await ns('unsilence', '--reason', 'deploy done')).stdout).toMatch(/^the fleet is no longer silenced/);
    expect((await ns('unsilence')).stdout).toContain('Nothing to do: the fleet is not silenced');
    expect((await home.changes()).map((c) => `${c.action} ${c.agent} ${c.reason}`)).toEqual([
      'silence null deploy',
      'silence flaky redeploy',
      'unsilence null deploy done',
    ]);
  });
});
