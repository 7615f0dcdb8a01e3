import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoConsole, jsonl, manifest } from './tmux.js';

/** `a` in the Alerts view (issue 15): acknowledge the selected open alert, with a reason, as the CLI's `ack` does. */
const demo = demoConsole();
const open = demo.open;

/** The selected row of the alerts view (the cursor's ›). */
const selectedRow = (screen: string): string => screen.split('\n').find((line) => line.startsWith('› ')) ?? '';

describe('the alerts view: a acknowledges', () => {
  it('a asks why, refuses an empty reason, acks the selected alert: ACKED on screen, in state.json and changes.jsonl', async () => {
    const terminal = open();
    await terminal.waitFor(manifest.failed_last_night);
    terminal.keys('A');
    const before = await terminal.waitFor((s) => /^› OPEN/m.test(s));
    expect(before).toMatch(/a ack/);
    terminal.keys('a');
    const asked = await terminal.waitFor('Acknowledge ');
    const key = /Acknowledge (\S+): it stays open/.exec(asked)?.[1];
    expect(key).toBeTruthy();
    terminal.keys('Enter');
    await terminal.waitFor('a reason is required');
    terminal.type('known: fixing it tomorrow');
    terminal.keys('Enter');
    const screen = await terminal.waitFor(/Acknowledged \S+: not re-sent\. Recorded in logs\/changes\.jsonl/);
    // the row says ACKED; the selected alert's detail lines say by whom and why
    expect(selectedRow(screen)).toMatch(/^› ACKED/);
    expect(screen.replace(/\n/g, ' ')).toMatch(/acked by \S+: known: fixing it tomorrow/);
    expect(jsonl(join(demo.home, 'logs', 'changes.jsonl')).at(-1)).toMatchObject({
      action: 'ack',
      reason: 'known: fixing it tomorrow',
      source: 'console',
      after: { key },
    });
    const state = JSON.parse(readFileSync(join(demo.home, 'state.json'), 'utf8')) as { acks: Record<string, unknown> };
    expect(state.acks[key as string]).toMatchObject({ reason: 'known: fixing it tomorrow', until: null });
    // the cursor stays on the acked alert; a again ends the ack
    terminal.keys('a');
    await terminal.waitFor('End the ack of');
    terminal.keys('Enter');
    await terminal.waitFor(/is no longer acknowledged/);
    expect(jsonl(join(demo.home, 'logs', 'changes.jsonl')).at(-1)).toMatchObject({
      action: 'unack',
      source: 'console',
    });
  });

  it('--readonly: no a in the footer, and a is refused', async () => {
    const terminal = open({ args: ['--readonly'] });
    await terminal.waitFor(manifest.failed_last_night);
    terminal.keys('A');
    const screen = await terminal.waitFor((s) => /^› (OPEN|ACKED)/m.test(s));
    expect(screen).not.toMatch(/a ack/);
    terminal.keys('a');
    await terminal.waitFor(/read-only: actions are off/);
  });
});
