import { mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runAgent } from '../../src/harness/index.js';
import { expectCompleteRecord, makeHome, type TestHome } from './support/home.js';
import { portsFor, says, scriptedRunner } from './support/scripted-runner.js';

/**
 * The scope lock covers symlinks (DESIGN §2, §3 step 2): an input that is a
 * link out of its folder is refused unless the agent opts in; the record and
 * the runner get the path actually read; an outputs folder that leads out of
 * the home is refused before anything runs or is written.
 */
let home: TestHome;
let outside: string;
beforeEach(async () => {
  home = await makeHome();
  outside = await mkdtemp(join(tmpdir(), 'ns-outside-'));
  await writeFile(join(outside, 'secret.txt'), 'private key material\n');
});
afterEach(async () => {
  await home.remove();
  await rm(outside, { recursive: true, force: true });
});

const RUNNER = { kind: 'command', command: ['unused'] };

async function run(front: Record<string, unknown>) {
  await home.writeAgent('agent', { runner: RUNNER, ...front });
  const runner = scriptedRunner(says('- one\nSTATUS: OK\nEND_OF_RUN\n'));
  const ports = portsFor(runner);
  const record = await runAgent({ agent: 'agent', home: await home.open(), ports });
  const lines = await home.rawRecordLines();
  expect(expectCompleteRecord(lines.at(-1)!)).toEqual(record);
  return { record, runner, ports };
}

describe('the input', () => {
  test('a link out of its folder: UNEXPECTED_INPUT naming the target, no model, the record keeps the declared path unread', async () => {
    await mkdir(join(home.root, 'samples'));
    await symlink(join(outside, 'secret.txt'), join(home.root, 'samples', 'log.txt'));
    const { record, ports } = await run({ input: { path: 'samples/log.txt' } });
    expect(ports.created).toBe(0);
    expect(record).toMatchObject({
      status: 'UNEXPECTED_INPUT',
      llm_calls: 0,
      input_file: join(home.root, 'samples', 'log.txt'),
      input_size_bytes: null,
    });
    expect(record.reason).toContain(`is a symlink to ${join(outside, 'secret.txt')}, outside its folder`);
    expect(record.reason).toContain('input.follow_symlinks: true');
    expect(await readFile(join(home.root, record.output_file!), 'utf8')).not.toContain('private key material');
  });

  test('a link within its folder is read: runner, task and record all name the real file and its size', async () => {
    await home.writeFile('samples/log-2026-11-23.txt', 'a line\nanother line\n');
    await symlink('log-2026-11-23.txt', join(home.root, 'samples', 'latest.txt'));
    const { record, runner } = await run({ input: { path: 'samples/latest.txt' } });
    const real = join(home.root, 'samples', 'log-2026-11-23.txt');
    expect(record).toMatchObject({ status: 'OK', input_file: real, input_size_bytes: 20 });
    expect(runner.calls[0]!.inputPath).toBe(real);
    expect(runner.calls[0]!.task).toContain(`Your input file is ${real};`);
  });

  test('input.follow_symlinks: true reads through the link; the record names the target', async () => {
    await mkdir(join(home.root, 'samples'));
    await symlink(join(outside, 'secret.txt'), join(home.root, 'samples', 'log.txt'));
    const { record, runner } = await run({ input: { path: 'samples/log.txt', follow_symlinks: true } });
    expect(record).toMatchObject({ status: 'OK', input_file: join(outside, 'secret.txt'), input_size_bytes: 21 });
    expect(runner.calls[0]!.inputPath).toBe(join(outside, 'secret.txt'));
  });
});

describe('the outputs folder', () => {
  async function refusedOutput(linkName: string) {
    await home.writeFile('log.txt', 'a line\n');
    const { record, ports } = await run({ input: { path: 'log.txt' } });
    expect(ports.created).toBe(0);
    expect(record).toMatchObject({ status: 'UNEXPECTED_INPUT', llm_calls: 0, output_file: null, output_size_bytes: 0 });
    expect(record.reason).toContain(`${linkName} is a symlink to ${outside}`);
    expect(record.reason).toContain('outside the home');
    expect((await readdir(outside)).sort()).toEqual(['secret.txt']);
  }

  test('outputs/<agent> a symlink out of the home: refused, nothing written there', async () => {
    await symlink(outside, join(home.root, 'outputs', 'agent'));
    await refusedOutput('outputs/agent');
  });

  test('outputs/ itself a symlink out of the home: refused too', async () => {
    await rm(join(home.root, 'outputs'), { recursive: true });
    await symlink(outside, join(home.root, 'outputs'));
    await refusedOutput('outputs');
  });

  test('outputs/ a symlink that ends at nothing outside the home: refused', async () => {
    await rm(join(home.root, 'outputs'), { recursive: true });
    await symlink(join(outside, 'not-yet'), join(home.root, 'outputs'));
    await home.writeFile('log.txt', 'a line\n');
    const { record, ports } = await run({ input: { path: 'log.txt' } });
    expect(ports.created).toBe(0);
    expect(record.status).toBe('UNEXPECTED_INPUT');
    expect(record.reason).toContain(`outputs is a symlink to ${join(outside, 'not-yet')}`);
    expect(await readdir(outside)).toEqual(['secret.txt']);
  });

  test('a link that stays inside the home is a folder like any other; the same link turned outward is refused', async () => {
    await mkdir(join(home.root, 'archive', 'agent-outputs'), { recursive: true });
    await rename(join(home.root, 'outputs'), join(home.root, 'archive', 'outputs'));
    await symlink('archive/outputs', join(home.root, 'outputs'));
    await symlink('../agent-outputs', join(home.root, 'archive', 'outputs', 'agent'));
    await home.writeFile('log.txt', 'a line\n');
    const { record } = await run({ input: { path: 'log.txt' } });
    expect(record.status).toBe('OK');
    expect(await readdir(join(home.root, 'archive', 'agent-outputs'))).toHaveLength(1);
    await rm(join(home.root, 'archive', 'outputs', 'agent'));
    await symlink(outside, join(home.root, 'archive', 'outputs', 'agent'));
    const turned = await run({ input: { path: 'log.txt' } });
    expect(turned.record).toMatchObject({ status: 'UNEXPECTED_INPUT', output_file: null });
    expect(turned.record.reason).toContain(`outputs/agent is a symlink to ${outside}`);
  });
});
