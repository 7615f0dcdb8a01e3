import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoConsole, jsonl, manifest } from './tmux.js';

/**
 * `:` commands and `/` search in a real terminal, on a copy of the demo
 * fleet: what a k9s user types, what the screen shows, what lands in the home.
 */
const demo = demoConsole();
const open = demo.open;

interface OperatorState {
  agents: Record<string, { state: string; reason: string | null; paused_until: string | null } | undefined>;
}

function operatorState(): OperatorState {
  return JSON.parse(readFileSync(join(demo.home, 'state.json'), 'utf8')) as OperatorState;
}

/** An agent that is enabled now (not paused, disabled or invalid), other than `not`. */
function enabledAgent(not: string[] = []): string {
  const off = new Set([...manifest.paused, ...manifest.disabled, ...manifest.invalid, ...not]);
  const name = manifest.agents.find((agent) => !off.has(agent));
  if (!name) throw new Error('the demo home has no enabled agent');
  return name;
}

/** An agent's newest output that exists, and a word in it to search for. */
function outputWithWord(): { agent: string; word: string } {
  const runs = jsonl(join(demo.home, 'logs', 'runs.jsonl'));
  for (const agent of manifest.agents) {
    const newest = runs
      .filter((r) => r.agent === agent && typeof r.output_file === 'string')
      .sort((a, b) => String(b.started_at).localeCompare(String(a.started_at)))[0];
    const file = newest ? join(demo.home, String(newest.output_file)) : null;
    if (!file || !existsSync(file)) continue;
    const word = readFileSync(file, 'utf8').match(/\b[a-z]{7,}\b/)?.[0];
    if (word) return { agent, word };
  }
  throw new Error('no output in the demo home holds a word to search for');
}

describe(': command mode in a terminal', () => {
  it(':alerts shows the alerts; esc goes back to the fleet', async () => {
    const terminal = open();
    await terminal.waitFor(manifest.failed_last_night);
    terminal.type(':alerts');
    await terminal.waitFor(/^:alerts▏/m);
    terminal.keys('Enter');
    const screen = await terminal.waitFor(/Fleet › Alerts/);
    // the run that failed last night keeps its alert open on any date; the header's count is the view's
    expect(screen).toContain(manifest.failed_last_night);
    const openCount = Number(/(\d+) open alerts?/.exec(screen)?.[1]);
    expect(screen).toMatch(new RegExp(`^${openCount} open · `, 'm'));
    terminal.keys('Escape');
    await terminal.waitFor((s) => !s.includes('Fleet › Alerts') && s.includes(manifest.invalid[0] as string));
  });

  it(':pause <agent> asks why and pauses it: state.json changes; :pause <agent> 2h sets its end', async () => {
    const terminal = open();
    const agent = enabledAgent();
    await terminal.waitFor(agent);
    expect(operatorState().agents[agent]?.state ?? 'enabled').toBe('enabled');
    terminal.type(`:pau`);
    terminal.keys('Tab');
    await terminal.waitFor(/^:pause ▏/m);
    terminal.type(agent);
    terminal.keys('Enter');
    await terminal.waitFor(`Pause ${agent}: its runs are refused until it is resumed. Why?`);
    terminal.type('tmux command pause');
    terminal.keys('Enter');
    const screen = await terminal.waitFor(new RegExp(`Paused ${agent} \\(tmux command pause\\)`));
    expect(terminal.row(screen, agent)).toMatch(/paused/);
    expect(operatorState().agents[agent]).toMatchObject({ state: 'paused', reason: 'tmux command pause' });
    expect(jsonl(join(demo.home, 'logs', 'changes.jsonl')).at(-1)).toMatchObject({
      action: 'pause',
      agent,
      reason: 'tmux command pause',
      source: 'console',
    });

    const other = enabledAgent([agent]);
    const before = Date.now();
    terminal.type(`:pause ${other} 2h`);
    terminal.keys('Enter');
    await terminal.waitFor(new RegExp(`Pause ${other} until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d`));
    terminal.keys('Enter');
    await terminal.waitFor(new RegExp(`Paused ${other}\\b`));
    const until = Date.parse(operatorState().agents[other]?.paused_until ?? '');
    expect(until).toBeGreaterThanOrEqual(before + 2 * 3_600_000 - 60_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000 + 60_000);
  });

  it(':kill and :disable still confirm; an unknown agent is named as unknown', async () => {
    const terminal = open();
    await terminal.waitFor(manifest.failed_last_night);
    terminal.type(':disable nosuch');
    terminal.keys('Enter');
    await terminal.waitFor(/no agent “nosuch”\. Agents: /);
    const agent = enabledAgent();
    terminal.type(`:disable ${agent}`);
    terminal.keys('Enter');
    await terminal.waitFor(`Disable ${agent}? No run of it starts until it is enabled again. Why?`);
    terminal.keys('Escape');
    await terminal.waitFor('cancelled: nothing was changed');
  });

  it('--readonly: a command action is refused and tab offers none', async () => {
    const terminal = open({ args: ['--readonly'] });
    await terminal.waitFor(manifest.failed_last_night);
    terminal.type(':');
    terminal.keys('Tab');
    const listed = await terminal.waitFor(/^:▏ +fleet +alerts/m);
    const line = listed.split('\n').find((l) => l.startsWith(':▏')) ?? '';
    for (const action of ['run', 'pause', 'resume', 'disable', 'enable', 'kill', 'edit', 'stop-all'])
      expect(line.split(/\s+/), action).not.toContain(action);
    terminal.keys('Escape');
    terminal.type(`:pause ${manifest.failed_last_night}`);
    terminal.keys('Enter');
    await terminal.waitFor(/read-only: actions are off/);
  });
});

describe('/ search in a terminal', () => {
  it('finds a word in a run’s output: highlighted, "match 1/N", n moves on', async () => {
    const { agent, word } = outputWithWord();
    const terminal = open();
    await terminal.waitFor(agent);
    terminal.type(`:${agent}`);
    terminal.keys('Enter');
    await terminal.waitFor(/Runs \(\d+\)/);
    terminal.keys('Tab'); // the last output panel
    terminal.keys('o');
    await terminal.waitFor(new RegExp(`${agent} · last output`));
    terminal.keys('/');
    terminal.type(word);
    await terminal.waitFor(`search / ${word}`);
    terminal.keys('Enter');
    const screen = await terminal.waitFor(new RegExp(`match 1/(\\d+) for “${word}”`));
    const total = Number(new RegExp(`match 1/(\\d+) for “${word}”`).exec(screen)?.[1]);
    expect(screen).toMatch(new RegExp(`▶.*${word}`, 'i'));
    terminal.keys('n');
    await terminal.waitFor(new RegExp(`match ${total > 1 ? 2 : 1}/${total} for “${word}”`));
    terminal.keys('/');
    terminal.type('qqzzqq');
    terminal.keys('Enter');
    await terminal.waitFor('no match for “qqzzqq”');
  });
});
