import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatWall } from '../../src/shared/index.js';
import { cli } from '../support/cli.js';
import { makeRunRecord } from '../support/run-record.js';

/**
 * What a newcomer's first commands print (issue 15 point 5): every time in
 * the one format for people (src/shared/time/wall-format.ts: the home's wall
 * clock and zone, never toISOString's), a second pause that says what became
 * of the first's end, and tables that a pipe receives whole. The built CLI,
 * its stdout a pipe, as `nightshift … | less` gets it.
 */
const ZONE = 'Europe/Berlin';
const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d/;
const AGENT = 'nightly-summarizer';
const LONG = `summarizer-${'x'.repeat(52)}`;

let dir: string;
let home: string;
const ns = (...args: string[]) => cli([...args, '--home', home]);
const changes = async () =>
  (await readFile(join(home, 'logs', 'changes.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { action: string; after: Record<string, unknown> });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ns-first-'));
  home = join(dir, 'home');
  expect((await cli(['init', '--home', home, '--timezone', ZONE])).code).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('times print one way', () => {
  test('pause --until, a second pause, stop-all twice: wall time and zone, no ISO', async () => {
    const first = await ns('pause', AGENT, '--until', '2h', '--reason', 'first');
    expect(first.code).toBe(0);
    const until = (await changes()).at(-1)!.after.paused_until as string;
    const shown = formatWall(Date.parse(until), ZONE);
    expect(first.stdout).toContain(`Paused ${AGENT} until ${shown} (by `);
    expect(first.stdout).not.toMatch(ISO);

    // a second pause without --until replaces the first's end, and says so
    const second = await ns('pause', AGENT, '--reason', 'second');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Paused ${AGENT} until resumed (by `);
    expect(second.stdout).toContain(`This replaces its earlier end, ${shown}: to keep that end, pause with --until`);
    expect((await changes()).at(-1)!.after.paused_until).toBeNull();
    const state = JSON.parse(await readFile(join(home, 'state.json'), 'utf8')) as {
      agents: Record<string, { paused_until: string | null; since: string }>;
    };
    expect(state.agents[AGENT]!.paused_until).toBeNull();

    // a third, with --until again, says the open-ended pause now ends by itself
    const third = await ns('pause', AGENT, '--until', '3h', '--reason', 'third');
    expect(third.stdout).toContain('It was paused until resumed; now it ends by itself.');
    const again = await ns('pause', AGENT, '--until', '3h', '--reason', 'fourth');
    expect(again.stdout).toMatch(/This replaces its earlier end, \d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)? Europe\/Berlin\./);
    expect(`${third.stdout}${again.stdout}`).not.toMatch(ISO);
    expect((await ns('resume', AGENT, '--reason', 'done')).code).toBe(0);

    expect((await ns('stop-all', '--reason', 'drill')).code).toBe(0);
    const twice = await ns('stop-all', '--reason', 'drill');
    const since = JSON.parse(await readFile(join(home, 'state.json'), 'utf8')).global.since as string;
    expect(twice.stdout).toContain(`the fleet is already stopped (since ${formatWall(Date.parse(since), ZONE)}, by `);
    expect(twice.stdout).not.toMatch(ISO);
    expect((await ns('start-all', '--reason', 'drill over')).code).toBe(0);
  });

  test('check: an open alert says since when in the same format', async () => {
    const ended = new Date(Date.now() - 60_000);
    const record = makeRunRecord({
      run_id: 'r-failed',
      agent: AGENT,
      started_at: new Date(ended.getTime() - 1000).toISOString(),
      ended_at: ended.toISOString(),
      duration_ms: 1000,
      status: 'RUNNER_FAILED',
      reason: 'the runner could not start',
      trigger: 'manual',
    });
    await appendFile(join(home, 'logs', 'runs.jsonl'), `${JSON.stringify(record)}\n`);
    const check = await ns('check');
    expect(check.code).toBe(1);
    const since = /\(since (.+)\)$/m.exec(check.stdout)?.[1];
    expect(since).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)? Europe\/Berlin$/);
    expect(check.stdout).not.toMatch(ISO);
  });
});

describe('piped output is not cut', () => {
  test('status and logs on a pipe keep every cell whole, however wide', async () => {
    const example = await readFile(join(home, 'agents', `${AGENT}.md`), 'utf8');
    await writeFile(join(home, 'agents', `${LONG}.md`), example.replace(`name: ${AGENT}`, `name: ${LONG}`));
    const reason = `a reason well past any terminal's width: ${'the runner said something long '.repeat(6)}end`;
    const ended = new Date(Date.now() - 30_000);
    await appendFile(
      join(home, 'logs', 'runs.jsonl'),
      `${JSON.stringify(
        makeRunRecord({
          run_id: 'r-long',
          agent: LONG,
          started_at: new Date(ended.getTime() - 1000).toISOString(),
          ended_at: ended.toISOString(),
          duration_ms: 1000,
          status: 'RUNNER_FAILED',
          reason,
          trigger: 'manual',
        }),
      )}\n`,
    );
    const status = await ns('status');
    expect(status.stdout).toContain(LONG);
    expect(status.stdout).not.toContain('…');
    const logs = await ns('logs', LONG);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toContain(reason);
    expect(Math.max(...logs.stdout.split('\n').map((line) => line.length))).toBeGreaterThan(200);
  });
});
