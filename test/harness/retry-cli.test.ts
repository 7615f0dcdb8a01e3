import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { alertEventSchema } from '../../src/journal/records.js';
import { BIN, cli } from '../support/cli.js';
import { makeHome, nodeAgent, type TestHome } from './support/home.js';

/**
 * The retry policy through the built CLI (README "Retry policy"): `nightshift run` waits the backoff in its
 * own process and runs the next attempt. The agent counts its runs in a file, so which attempt fails is
 * decided by the count, never by a clock; the backoff is 10 ms.
 */

let home: TestHome;
beforeEach(async () => {
  home = await makeHome();
});
afterEach(async () => home.remove());

const run = (agent: string, ...more: string[]) => cli(['run', agent, '--home', home.root, ...more]);

/** A command agent that exits 9 (RUNNER_FAILED) on its first `failures` runs, then answers OK. */
function flaky(failures: number, onFailure = ''): string {
  const counter = JSON.stringify(join(home.root, 'count'));
  return [
    `const fs = require('node:fs');`,
    `let n = 0; try { n = Number(fs.readFileSync(${counter}, 'utf8')); } catch {}`,
    `fs.writeFileSync(${counter}, String(n + 1));`,
    `if (n < ${failures}) { ${onFailure} process.exit(9); }`,
    `process.stdout.write('- fine\\nSTATUS: OK\\nEND_OF_RUN\\n');`,
  ].join('\n');
}

const RETRY = { attempts: 2, backoff: '10ms', factor: 2, on: ['RUNNER_FAILED', 'TIMEOUT', 'CRASHED'] };

async function alertEvents() {
  try {
    const text = await readFile(join(home.root, 'logs', 'alerts.jsonl'), 'utf8');
    return text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => alertEventSchema.parse(JSON.parse(line)));
  } catch {
    return [];
  }
}

describe('nightshift run with a retry policy', () => {
  test('fails once, then OK on attempt 2: two records sharing the first run id, no alert, exit 0', async () => {
    await home.writeAgent('agent', nodeAgent(flaky(1), { retry: RETRY }));
    const ran = await run('agent');
    expect(ran.code).toBe(0);
    const lines = ran.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^RUNNER_FAILED agent attempt 1\/3 /);
    expect(lines[1]).toMatch(/^OK agent attempt 2\/3 /);
    expect(ran.stderr).toContain('attempt 2/3 in 10ms');
    const records = await home.records();
    expect(records.map((r) => [r.status, r.attempt])).toEqual([
      ['RUNNER_FAILED', 1],
      ['OK', 2],
    ]);
    const first = records[0]!;
    expect(first.first_run_id).toBe(first.run_id);
    expect(records[1]!.first_run_id).toBe(first.run_id);
    expect(records[1]!.run_id).not.toBe(first.run_id);
    // `nightshift logs` groups the attempts of one run under the first
    const logs = await cli(['logs', 'agent', '--home', home.root]);
    expect(logs.stdout).toMatch(/ATTEMPT/);
    expect(logs.stdout).toMatch(/RUNNER_FAILED\s+1\/2\s/);
    expect(logs.stdout).toMatch(/OK\s+↳ 2\/2\s/);
    // the failed attempt was retried: the non-OK alert never opened
    expect((await alertEvents()).filter((e) => e.rule === 'non_ok')).toEqual([]);
  });

  test('every attempt fails: attempts + 1 records, and the non-OK alert opens once, after the last', async () => {
    await home.writeAgent('agent', nodeAgent(flaky(99), { retry: RETRY }));
    const ran = await run('agent', '--json');
    expect(ran.code).toBe(6);
    const records = await home.records();
    expect(records.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(new Set(records.map((r) => r.first_run_id))).toEqual(new Set([records[0]!.run_id]));
    // --json prints the last attempt's record, the run's outcome
    expect(JSON.parse(ran.stdout)).toMatchObject({ run_id: records[2]!.run_id, attempt: 3 });
    const nonOk = (await alertEvents()).filter((e) => e.rule === 'non_ok');
    expect(nonOk.map((e) => e.event)).toEqual(['open']);
    expect(nonOk[0]!.details).toMatchObject({ run_id: records[2]!.run_id });
  });

  test('only listed statuses are retried: a declared PARTIAL is final at once', async () => {
    await home.writeAgent(
      'agent',
      nodeAgent(`process.stdout.write('STATUS: PARTIAL\\nEND_OF_RUN\\n')`, { retry: { ...RETRY, on: ['TIMEOUT'] } }),
    );
    const ran = await run('agent');
    expect(ran.code).toBe(1);
    expect((await home.records()).map((r) => [r.status, r.attempt])).toEqual([['PARTIAL', 1]]);
  });

  test('paused while attempt 1 runs: attempt 2 is SKIPPED (paused) and no attempt follows', async () => {
    // the first attempt pauses its own agent through the CLI before it fails: no race with a clock
    const argv = JSON.stringify([BIN, 'pause', 'agent', '--home', home.root, '--reason', 'look at it']);
    const pause = `require('node:child_process').execFileSync(process.execPath, ${argv});`;
    await home.writeAgent('agent', nodeAgent(flaky(1, pause), { retry: RETRY }));
    const ran = await run('agent');
    const records = await home.records();
    expect(records.map((r) => [r.status, r.attempt])).toEqual([
      ['RUNNER_FAILED', 1],
      ['SKIPPED', 2],
    ]);
    expect(records[1]!.reason).toMatch(/^paused/);
    expect(records[1]!.first_run_id).toBe(records[0]!.run_id);
    expect(ran.stdout).toMatch(/^SKIPPED agent attempt 2\/3 /m);
  });

  test('an agent without a retry policy records attempt and first_run_id as null', async () => {
    await home.writeAgent('agent', nodeAgent(flaky(1)));
    const ran = await run('agent');
    expect(ran.code).toBe(6);
    const raw = JSON.parse((await home.rawRecordLines())[0]!) as Record<string, unknown>;
    expect([raw.attempt, raw.first_run_id]).toEqual([null, null]);
    expect(ran.stdout).toMatch(/^RUNNER_FAILED agent \d/);
  });

  test('while it waits, run/<agent>.retry.json says which attempt is due (for the daemon), and goes after', async () => {
    await home.writeAgent('agent', nodeAgent(flaky(1), { retry: { ...RETRY, backoff: '3s' } }));
    const running = run('agent');
    const file = join(home.root, 'run', 'agent.retry.json');
    const deadline = Date.now() + 20_000;
    while (!existsSync(file) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const pending = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const ran = await running;
    expect(ran.code).toBe(0);
    const records = await home.records();
    expect(pending).toMatchObject({
      v: 1,
      agent: 'agent',
      attempt: 2,
      first_run_id: records[0]!.run_id,
      trigger: 'manual',
    });
    expect(Date.parse(pending.due_at as string)).toBe(Date.parse(records[0]!.ended_at) + 3000);
    expect(existsSync(file)).toBe(false);
  });

  test('--attempt and --first-run-id go on with a run whose waiting process died (what the daemon starts)', async () => {
    await home.writeAgent('agent', nodeAgent(flaky(0), { retry: RETRY }));
    const ran = await run('agent', '--trigger', 'cron', '--attempt', '2', '--first-run-id', 'first-run');
    expect(ran.code).toBe(0);
    expect((await home.records()).map((r) => [r.status, r.attempt, r.first_run_id, r.trigger])).toEqual([
      ['OK', 2, 'first-run', 'cron'],
    ]);
    expect((await run('agent', '--attempt', '1', '--first-run-id', 'x')).code).toBe(2);
  });
});
