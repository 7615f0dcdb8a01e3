import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_CLAUDE } from '../support/runner-harness.js';
import { BIN, demoHome, ensureTmux, Terminal } from './tmux.js';

/**
 * f in a real terminal (issue 15 §3): a slow run of the fake claude (the real
 * stream format, a line every 1.2 s) started with r, followed from the fleet;
 * its tool call shows with the input redacted, then how it ended.
 */
const SECRET = 'tmux-live-secret-0123456789';
const AGENT = `---
name: live-one
description: A claude agent played by the fake claude, slowly.
tools: Read
owner: test
runner:
  kind: claude
  executable: ${FAKE_CLAUDE}
  model: claude-sonnet-4-5
limits:
  time: 2m
  calls: 5
  cost_usd: 0.5
  output_bytes: 10KB
---
Summarize.
`;

let home: string;
const terminals: Terminal[] = [];

beforeAll(async () => {
  ensureTmux();
  home = await demoHome();
  writeFileSync(join(home, 'agents', 'live-one.md'), AGENT, { mode: 0o600 });
}, 180_000);

afterEach(() => {
  for (const terminal of terminals.splice(0)) terminal.kill();
});

describe('the live view in a terminal', () => {
  it('r then f: the run in flight, its tool call (input redacted), the gauges, then "run ended: OK"', async () => {
    const terminal = new Terminal(home, {
      cols: 120,
      rows: 30,
      env: {
        FAKE_CLAUDE_DELAY_MS: '1200',
        // no single quote in a value: tmux.ts quotes them with it
        FAKE_CLAUDE_TOOL_INPUT: JSON.stringify({ command: `curl -H Authorization:${SECRET} https://x.invalid` }),
        LIVE_TEST_TOKEN: SECRET,
      },
    }).start();
    terminals.push(terminal);
    await terminal.waitFor('live-one');
    terminal.keys('/');
    terminal.type('live-one');
    terminal.keys('Enter');
    await terminal.waitFor((s) => terminal.row(s, 'live-one').startsWith('›'));
    terminal.keys('r');
    await terminal.waitFor('Run live-one now');
    terminal.keys('Enter');
    await terminal.waitFor((s) => /▶ \d/.test(terminal.row(s, 'live-one')));
    terminal.keys('f');
    let screen = await terminal.waitFor('following live-one');
    expect(screen).toMatch(/nightshift Fleet › live live-one/);
    screen = await terminal.waitFor(/tool {2}#1 {2}Read/, 20_000);
    if (process.env.SHOW_SCREEN) console.log(screen);
    expect(screen).toContain('[redacted:LIVE_TEST_TOKEN]');
    expect(screen).not.toContain(SECRET);
    expect(screen).toMatch(/model #1/);
    expect(screen).toMatch(/calls .* \d \/ 5/);
    expect(screen).toMatch(/cost .* \/ \$0\.50/);
    expect(screen).toMatch(/time .* \/ 2m00s/);
    screen = await terminal.waitFor('run ended: OK', 30_000);
    if (process.env.SHOW_SCREEN) console.log(screen);
    expect(existsSync(join(home, 'run', 'live-one.live.jsonl'))).toBe(false);
    terminal.keys('Escape');
    await terminal.waitFor(/nightshift Fleet {2}/);
  }, 90_000);

  it('--readonly: f follows a run started elsewhere (as cron would), the agent view too', async () => {
    const run = spawn(process.execPath, [BIN, 'run', 'live-one', '--home', home], {
      env: { ...process.env, FAKE_CLAUDE_DELAY_MS: '1000' },
      stdio: 'ignore',
    });
    const ended = new Promise((resolve) => run.on('exit', resolve));
    try {
      const terminal = new Terminal(home, { cols: 120, rows: 30, args: ['--readonly'] }).start();
      terminals.push(terminal);
      await terminal.waitFor('READ-ONLY');
      terminal.keys('/');
      terminal.type('live-one');
      terminal.keys('Enter');
      await terminal.waitFor((s) => /▶ \d/.test(terminal.row(s, 'live-one')), 20_000);
      terminal.keys('Enter'); // the agent view
      await terminal.waitFor(/nightshift Fleet › live-one/);
      terminal.keys('f');
      await terminal.waitFor('following live-one');
      await terminal.waitFor(/tool {2}#1 {2}Read {2}\{"file_path":/, 20_000);
      await terminal.waitFor('run ended: OK', 30_000);
    } finally {
      await ended;
    }
  }, 90_000);
});
