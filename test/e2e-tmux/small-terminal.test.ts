import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoConsole, FLEET, jsonl, manifest, Terminal } from './tmux.js';

/**
 * Issue 15, point 3, in a real 80×24 terminal on a copy of the demo fleet:
 * the kill switches and the owner in sight, the month's spend against the
 * budget, an alerts column that says so, the review's scroll position, and B
 * from an agent's view straight to its runbook. The keystrokes the operator's
 * two questions take at this size are the ones this test types.
 */
const demo = demoConsole({ cols: 80, rows: 24 });
const open = (args: string[] = []): Terminal => demo.open({ args });

function field(agent: string, pattern: RegExp): string {
  const match = pattern.exec(readFileSync(join(demo.home, 'agents', `${agent}.md`), 'utf8'));
  if (!match?.[1]) throw new Error(`agents/${agent}.md has no ${String(pattern)}`);
  return match[1];
}

/** The footer: the last two lines of the frame (the frame ends one line short of the bottom). */
function footer(screen: string): string {
  return screen.split('\n').slice(21, 23).join('\n');
}

describe('the console at 80×24', () => {
  it('fleet: owner, spend against budget and ALERTS columns; the kill switches in the footer; every line fits', async () => {
    const terminal = open();
    const screen = await terminal.waitFor((s) => manifest.agents.every((agent) => s.includes(agent)));
    const lines = screen.split('\n');
    expect(lines[23]).toBe('');
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(80);
    expect(screen).toMatch(/STATE +AGENT +OWNER +NEXT +LAST +BUDGET +ALERTS/);
    const agent = manifest.drifting_cost;
    const owner = field(agent, /^owner: *(\S+)/m);
    const budget = field(agent, /^ {2}monthly_usd: *(\d+)/m);
    // what it spent depends on the day of the month the demo is opened on ($0 on the 1st); the budget does not
    expect(terminal.row(screen, agent)).toMatch(new RegExp(`${agent} +${owner} .* \\$[\\d.]+/\\$${budget}\\b`));
    // the run that failed last night keeps an alert open whatever the date: the ALERTS column counts it
    expect(terminal.row(screen, manifest.failed_last_night)).toMatch(/ !\d+\s*$/);
    const keys = footer(screen);
    for (const key of [
      /\? more keys/,
      /\bp pause\b/,
      /\bd disable\b/,
      /\bx kill\b/,
      /\bS stop all\b/,
      /\benter open\b/,
    ])
      expect(keys).toMatch(key);
  });

  it('agent view: the kill switches stay; B opens its runbook, esc comes back', async () => {
    const terminal = open();
    const agent = manifest.failed_last_night;
    await terminal.waitFor(agent);
    await terminal.filterTo(agent);
    terminal.keys('Enter');
    const view = await terminal.waitFor(/Runs \(\d+\)/);
    expect(footer(view)).toMatch(/x kill[\s\S]*S stop all[\s\S]*B runbook/);
    terminal.keys('B');
    const runbook = await terminal.waitFor(/What it does:/);
    expect(runbook).toContain(`runbooks/${agent}.md`);
    expect(runbook).toMatch(/Stop it now/);
    terminal.keys('Escape');
    await terminal.waitFor(/Runs \(\d+\)/);
    // v: the agent file, its definition and prompt
    terminal.keys('v');
    const file = await terminal.waitFor(new RegExp(`^name: ${agent}$`, 'm'));
    expect(file).toContain(`agents/${agent}.md`);
    expect(file).toMatch(/^owner: \S+$/m);
    terminal.keys('Escape');
    await terminal.waitFor(/Runs \(\d+\)/);
    terminal.keys('Escape');
    await terminal.waitFor(FLEET);
  });

  it('review: the output pane says where it is and that more is below; G reaches the end', async () => {
    const terminal = open();
    await terminal.waitFor(manifest.failed_last_night);
    terminal.keys('R');
    const total = manifest.agents.length + 1; // + slow-poke
    let screen = await terminal.waitFor(new RegExp(`agent 1 of ${total}\\b`));
    // walk (without marking) to the first agent whose drawn output is longer than the pane; the output is read after
    // the agent shows: wait until it is on screen (no "reading…" left) before judging
    const settled = (i: number) =>
      terminal.waitFor((s) => new RegExp(`agent ${i} of ${total}\\b`).test(s) && !s.includes('reading…'));
    screen = await settled(1);
    for (let i = 2; i <= total && !/more below/.test(screen); i++) {
      terminal.keys('l');
      screen = await settled(i);
    }
    expect(screen).toMatch(/── lines 1–\d+ of \d+ · ▼ \d+ more below \(j\/↓ scrolls, space pages\) ──/);
    terminal.keys('G');
    screen = await terminal.waitFor(/── lines \d+–(\d+) of \1 · end \(g: top\) ──/);
    for (const line of screen.split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(80);
    terminal.keys('Escape');
    await terminal.waitFor(FLEET);
  });

  it('--readonly: no action in the footer on either line, and still the ? hint', async () => {
    const terminal = open(['--readonly']);
    const screen = await terminal.waitFor((s) => manifest.agents.every((agent) => s.includes(agent)));
    expect(screen).toMatch(/READ-ONLY/);
    expect(footer(screen)).toMatch(/\? (help|more keys)/);
    expect(footer(screen)).not.toMatch(/\b(r run|p pause|d disable|x kill|e edit|S stop all)\b/);
    expect(screen).toMatch(/STATE +AGENT +OWNER +NEXT +LAST +BUDGET +ALERTS/);
  });

  it('"who owns it and how do I stop it", then "stop everything", with the keys the footer shows', async () => {
    const terminal = open();
    await terminal.waitFor('slow-poke');
    // who owns it: / name enter puts the cursor on its row, OWNER is on it
    await terminal.filterTo('slow-poke');
    let screen = terminal.screen();
    expect(terminal.row(screen, 'slow-poke')).toMatch(/slow-poke +test /);
    terminal.keys('r', 'Enter'); // something in flight to stop
    await terminal.waitFor((s) => /▶ \d/.test(terminal.row(s, 'slow-poke')));
    // how do I stop it: x, a reason, enter (d would disable it for good, p pause it)
    terminal.keys('x');
    await terminal.waitFor('Kill the run of slow-poke in flight');
    terminal.type('80x24 drill');
    terminal.keys('Enter');
    screen = await terminal.waitFor(/Killed the run of slow-poke/);
    expect(jsonl(join(demo.home, 'logs', 'changes.jsonl')).at(-1)).toMatchObject({
      action: 'kill',
      agent: 'slow-poke',
    });
    // stop everything: S, type STOP, enter, a reason, enter
    terminal.keys('Escape', 'S');
    await terminal.waitFor('Type STOP to confirm');
    terminal.type('STOP');
    terminal.keys('Enter');
    await terminal.waitFor('Stopping everything. Why?');
    terminal.type('80x24 stop drill');
    terminal.keys('Enter');
    // the settled frame: a capture can land while ink is still redrawing (a busy machine), so the last row is waited
    // for too; a frame that stayed one row too tall would time out here
    screen = await terminal.waitFor((s) => /GLOBAL STOP since .* 80x24 stop drill/.test(s) && s.split('\n')[23] === '');
    for (const line of screen.split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(80);
  });
});
