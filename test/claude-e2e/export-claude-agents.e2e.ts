import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type MockServer, startMockServer } from '../support/mock-model-server.js';
import { installRealClaude, type RealClaude, realClaudeEnv } from '../support/real-claude.js';

/**
 * `nightshift export claude-agents` against the REAL Claude Code 2.1.330: the JSON it prints is what
 * `claude --agents` takes (as an argument, and with -p as a file), and a session run as an exported agent
 * (`--agent <name>`) sends the agent's prompt, tools and model to the model server (the mock on 127.0.0.1).
 */
const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/nightshift.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ns-export-real-claude-'));
const home = join(dir, 'home');
let claude: RealClaude;
let server: MockServer;
let exported: string;

const REVIEWER = `---
name: reviewer
description: Reviews the day's log for anomalies.
model: claude-haiku-4-5
tools: Read, Grep
maxTurns: 3
---
# Identity
You are the reviewer 5b1e. Report anomalies.
STATUS: OK
END_OF_RUN
`;

beforeAll(async () => {
  claude = await installRealClaude();
  server = await startMockServer();
  await run(process.execPath, [BIN, '--home', home, 'init']);
  writeFileSync(join(home, 'agents', 'reviewer.md'), REVIEWER);
  exported = (await run(process.execPath, [BIN, '--home', home, 'export', 'claude-agents'])).stdout;
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function claudeWith(args: string[], cwd = dir): Promise<{ lines: any[]; stderr: string }> {
  server.reset();
  const env = realClaudeEnv({ home: join(dir, 'user'), baseUrl: server.anthropicBaseUrl('normal') });
  const { stdout, stderr } = await run(
    claude.bin,
    ['-p', 'Go.', '--output-format', 'stream-json', '--verbose', '--max-turns', '3', ...args],
    { cwd, env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
  );
  return {
    lines: stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line)),
    stderr,
  };
}

describe('nightshift export claude-agents with the real claude --agents', () => {
  test('the exported JSON is accepted: both agents are listed in the session', async () => {
    const { lines } = await claudeWith(['--agents', exported]);
    const init = lines.find((line) => line.type === 'system' && line.subtype === 'init');
    expect(init.agents).toEqual(expect.arrayContaining(['nightly-summarizer', 'reviewer']));
    expect(lines.at(-1)).toMatchObject({ type: 'result', is_error: false });
  });

  test('with -p the file form is accepted too', async () => {
    const file = join(dir, 'agents.json');
    writeFileSync(file, exported);
    const { lines } = await claudeWith(['--agents', file]);
    const init = lines.find((line) => line.type === 'system' && line.subtype === 'init');
    expect(init.agents).toEqual(expect.arrayContaining(['nightly-summarizer', 'reviewer']));
  });

  test('a session run as the exported agent sends its prompt, its tools and its model', async () => {
    await claudeWith(['--agents', exported, '--agent', 'reviewer']);
    const call = server.requests.find((request) => request.api === 'anthropic');
    expect(call?.body.model).toMatch(/^claude-haiku-4-5/);
    expect(JSON.stringify(call?.body.system)).toContain('You are the reviewer 5b1e');
    const tools = (call?.body.tools as Array<{ name: string }>).map((tool) => tool.name).sort();
    expect(tools).toEqual(['Grep', 'Read']);
  });

  test('the agent file itself, copied into .claude/agents/, is listed as a subagent (its own keys passed by)', async () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, '.claude', 'agents'), { recursive: true });
    copyFileSync(
      join(home, 'agents', 'nightly-summarizer.md'),
      join(project, '.claude', 'agents', 'nightly-summarizer.md'),
    );
    const { lines } = await claudeWith([], project);
    const init = lines.find((line) => line.type === 'system' && line.subtype === 'init');
    expect(init.agents).toContain('nightly-summarizer');
  });

  test('the agent file itself is no --agents argument (it takes JSON): the claim README no longer makes', async () => {
    const failed = await claudeWith(['--agents', REVIEWER]).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failed?.code).not.toBe(0);
  });
});
