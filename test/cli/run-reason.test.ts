import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type ChangeRecord, changeRecordSchema } from '../../src/journal/index.js';
import { makeHome, nodeAgent, type TestHome } from '../harness/support/home.js';
import { cli } from '../support/cli.js';

/**
 * `nightshift run <agent> --reason …` (the built CLI; `npm test` builds
 * first): a run a person asks for is recorded in logs/changes.jsonl before it
 * starts; without --reason, and for scheduled triggers, nothing is.
 */

let home: TestHome;
beforeEach(async () => {
  home = await makeHome();
  await home.writeAgent('agent', nodeAgent(`process.stdout.write('- a\\nSTATUS: OK\\nEND_OF_RUN\\n')`));
});
afterEach(async () => home.remove());

const as = { env: { USER: 'cli-tester' } };
const run = (...more: string[]) => cli(['run', ...more, '--home', home.root], as);
async function changes(): Promise<ChangeRecord[]> {
  const text = await readFile(join(home.root, 'logs', 'changes.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => changeRecordSchema.parse(JSON.parse(line)));
}

describe('nightshift run --reason', () => {
  test('records the run as a change (action run, by $USER, source cli, the reason) before it starts', async () => {
    const ran = await run('agent', '--reason', 'checking the new prompt');
    expect(ran.code).toBe(0);
    const [change, ...more] = await changes();
    expect(more).toEqual([]);
    expect(change).toMatchObject({
      action: 'run',
      agent: 'agent',
      by: 'cli-tester',
      source: 'cli',
      reason: 'checking the new prompt',
    });
    const [record] = await home.records();
    expect(record).toMatchObject({ agent: 'agent', trigger: 'manual', status: 'OK' });
    expect(Date.parse(change!.at)).toBeLessThanOrEqual(Date.parse(record!.started_at));
  });

  test('without --reason nothing goes to changes.jsonl: the run record is enough', async () => {
    expect((await run('agent')).code).toBe(0);
    expect(await changes()).toEqual([]);
    expect(await home.records()).toHaveLength(1);
  });

  test('an empty reason (the console sends one when none was typed) records the run without a reason', async () => {
    expect((await run('agent', '--reason=', '--source', 'console')).code).toBe(0);
    expect(await changes()).toMatchObject([{ action: 'run', reason: null, source: 'console' }]);
  });

  test('a reason that starts with a dash survives --reason=…', async () => {
    expect((await run('agent', '--reason=--not-an-option')).code).toBe(0);
    expect((await changes())[0]?.reason).toBe('--not-an-option');
  });

  test('scheduled triggers take no reason: usage error, nothing recorded, nothing run', async () => {
    const ran = await run('agent', '--trigger', 'cron', '--reason', 'x');
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/--reason is for runs a person asks for/);
    expect(await changes()).toEqual([]);
    expect(await home.records()).toEqual([]);
  });

  test('an agent that cannot run is not recorded as run: unknown, or invalid', async () => {
    const unknown = await run('nope', '--reason', 'x');
    expect(unknown.code).toBe(2);
    await home.writeFile('agents/broken.md', '---\nname: broken\n---\nhi\n');
    const broken = await run('broken', '--reason', 'x');
    expect(broken.code).not.toBe(0);
    expect(await changes()).toEqual([]);
  });

  test('a paused agent: the request is recorded, the run is SKIPPED, as the journals say', async () => {
    expect((await cli(['pause', 'agent', '--reason', 'maintenance', '--home', home.root], as)).code).toBe(0);
    await run('agent', '--reason', 'try anyway');
    expect((await changes()).map((c) => c.action)).toEqual(['pause', 'run']);
    expect((await home.records())[0]).toMatchObject({ status: 'SKIPPED', reason: 'paused' });
  });

  test('--help documents --reason (not the console’s --source); history shows the run with who and why', async () => {
    const help = await cli(['run', '--help']);
    expect(help.stdout).toMatch(/--reason <text>/);
    expect(help.stdout).toMatch(/Without --reason nothing goes to logs\/changes\.jsonl/);
    expect(help.stdout).not.toMatch(/--source/);
    await run('agent', '--reason', 'month-end backfill');
    const history = await cli(['history', 'agent', '--home', home.root], as);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/ {2}run {2}by cli-tester via cli\n {4}why: month-end backfill/);
  });
});
