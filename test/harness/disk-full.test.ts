import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runLockSchema } from '../../src/harness/lock.js';
import { runRecordSchema } from '../../src/journal/records.js';
import { cli, type Ran } from '../support/cli.js';
import { fillUp, mountTmpfs, PAGE, tmpfsAvailable, unmount } from '../support/tmpfs.js';
import { makeHome, nodeAgent, type TestHome } from './support/home.js';

/**
 * The built CLI on a disk that fills up (a real tmpfs): a clear error naming
 * the file, "no space left on device" and what was kept, exit 3; never a
 * stack trace, never half a record, never an output without a record that
 * names it.
 */
const canMount = tmpfsAvailable('the disk-full tests of the CLI');

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const print = (text: string) => nodeAgent(`process.stdout.write(${JSON.stringify(text)})`);

function expectClearDiskError(ran: Ran, file: string): void {
  expect(ran.code).toBe(3);
  expect(ran.stderr).toContain(file);
  expect(ran.stderr).toContain('no space left on device');
  expect(ran.stderr).not.toContain('internal error');
  expect(ran.stderr).not.toMatch(/\n\s+at /); // no stack
}

/** `nightshift init` on a tmpfs of its own (512 KiB), unmounted and removed after the test. */
async function initOnTmpfs(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ns-full-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  mountTmpfs(root, 512);
  cleanups.push(() => unmount(root));
  expect((await cli(['init', '--home', root])).code).toBe(0);
  return root;
}

function runLines(root: string): string[] {
  const file = join(root, 'logs', 'runs.jsonl');
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.length > 0)
    : [];
}

test('nightshift --help lists exit code 3 for a file that cannot be written (disk full)', async () => {
  const help = await cli(['--help']);
  expect(help.stdout).toMatch(/\n {2}3 {3}[^\n]*\n[^\n]*no space left on device/);
});

describe.skipIf(!canMount)('a full disk', () => {
  test(
    'logs/ full: the run exits 3 saying so and keeps its output and lock; with space back, the next look records ' +
      'it once as CRASHED naming the output',
    async () => {
      const home: TestHome = await makeHome();
      cleanups.push(() => home.remove());
      const logs = join(home.root, 'logs');
      mountTmpfs(logs, 32);
      cleanups.push(() => unmount(logs));
      const journal = join(logs, 'runs.jsonl');
      // the journal's last page has 100 bytes left: the record straddles it and the write stops short
      const pad = `${JSON.stringify({ v: 1, pad: 'x'.repeat(PAGE - 100 - '{"v":1,"pad":""}\n'.length) })}\n`;
      writeFileSync(journal, pad);
      await home.writeAgent('agent', print('- a\nSTATUS: OK\nEND_OF_RUN\n'));
      fillUp(logs, join(logs, 'fill'));

      const ran = await cli(['run', 'agent', '--home', home.root]);
      expectClearDiskError(ran, journal);
      expect(ran.stderr).toContain('cut off again, so the journal is back to its 3996 bytes');
      const outputs = readdirSync(join(home.root, 'outputs', 'agent'));
      expect(outputs).toHaveLength(1);
      const output = `outputs/agent/${outputs[0]}`;
      expect(ran.stderr).toContain(`Kept: its output ${output} and its lock run/agent.lock`);
      expect(readFileSync(journal, 'utf8')).toBe(pad);
      const lock = runLockSchema.parse(JSON.parse(readFileSync(join(home.root, 'run', 'agent.lock'), 'utf8')));
      expect(lock.output).not.toBeNull();

      // a look while the disk is still full: the fleet is still shown, the agent as ERROR saying why, and
      // the lock stays
      const look = await cli(['status', '--home', home.root]);
      expect(look.code).toBe(0);
      expect(look.stdout).toMatch(/^error +agent /m);
      expect(look.stdout).toContain(
        `ERROR agent: could not work out its run in flight (run/agent.lock): ${journal}: no space left on device`,
      );
      expect(look.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(existsSync(join(home.root, 'run', 'agent.lock'))).toBe(true);

      rmSync(join(logs, 'fill'));
      const check = await cli(['check', '--home', home.root]);
      expect(check.stderr).not.toContain('internal error');
      expect(existsSync(join(home.root, 'run', 'agent.lock'))).toBe(false);
      await cli(['check', '--home', home.root]);
      const records = runLines(home.root)
        .slice(1)
        .map((line) => runRecordSchema.parse(JSON.parse(line)));
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        run_id: lock.run_id,
        status: 'CRASHED',
        output_file: output,
        output_size_bytes: readFileSync(join(home.root, output)).length,
      });
    },
  );

  test('the whole home full: every command that must write says which file, "no space left on device" and exits 3; nothing is half-written', async () => {
    const root = await initOnTmpfs();
    const agent = 'nightly-summarizer';
    expect((await cli(['run', agent, '--home', root])).code).toBe(0);
    expect((await cli(['pause', agent, '--reason', 'a first change', '--home', root])).code).toBe(0);
    expect((await cli(['resume', agent, '--home', root])).code).toBe(0);
    const state = readFileSync(join(root, 'state.json'), 'utf8');
    const changes = readFileSync(join(root, 'logs', 'changes.jsonl'), 'utf8');
    const records = runLines(root);
    fillUp(root, join(root, 'fill'));

    expectClearDiskError(
      await cli(['pause', agent, '--reason', 'disk full', '--home', root]),
      join(root, 'state.json'),
    );
    expect(readFileSync(join(root, 'state.json'), 'utf8')).toBe(state);
    expect(readFileSync(join(root, 'logs', 'changes.jsonl'), 'utf8')).toBe(changes);

    expect(existsSync(join(root, 'logs', 'reviews.jsonl'))).toBe(false);
    expectClearDiskError(
      await cli(['review', 'mark', agent, '--note', 'fine', '--home', root]),
      join(root, 'logs', 'reviews.jsonl'),
    );
    expect(readFileSync(join(root, 'logs', 'reviews.jsonl'), 'utf8')).toBe('');

    const run = await cli(['run', agent, '--home', root]);
    expectClearDiskError(run, join(root, 'run', `${agent}.lock`));
    expect(runLines(root)).toEqual(records);
    expect(readdirSync(join(root, 'run')).filter((name) => !name.endsWith('.cache.json'))).toEqual([]);
  });

  test('the output is written but its lock cannot learn of it: nothing is published, and the run is recorded RUNNER_FAILED', async () => {
    const root = await initOnTmpfs();
    // an earlier run: the journal's last page has room for the next record
    expect((await cli(['run', 'nightly-summarizer', '--home', root])).code).toBe(0);
    const fills =
      `const fs = require('fs'); const s = fs.statfsSync(${JSON.stringify(root)}); ` +
      `fs.writeFileSync(${JSON.stringify(join(root, 'fill'))}, ` +
      'Buffer.alloc((Math.min(s.bavail, s.bfree) - 1) * s.bsize));';
    const command = [process.execPath, '-e', `${fills} console.log('- done\\nSTATUS: OK\\nEND_OF_RUN')`];
    writeFileSync(
      join(root, 'agents', 'filler.md'),
      '---\nname: filler\ndescription: fills the disk to its last page, then reports\nowner: test\nrunner:\n' +
        `  kind: command\n  command: ${JSON.stringify(command)}\n---\nFill the disk.\n`,
    );

    const ran = await cli(['run', 'filler', '--home', root, '--json']);
    expect(ran.stderr).not.toContain('internal error');
    expect(ran.code).toBe(6);
    const record = runRecordSchema.parse(JSON.parse(ran.stdout));
    expect(record).toMatchObject({ status: 'RUNNER_FAILED', output_file: null });
    expect(record.reason).toContain('the harness could not write to disk');
    expect(record.reason).toContain('no space left on device');
    expect(JSON.parse(runLines(root).at(-1)!)).toEqual(JSON.parse(ran.stdout));
    expect(readdirSync(join(root, 'outputs', 'filler'))).toEqual([]); // no output, no temp file
    expect(existsSync(join(root, 'run', 'filler.lock'))).toBe(false);
  });
});
