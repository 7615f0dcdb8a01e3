import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readRunLock } from '../../src/harness/index.js';
import { runRecordSchema } from '../../src/journal/records.js';
import { applyChange } from '../../src/state/index.js';
import { pidsOfRun, pidsWithCommand, waitFor } from '../support/procs.js';
import { expectCompleteRecord, makeHome, nodeAgent, type TestHome } from './support/home.js';
import { BIN, cli, type Ran } from '../support/cli.js';

/** The built CLI (`npm test` builds first): exit codes, output modes, signals to the harness itself. */

let home: TestHome;
beforeEach(async () => {
  home = await makeHome();
});
afterEach(async () => home.remove());

const run = (agent: string, ...more: string[]) => cli(['run', agent, '--home', home.root, ...more]);
const print = (text: string) => nodeAgent(`process.stdout.write(${JSON.stringify(text)})`);

describe('nightshift run', () => {
  test('OK: exit 0, one summary line on stdout, nothing on stderr without a terminal', async () => {
    await home.writeAgent('agent', print('- a\nSTATUS: OK\nEND_OF_RUN\n'));
    const ran = await run('agent');
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toMatch(/^OK agent \d+\.\ds 0 calls \$0\.000 → outputs\/agent\/\d{4}-\d{2}-\d{2}T\d{6}\.md\n$/);
  });

  test('on a terminal: a live progress line redrawn in place, then cleared for the summary', async () => {
    await home.writeAgent('agent', nodeAgent(`setTimeout(() => console.log('STATUS: OK\\nEND_OF_RUN'), 700)`));
    // script(1) gives the CLI a pseudo-terminal, as an operator's shell would
    const ran = await new Promise<Ran>((resolve, reject) => {
      const child = spawn(
        'script',
        ['-qfec', `${process.execPath} ${BIN} run agent --home ${home.root}`, '/dev/null'],
        { env: { ...process.env, NO_COLOR: '1' } },
      );
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout, stderr: '' }));
    });
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(
      /\r\x1b\[2Kagent {2}0\.\ds\/5m {2}calls 0\/10 {2}tools 0\/50 {2}\$0\.000\/\$2 {2}0B\/100KB/,
    );
    expect(ran.stdout).toMatch(/\r\x1b\[2KOK agent /);
  });

  test('--json prints exactly the record that was appended', async () => {
    await home.writeAgent('agent', print('STATUS: PARTIAL\nEND_OF_RUN\n'));
    const ran = await run('agent', '--json', '--trigger', 'cron');
    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe('');
    const printed = runRecordSchema.parse(JSON.parse(ran.stdout));
    expect(printed).toMatchObject({ status: 'PARTIAL', trigger: 'cron' });
    expect(expectCompleteRecord((await home.rawRecordLines())[0]!)).toEqual(printed);
  });

  test.each([
    ['NO_END', 1, print('no trailer\n')],
    ['TIMEOUT', 4, nodeAgent('setTimeout(() => {}, 60000)', { limits: { time: '300ms' } })],
    ['RUNNER_FAILED', 6, nodeAgent('process.exit(9)')],
  ] as const)('%s exits %i', async (status, code, front) => {
    await home.writeAgent('agent', front);
    const ran = await run('agent');
    expect(ran.code).toBe(code);
    expect(ran.stdout.startsWith(`${status} agent`)).toBe(true);
  });

  test('after the record, the alert rules a run can change are evaluated (non-OK opens an alert)', async () => {
    await home.writeAgent('agent', nodeAgent('process.exit(9)'));
    const ran = await run('agent');
    expect(ran.code).toBe(6);
    const alerts = (await readFile(join(home.root, 'logs', 'alerts.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { rule: string; agent: string; event: string });
    expect(alerts).toEqual([expect.objectContaining({ rule: 'non_ok', agent: 'agent', event: 'open' })]);
  });

  test('SKIPPED exits 5, with the reason in words on stderr', async () => {
    await home.writeAgent('agent', print('STATUS: OK\nEND_OF_RUN\n'));
    await applyChange((await home.open()).paths, { action: 'pause', agent: 'agent', reason: 'vacation', by: 'ops' });
    const ran = await run('agent');
    expect(ran.code).toBe(5);
    expect(ran.stderr).toBe('nightshift: refused: agent is paused by ops: vacation\n');
    expect(ran.stdout).toMatch(/^SKIPPED agent .* — paused\n$/);
  });

  test('an unknown agent exits 2; an invalid one exits 1 with the problems and no record', async () => {
    expect((await run('ghost')).code).toBe(2);
    await home.writeFile('agents/broken.md', '---\nname: broken\ndescription: x\nlimts: {}\n---\nbody\n');
    const ran = await run('broken');
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('limts: unknown key (did you mean "limits"?)');
    expect(await home.rawRecordLines()).toEqual([]);
  });

  test("SIGTERM to the harness: the run's processes end, RUNNER_FAILED is recorded, the lock is released", async () => {
    await home.writeAgent('agent', {
      runner: { kind: 'command', command: ['sh', '-c', 'trap "" TERM; echo started; sleep 60'] },
      limits: { time: '60s' },
    });
    const paths = (await home.open()).paths;
    let harness = 0;
    const running = run('agent', '--json');
    await waitFor(() => existsSync(paths.lockFile('agent')), 10_000);
    const lock = await readRunLock(paths, 'agent');
    harness = lock!.pid;
    await waitFor(() => pidsOfRun(lock!.run_id).length > 0, 10_000);
    process.kill(harness, 'SIGTERM');
    const ran = await running;
    expect(ran.code).toBe(6);
    const record = runRecordSchema.parse(JSON.parse(ran.stdout));
    expect(record).toMatchObject({
      status: 'RUNNER_FAILED',
      reason: 'harness received SIGTERM',
      output_file: null,
      run_id: lock!.run_id,
    });
    expect(pidsOfRun(record.run_id)).toEqual([]);
    expect((await readdir(paths.run)).filter((name) => name.startsWith('agent.'))).toEqual([]); // lock and reap markers gone
    expect(await readdir(join(home.root, 'outputs')).then((dirs) => dirs.flat())).toEqual([]); // no half output, no temp file
    expect(await home.rawRecordLines()).toHaveLength(1);
  });

  test('a harness killed outright (SIGKILL): the next run ends the orphans, records CRASHED once, then runs', async () => {
    await home.writeAgent('agent', {
      runner: { kind: 'command', command: ['sh', '-c', 'trap "" TERM; sleep 60'] },
      limits: { time: '60s' },
    });
    const paths = (await home.open()).paths;
    const running = run('agent');
    await waitFor(() => existsSync(paths.lockFile('agent')), 10_000);
    const lock = (await readRunLock(paths, 'agent'))!;
    // the agent itself, not only the gate it starts through (a harness that dies before opening the gate starts nothing)
    await waitFor(() => pidsWithCommand(['sleep', '60']).some((pid) => pidsOfRun(lock.run_id).includes(pid)), 10_000);
    process.kill(lock.pid, 'SIGKILL');
    await running;
    expect(pidsOfRun(lock.run_id).length).toBeGreaterThan(0); // the runner outlived its harness…
    await home.writeAgent('agent', print('STATUS: OK\nEND_OF_RUN\n'));
    const next = await run('agent');
    expect(next.code).toBe(0);
    expect(pidsOfRun(lock.run_id)).toEqual([]); // …until the next look
    const records = await home.records();
    expect(records.map((r) => [r.status, r.run_id === lock.run_id])).toEqual([
      ['CRASHED', true],
      ['OK', false],
    ]);
  });
});
