import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadAgents } from '../../src/agents/index.js';
import { runAgent } from '../../src/harness/index.js';
import { SAMPLE_LOG } from '../../src/home/templates/example-agent.js';
import { cli } from '../support/cli.js';
import { FAKE_CLAUDE } from '../support/runner-harness.js';
import { expectCompleteRecord, makeHome, type TestHome } from './support/home.js';
import { portsFor, says, scriptedRunner } from './support/scripted-runner.js';

/**
 * Read-only first, enforced by the harness (DESIGN §2, §3 step 1): an agent
 * that asks for write or network tools, or a permission mode that stops
 * asking, without declaring it is invalid for validate and doctor, and `run`
 * refuses it on the record, with no model started — whatever said it was
 * valid before (an earlier validate, the parse cache).
 */
let home: TestHome;
beforeEach(async () => {
  home = await makeHome();
  await home.writeFile('log.txt', SAMPLE_LOG);
});
afterEach(async () => home.remove());

const CLAUDE = { kind: 'claude', executable: FAKE_CLAUDE, model: 'claude-sonnet-4-5' };

async function refusedInProcess(front: Record<string, unknown>) {
  await home.writeAgent('agent', {
    input: { path: 'log.txt' },
    runner: { kind: 'command', command: ['unused'] },
    ...front,
  });
  const ports = portsFor(scriptedRunner(says('STATUS: OK\nEND_OF_RUN\n')));
  const notes: string[] = [];
  const record = await runAgent({ agent: 'agent', home: await home.open(), ports, onNote: (n) => notes.push(n) });
  const lines = await home.rawRecordLines();
  expect(lines).toHaveLength(1);
  expect(expectCompleteRecord(lines[0]!)).toEqual(record);
  expect(ports.created).toBe(0);
  expect(record).toMatchObject({
    status: 'SKIPPED',
    llm_calls: 0,
    cost_usd: 0,
    output_file: null,
    input_file: null,
    exit_code: null,
  });
  expect(await readdir(join(home.root, 'outputs'))).toEqual([]);
  expect(notes.join('\n')).toContain('refused');
  return record;
}

describe('run refuses, on the record, what the file does not declare', () => {
  test.each([
    [{ tools: 'Read, Bash' }, 'tools: Bash is not read-only'],
    [{ tools: 'Read, Bash(git log *)' }, 'tools: Bash(git log *) is not read-only'],
    [{ tools: ['Read', 'mcp__github__create_issue'] }, 'tools: mcp__github__create_issue is not read-only'],
    [{ tools: 'Read, WebFetch', writes: true }, 'tools: WebFetch reaches the network, and network: true is not set'],
    [
      { tools: 'Read', runner: { ...CLAUDE, permission_mode: 'bypassPermissions' } },
      'runner.permission_mode: "bypassPermissions" lets claude use tools without asking',
    ],
    [{ tools: 'Read', runner: { ...CLAUDE, permission_mode: 'acceptEdits' } }, 'runner.permission_mode: "acceptEdits"'],
  ])('%j', async (front, named) => {
    const record = await refusedInProcess(front);
    expect(record.reason).toMatch(/^invalid: agents\/agent\.md: /);
    expect(record.reason).toContain(named);
  });

  test('after a validate that passed, the file changed to Bash: refused all the same', async () => {
    await home.writeAgent('agent', {
      tools: 'Read',
      input: { path: 'log.txt' },
      runner: { kind: 'command', command: ['unused'] },
    });
    const opened = await home.open();
    const [before] = await loadAgents(opened.paths.agents, opened.defaults, opened.paths.agentsCache);
    expect(before?.ok).toBe(true);
    const record = await refusedInProcess({ tools: 'Read, Bash' });
    expect(record.reason).toContain('Bash');
  });

  test('declared, it runs: writes: true for Bash, network: true for WebFetch', async () => {
    await home.writeAgent('agent', {
      tools: 'Read, Bash, WebFetch',
      writes: true,
      network: true,
      runner: { kind: 'command', command: ['unused'] },
    });
    const ports = portsFor(scriptedRunner(says('- a\nSTATUS: OK\nEND_OF_RUN\n')));
    const record = await runAgent({ agent: 'agent', home: await home.open(), ports });
    expect(record.status).toBe('OK');
    expect(ports.created).toBe(1);
  });
});

describe('from the command line, with the claude runner', () => {
  test('validate and doctor name the tool and the fix; run exits 5 and claude is never started', async () => {
    const argsFile = join(home.root, 'claude-args.json');
    await home.writeAgent('agent', { tools: 'Read, Bash', input: { path: 'log.txt' }, runner: CLAUDE });
    const validated = await cli(['validate', '--home', home.root]);
    expect(validated.code).toBe(1);
    expect(validated.stdout).toContain('agents/agent.md: tools: Bash is not read-only');
    expect(validated.stdout).toContain('writes: true');
    const doctor = await cli(['doctor', '--home', home.root]);
    expect(doctor.code).not.toBe(0);
    expect(doctor.stdout).toContain('tools: Bash is not read-only');
    const ran = await cli(['run', 'agent', '--home', home.root], { env: { FAKE_CLAUDE_ARGS_FILE: argsFile } });
    expect(ran.code).toBe(5);
    expect(ran.stdout).toMatch(/^SKIPPED agent .* — invalid: agents\/agent\.md: tools: Bash is not read-only/);
    expect(existsSync(argsFile)).toBe(false);
    expect((await home.records()).map((r) => r.status)).toEqual(['SKIPPED']);
  });

  test('read-only, the same agent runs, and claude gets only the declared tools in dontAsk mode', async () => {
    const argsFile = join(home.root, 'claude-args.json');
    await home.writeAgent('agent', { tools: 'Read, Grep', input: { path: 'log.txt' }, runner: CLAUDE });
    expect((await cli(['validate', '--home', home.root])).code).toBe(0);
    await home.writeAgent('agent', {
      tools: 'Read, Grep',
      permissionMode: 'bypassPermissions',
      input: { path: 'log.txt' },
      runner: CLAUDE,
    });
    const refused = await cli(['run', 'agent', '--home', home.root], { env: { FAKE_CLAUDE_ARGS_FILE: argsFile } });
    expect(refused.code).toBe(5);
    expect(existsSync(argsFile)).toBe(false);
    await home.writeAgent('agent', { tools: 'Read, Grep', input: { path: 'log.txt' }, runner: CLAUDE });
    const ran = await cli(['run', 'agent', '--home', home.root], { env: { FAKE_CLAUDE_ARGS_FILE: argsFile } });
    expect(ran.code).toBe(0);
    const args = JSON.parse(await readFile(argsFile, 'utf8')) as { flags: Record<string, unknown> };
    expect(args.flags['--permission-mode']).toBe('dontAsk');
  });

  test('a parse cache that says otherwise is not believed: the harness applies the rule to the definition it would run', async () => {
    const argsFile = join(home.root, 'claude-args.json');
    await home.writeAgent('agent', { tools: 'Read, Bash', writes: true, input: { path: 'log.txt' }, runner: CLAUDE });
    expect((await cli(['validate', '--home', home.root])).code).toBe(0);
    // the cached definition (run/agents.cache.json), tampered with: Bash, and writes false
    const cacheFile = (await home.open()).paths.agentsCache;
    const cache = await readFile(cacheFile, 'utf8');
    expect(cache).toContain('"writes":true');
    await writeFile(cacheFile, cache.replaceAll('"writes":true', '"writes":false'));
    const ran = await cli(['run', 'agent', '--home', home.root], { env: { FAKE_CLAUDE_ARGS_FILE: argsFile } });
    expect(ran.code).toBe(5);
    expect(ran.stdout).toContain('tools: Bash is not read-only');
    expect(existsSync(argsFile)).toBe(false);
  });
});
