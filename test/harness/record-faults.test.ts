import { spawn } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readRunLock, reapStaleLock, runAgent } from '../../src/harness/index.js';
import { findStagedOutput } from '../../src/harness/output-file.js';
import type { HomePaths } from '../../src/home/index.js';
import { AppendError } from '../../src/journal/index.js';
import { NightshiftError } from '../../src/errors.js';
import { expectCompleteRecord, makeHome, type TestHome } from './support/home.js';
import { portsFor, says, scriptedRunner } from './support/scripted-runner.js';

/**
 * A run whose record cannot be written (the journal refuses the append): its
 * output is never left without a record that names it.
 */
let home: TestHome;
let paths: HomePaths;
beforeEach(async () => {
  home = await makeHome();
  paths = (await home.open()).paths;
});
afterEach(async () => home.remove());

const RUNNER = { kind: 'command', command: ['unused'] };
const noTerminate = { terminateRun: async () => undefined };

/** A pid that existed and is gone now. */
async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/** The journal refuses every run record, as a full disk does. */
function refusingJournal(): { appendRunRecord: () => Promise<void> } {
  return {
    appendRunRecord: async () => {
      throw new AppendError(paths.runsJournal, 'no space left on device (ENOSPC)', { expected: 'a record appended', actual: 'ENOSPC', kept: 'the record was not written; the journal is unchanged (0 bytes)' });
    },
  };
}

describe('a run whose record cannot be written', () => {
  test('keeps its lock, which names the published output and the final usage; the next look records it once as CRASHED naming that output', async () => {
    await home.writeAgent('agent', { runner: RUNNER });
    const runner = scriptedRunner(says('- a\nSTATUS: OK\nEND_OF_RUN\n', { llmCalls: 2, costUsd: 0.25, costBasis: 'table' }));
    const error = await runAgent({ agent: 'agent', home: await home.open(), ports: portsFor(runner, refusingJournal()) }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(NightshiftError);
    const failure = error as NightshiftError;
    expect(failure.exitCode).toBe(3);
    expect(failure.message).toContain(`${paths.runsJournal}: no space left on device (ENOSPC)`);
    const [published] = await readdir(join(home.root, 'outputs', 'agent'));
    expect(published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{6}\.md$/);
    const output = `outputs/agent/${published}`;
    expect(failure.message).toContain(`Kept: its output ${output} and its lock run/agent.lock`);
    expect(failure.message).toContain('records the run once as CRASHED, naming the output');

    const lock = await readRunLock(paths, 'agent');
    const size = (await stat(join(home.root, output))).size;
    expect(lock?.output).toEqual({ stamp: published!.slice(0, -'.md'.length), ino: expect.stringMatching(/^\d+$/), size_bytes: size });
    expect(lock?.usage).toMatchObject({ llm_calls: 2, cost_usd: 0.25 });
    expect(await home.rawRecordLines()).toEqual([]);

    // the harness process ends (here: the test's own pid is swapped for one that is gone)
    await writeFile(paths.lockFile('agent'), JSON.stringify({ ...lock, pid: await deadPid() }));
    const record = await reapStaleLock(paths, 'agent', { by: 'check', ports: noTerminate });
    expect(record).toMatchObject({ status: 'CRASHED', run_id: lock!.run_id, output_file: output, output_size_bytes: size, llm_calls: 2, cost_usd: 0.25 });
    expect(record!.reason).toContain('its output was published');
    expect(await reapStaleLock(paths, 'agent', { by: 'check', ports: noTerminate })).toBeNull();
    const lines = await home.rawRecordLines();
    expect(lines).toHaveLength(1);
    expect(expectCompleteRecord(lines[0]!)).toEqual(record);
    expect(await readRunLock(paths, 'agent')).toBeNull();
  });

  test('the output is found by the inode the lock names, not by its name: a same-day output of an earlier run is never claimed', async () => {
    const dir = join(home.root, 'outputs', 'agent');
    await home.writeFile('outputs/agent/2026-11-24.md', 'an earlier run\n');
    await home.writeFile('outputs/agent/2026-11-24-2.md', 'this run\n');
    await home.writeFile('outputs/agent/.2026-11-24.123.abcd.tmp', 'a temp file\n');
    const ino = (name: string) => stat(join(dir, name), { bigint: true }).then((info) => info.ino.toString());
    expect(await findStagedOutput(dir, { stamp: '2026-11-24', ino: await ino('2026-11-24-2.md') })).toEqual({ path: join(dir, '2026-11-24-2.md'), sizeBytes: 9 });
    expect(await findStagedOutput(dir, { stamp: '2026-11-24', ino: await ino('.2026-11-24.123.abcd.tmp') })).toBeNull();
    expect(await findStagedOutput(dir, { stamp: '2026-11-25', ino: await ino('2026-11-24.md') })).toBeNull();

    // a lock that staged an output, then died before naming it: the CRASHED record names none
    const lock = {
      run_id: 'staged-run',
      agent: 'agent',
      pid: await deadPid(),
      pgid: null,
      runner_pid: null,
      started_at: new Date(Date.now() - 5000).toISOString(),
      trigger: 'cron',
      host: (await import('node:os')).hostname(),
      boot_id: null,
      pid_start_ticks: null,
      runner: 'command',
      model: null,
      prompt_sha256: null,
      definition_sha256: null,
      input_file: null,
      usage: null,
      output: { stamp: '2026-11-24', ino: await ino('.2026-11-24.123.abcd.tmp'), size_bytes: 12 },
    };
    await writeFile(paths.lockFile('agent'), JSON.stringify(lock));
    expect(await reapStaleLock(paths, 'agent', { ports: noTerminate })).toMatchObject({ status: 'CRASHED', output_file: null });
    // and one that named it: the record names the -2 file, not the earlier run's
    await writeFile(paths.lockFile('agent'), JSON.stringify({ ...lock, run_id: 'named-run', output: { stamp: '2026-11-24', ino: await ino('2026-11-24-2.md'), size_bytes: 9 } }));
    expect(await reapStaleLock(paths, 'agent', { ports: noTerminate })).toMatchObject({ status: 'CRASHED', output_file: 'outputs/agent/2026-11-24-2.md', output_size_bytes: 9 });
    expect(await readFile(join(dir, '2026-11-24.md'), 'utf8')).toBe('an earlier run\n');
  });
});
