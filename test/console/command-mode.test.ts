import { describe, expect, it } from 'vitest';
import { modeOf, reduce, topView } from '../../src/console/state.js';
import { READ_ONLY_MESSAGE } from '../../src/console/state/ops.js';
import { helpLines } from '../../src/console/selectors/help.js';
import { messageLine, plainText } from '../../src/console/selectors.js';
import type { ConsoleState } from '../../src/console/state/types.js';
import { loaded, NOW, press, sampleFleet, snapshot } from './support.js';

/** `:` in the console: the same prompts and effects as the keys, by name. */
function command(state: ConsoleState, text: string, ...then: string[]): ConsoleState {
  return press(state, ':', ...Array.from(text), ...then);
}

describe(': command mode', () => {
  it('opens a one-line prompt that types every letter as text; esc leaves it', () => {
    const open = press(loaded(), ':', 'q', 'j', 'p');
    expect(modeOf(open)).toBe('command');
    expect(open.overlay).toMatchObject({ kind: 'command', text: 'qjp' });
    expect(plainText(messageLine(open))).toMatch(/^:qjp▏/);
    const left = press(open, 'esc');
    expect(left.overlay).toBeNull();
    expect(left.pending).toEqual([]);
    expect(left.quitting).toBe(false);
  });

  it(':alerts, :costs, :review, :runbooks, :help open the views as their keys do; :fleet goes home', () => {
    for (const [name, kind, effect] of [
      ['alerts', 'alerts', 'load-alerts'],
      ['costs', 'costs', 'load-costs'],
      ['review', 'review', 'load-review'],
      ['runbooks', 'runbooks', 'load-runbooks'],
    ] as const) {
      const state = command(loaded(), name, 'enter');
      expect(topView(state).kind, name).toBe(kind);
      expect(state.pending, name).toEqual([{ kind: effect }]);
      expect(state.overlay).toBeNull();
    }
    expect(topView(command(loaded(), 'help', 'enter')).kind).toBe('help');
    const deep = command(press(loaded(), 'enter', 'A'), 'fleet', 'enter');
    expect(deep.stack).toEqual([{ kind: 'fleet' }]);
  });

  it(':<agent> and :agent <agent> open its view; :runbook <name> reads it, esc goes back to the list', () => {
    expect(topView(command(loaded(), 'bravo', 'enter'))).toMatchObject({ kind: 'agent', agent: 'bravo' });
    expect(topView(command(loaded(), 'agent echo', 'enter'))).toMatchObject({ kind: 'agent', agent: 'echo' });
    const runbook = command(loaded(), 'runbook alpha', 'enter');
    expect(topView(runbook)).toMatchObject({ kind: 'runbook', name: 'alpha' });
    expect(runbook.pending).toContainEqual({ kind: 'load-text', file: 'runbooks/alpha.md' });
    expect(topView(press(runbook, 'esc')).kind).toBe('runbooks');
  });

  it(':pause <agent> asks why, as p does, and becomes the same effect', () => {
    const asked = command(loaded(), 'pause bravo', 'enter');
    expect(modeOf(asked)).toBe('prompt');
    expect(asked.overlay).toMatchObject({ purpose: { kind: 'switch', action: 'pause', agent: 'bravo' } });
    expect(press(asked, 'w', 'h', 'y', 'enter').pending).toEqual([
      { kind: 'switch', action: 'pause', agent: 'bravo', reason: 'why' },
    ]);
    // the same prompt p opens on bravo
    expect(asked.overlay).toEqual(press(loaded(), 'j', 'p').overlay);
  });

  it(':pause <agent> 2h asks why and pauses until then', () => {
    const asked = command(loaded(), 'pause bravo 2h', 'enter');
    expect(asked.overlay).toMatchObject({ title: expect.stringContaining('Pause bravo until 2026-11-23 10:30') });
    expect(press(asked, 'enter').pending).toEqual([
      {
        kind: 'switch',
        action: 'pause',
        agent: 'bravo',
        reason: null,
        until: new Date(NOW + 2 * 3_600_000).toISOString(),
      },
    ]);
  });

  it('dangerous commands still confirm: :disable, :kill, :stop-all', () => {
    expect(modeOf(command(loaded(), 'disable alpha', 'enter'))).toBe('confirm');
    const kill = command(loaded(), 'kill echo', 'enter');
    expect(modeOf(kill)).toBe('confirm');
    expect(press(kill, 'enter').pending).toEqual([{ kind: 'kill', agent: 'echo', reason: null }]);
    const stop = command(loaded(), 'stop-all', 'enter');
    expect(stop.overlay).toMatchObject({ danger: true, word: 'STOP' });
    expect(press(stop, 'enter').pending).toEqual([]);
  });

  it('a command says which way: :resume on an enabled agent, :pause on a paused one, :enable on an enabled one change nothing', () => {
    expect(command(loaded(), 'resume alpha', 'enter').flash?.text).toBe('alpha is not paused (it is enabled)');
    expect(command(loaded(), 'pause charlie', 'enter').flash?.text).toBe(
      'charlie is paused already: :resume charlie resumes it',
    );
    expect(command(loaded(), 'resume charlie', 'enter').overlay).toMatchObject({
      purpose: { action: 'resume', agent: 'charlie' },
    });
    expect(command(loaded(), 'enable alpha', 'enter').flash?.text).toBe('alpha is not disabled (it is enabled)');
    expect(command(loaded(), 'enable foxtrot', 'enter').overlay).toMatchObject({
      purpose: { action: 'enable', agent: 'foxtrot' },
    });
    expect(command(loaded(), 'kill alpha', 'enter').flash?.text).toBe('alpha has no run in flight');
    expect(command(loaded(), 'start-all', 'enter').flash?.text).toBe('there is no global stop to end');
    const stopped = reduce(loaded(), {
      type: 'fleet-loaded',
      snapshot: snapshot(sampleFleet(), { global: { stopped: true, since: null, by: 'jo', reason: null } }),
    });
    expect(command(stopped, 'start-all', 'enter').overlay).toMatchObject({ purpose: { kind: 'start-all' } });
  });

  it('an action without a name is about the selected agent; :q quits', () => {
    expect(command(loaded(), 'run', 'enter').overlay).toMatchObject({ purpose: { kind: 'run', agent: 'alpha' } });
    const quit = command(loaded(), 'q', 'enter');
    expect(quit.quitting).toBe(true);
    expect(quit.pending).toEqual([{ kind: 'quit' }]);
  });

  it('an unknown command or agent is an error in the status line naming what exists', () => {
    const unknown = command(loaded(), 'nope', 'enter');
    expect(unknown.overlay).toBeNull();
    expect(unknown.flash).toMatchObject({ tone: 'error', text: expect.stringContaining('no command or agent “nope”') });
    expect(unknown.flash?.text).toContain('alpha');
    const agent = command(loaded(), 'pause zulu', 'enter');
    expect(agent.flash?.text).toBe('no agent “zulu”. Agents: alpha, bravo, charlie, delta, echo, foxtrot');
    expect(agent.pending).toEqual([]);
  });

  it('tab completes the command and the agent, and shows the candidates', () => {
    let state = press(loaded(), ':', 'p', 'a', 'tab');
    expect(state.overlay).toMatchObject({ text: 'pause ' });
    state = press(state, 'tab');
    expect(state.overlay).toMatchObject({ candidates: ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'] });
    expect(plainText(messageLine(state))).toContain('alpha  bravo  charlie');
    state = press(state, 'b', 'tab');
    expect(state.overlay).toMatchObject({ text: 'pause bravo ', candidates: [] });
    expect(modeOf(press(state, 'enter'))).toBe('prompt');
  });

  it('backspace edits; on an empty line it leaves', () => {
    const state = press(loaded(), ':', 'a', 'x', 'backspace');
    expect(state.overlay).toMatchObject({ text: 'a' });
    expect(press(state, 'backspace', 'backspace').overlay).toBeNull();
  });

  it('read-only: actions are refused, tab offers none, and help lists none', () => {
    const readonly = loaded(sampleFleet(), { readonly: true });
    for (const line of ['pause bravo', 'kill echo', 'stop-all', 'run', 'edit alpha']) {
      const state = command(readonly, line, 'enter');
      expect(state.flash?.text, line).toBe(READ_ONLY_MESSAGE);
      expect(state.overlay, line).toBeNull();
      expect(state.pending, line).toEqual([]);
    }
    const listed = press(readonly, ':', 'tab');
    const candidates = listed.overlay?.kind === 'command' ? listed.overlay.candidates : [];
    expect(candidates).toContain('alerts');
    for (const action of ['run', 'pause', 'resume', 'disable', 'enable', 'kill', 'edit', 'stop-all', 'start-all'])
      expect(candidates, action).not.toContain(action);
    expect(topView(command(readonly, 'alerts', 'enter')).kind).toBe('alerts');
    const help = helpLines(true).map(plainText).join('\n');
    expect(help).toContain(':alerts');
    expect(help).not.toMatch(/:pause|:kill|:stop-all|:run /);
    expect(helpLines(false).map(plainText).join('\n')).toMatch(/:pause <agent>/);
  });
});
