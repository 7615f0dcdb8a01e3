import { describe, expect, it } from 'vitest';
import { modeOf, reduce, topView } from '../../src/console/state.js';
import { READ_ONLY_MESSAGE } from '../../src/console/state/ops.js';
import { visibleAgents } from '../../src/console/selectors/fleet.js';
import { agent, apply, loaded, NOW, press, run, sampleFleet, snapshot, takeEffects } from './support.js';

describe('fleet navigation', () => {
  it('starts on the first agent and asks for the fleet', async () => {
    const { initialState } = await import('../../src/console/state.js');
    const start = initialState({ now: NOW, cols: 100, rows: 30, readonly: false, noColor: false, home: '/h', seed: 1 });
    expect(start.pending).toEqual([{ kind: 'load-fleet' }]);
    expect(modeOf(start)).toBe('fleet');
    expect(loaded().fleet.cursor).toBe('alpha');
  });

  it('moves with j/k and the arrows, and stops at both ends', () => {
    let state = loaded();
    state = press(state, 'j', 'down');
    expect(state.fleet.cursor).toBe('charlie');
    state = press(state, 'k', 'up', 'up', 'k');
    expect(state.fleet.cursor).toBe('alpha');
    state = press(state, 'G');
    expect(state.fleet.cursor).toBe('foxtrot');
    state = press(state, 'j');
    expect(state.fleet.cursor).toBe('foxtrot');
    expect(press(state, 'g').fleet.cursor).toBe('alpha');
  });

  it('pages by a window and keeps the cursor inside the window', () => {
    const many = Array.from({ length: 40 }, (_, i) => agent(`agent-${String(i).padStart(2, '0')}`));
    let state = loaded(many, { rows: 12 }); // body 7 → 6 list rows
    state = press(state, 'pgdn');
    expect(state.fleet.cursor).toBe('agent-05');
    state = press(state, 'pgdn', 'pgdn');
    expect(state.fleet.cursor).toBe('agent-15');
    expect(state.fleet.offset).toBe(10);
    state = press(state, 'ctrl-u');
    expect(state.fleet.cursor).toBe('agent-10');
    expect(state.fleet.offset).toBe(10);
    state = press(state, 'G');
    expect(state.fleet.offset).toBe(34);
  });

  it('keeps the cursor on the same agent across reloads and re-sorting, and falls back when it is gone', () => {
    let state = press(loaded(), 'j', 'j'); // charlie
    state = press(state, 's'); // last status: bravo (error) first
    expect(state.fleet.sort).toBe('status');
    expect(state.fleet.cursor).toBe('charlie');
    state = reduce(state, {
      type: 'fleet-loaded',
      snapshot: snapshot(sampleFleet().filter((a) => a.name !== 'charlie')),
    });
    expect(state.fleet.cursor).toBe(visibleAgents(state)[0]?.name);
  });

  it('cycles the sort: name → last status → next run → cost → name', () => {
    let state = loaded();
    const orders: string[][] = [];
    for (let i = 0; i < 4; i++) {
      state = press(state, 's');
      orders.push(visibleAgents(state).map((a) => a.name));
    }
    expect(state.fleet.sort).toBe('name');
    expect(orders[0]?.slice(0, 2)).toEqual(['delta', 'bravo']); // invalid, then the error
    expect(orders[1]?.slice(0, 2)).toEqual(['echo', 'alpha']); // soonest next run; none last
    expect(orders[1]?.slice(-3)).toEqual(['charlie', 'delta', 'foxtrot']);
    expect(orders[2]?.[0]).toBe('bravo'); // most spent this month
    expect(orders[3]).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot']);
  });
});

describe('filter', () => {
  it('narrows as you type, keeps it on enter, clears it on esc', () => {
    let state = press(loaded(), '/');
    expect(modeOf(state)).toBe('filter');
    state = press(state, 'b', 'r');
    expect(visibleAgents(state).map((a) => a.name)).toEqual(['bravo']);
    expect(state.fleet.cursor).toBe('bravo');
    state = press(state, 'enter');
    expect(modeOf(state)).toBe('fleet');
    expect(state.fleet.filter).toBe('br');
    state = press(state, 'esc');
    expect(state.fleet.filter).toBe('');
    expect(visibleAgents(state)).toHaveLength(6);
  });

  it('matches owner, trigger, status and state too, and esc while typing clears it', () => {
    let state = press(loaded(), '/', 'p', 'a', 'u', 's');
    expect(visibleAgents(state).map((a) => a.name)).toEqual(['charlie']);
    state = press(state, 'backspace', 'backspace', 'backspace', 'backspace', 'T', 'I', 'M', 'E', 'O', 'U', 'T');
    expect(visibleAgents(state).map((a) => a.name)).toEqual(['bravo']);
    state = press(state, 'esc');
    expect(modeOf(state)).toBe('fleet');
    expect(state.fleet.filter).toBe('');
  });

  it('types letters that are commands elsewhere (q, j, r) as text', () => {
    const state = press(loaded(), '/', 'q', 'j', 'r');
    expect(state.fleet.filter).toBe('qjr');
    expect(state.quitting).toBe(false);
    expect(state.pending).toEqual([]);
  });
});

describe('views', () => {
  it('enter opens the agent and asks for its runs; esc and q come back', () => {
    const [state, effects] = takeEffects(press(loaded(), 'j', 'enter'));
    expect(topView(state)).toMatchObject({ kind: 'agent', agent: 'bravo', tab: 'runs' });
    expect(effects).toEqual([{ kind: 'load-agent', agent: 'bravo' }]);
    expect(modeOf(press(state, 'esc'))).toBe('fleet');
    expect(modeOf(press(state, 'q'))).toBe('fleet');
    expect(press(state, 'q').quitting).toBe(false);
  });

  it('q in the fleet and ctrl-c anywhere quit', () => {
    expect(press(loaded(), 'q').pending).toEqual([{ kind: 'quit' }]);
    const prompt = press(loaded(), 'p');
    expect(modeOf(prompt)).toBe('prompt');
    expect(press(prompt, 'ctrl-c').quitting).toBe(true);
    expect(press(press(loaded(), 'enter', '?'), 'ctrl-c').quitting).toBe(true);
  });

  it('? toggles help; A, C, B and R open their views and load their data', () => {
    const help = press(loaded(), '?');
    expect(modeOf(help)).toBe('help');
    expect(modeOf(press(help, '?'))).toBe('fleet');
    expect(press(loaded(), 'A').pending).toEqual([{ kind: 'load-alerts' }]);
    expect(press(loaded(), 'C').pending).toEqual([{ kind: 'load-costs' }]);
    expect(press(loaded(), 'B').pending).toEqual([{ kind: 'load-runbooks' }]);
    expect(press(loaded(), 'R').pending).toEqual([{ kind: 'load-review' }]);
  });

  it('one of A/C/B/R replaces another instead of piling up', () => {
    const state = press(loaded(), 'enter', 'A', 'C', 'B', 'R');
    expect(state.stack.map((v) => v.kind)).toEqual(['fleet', 'agent', 'review']);
    expect(press(state, 'esc').stack.map((v) => v.kind)).toEqual(['fleet', 'agent']);
  });

  it('B from an agent puts the runbooks cursor on its runbook', () => {
    let state = press(loaded(), 'j', 'j', 'B');
    state = reduce(state, { type: 'data-loaded', data: { kind: 'runbooks', names: ['alpha', 'bravo', 'charlie'] } });
    expect(topView(state)).toMatchObject({ kind: 'runbooks', cursor: 2 });
    const [reading, effects] = takeEffects(press({ ...state, pending: [] }, 'enter'));
    expect(topView(reading)).toMatchObject({ kind: 'runbook', name: 'charlie' });
    expect(effects).toEqual([{ kind: 'load-text', file: 'runbooks/charlie.md' }]);
  });

  it('tab cycles the agent panels; o opens the selected run’s output', () => {
    let state = press(loaded(), 'j', 'enter');
    const runs = [
      run('bravo', { status: 'TIMEOUT', output_file: null, reason: 'time' }),
      run('bravo', { started_at: new Date(NOW - 90_000_000).toISOString() }),
    ];
    state = reduce(
      { ...state, pending: [] },
      {
        type: 'data-loaded',
        data: {
          kind: 'agent',
          detail: { agent: 'bravo', runs, changes: [], lastOutputFile: runs[1]!.output_file, hasRunbook: true },
        },
      },
    );
    expect(state.pending).toEqual([{ kind: 'load-text', file: 'outputs/bravo/2026-11-23.md' }]);
    state = { ...state, pending: [] };
    expect(press(state, 'o').flash?.text).toMatch(/left no output: time/);
    const [output, effects] = takeEffects(press(state, 'j', 'o'));
    expect(topView(output)).toMatchObject({ kind: 'output', file: 'outputs/bravo/2026-11-23.md' });
    expect(effects).toEqual([{ kind: 'load-text', file: 'outputs/bravo/2026-11-23.md' }]);
    expect(press(state, 'tab').stack.at(-1)).toMatchObject({ tab: 'output' });
    expect(press(state, 'tab', 'tab', 'tab').stack.at(-1)).toMatchObject({ tab: 'runs' });
  });

  it('refresh reloads the fleet and the live data of every open view', () => {
    const state = press(loaded(), 'enter', 'A');
    expect(reduce({ ...state, pending: [] }, { type: 'refresh' }).pending).toEqual([
      { kind: 'load-fleet' },
      { kind: 'load-agent', agent: 'alpha' },
      { kind: 'load-alerts' },
    ]);
  });
});

describe('actions ask first, with a reason, then become effects', () => {
  it('p pauses with a reason; on a paused agent it resumes; esc changes nothing', () => {
    let state = press(loaded(), 'p');
    expect(modeOf(state)).toBe('prompt');
    expect(state.overlay).toMatchObject({
      kind: 'prompt',
      purpose: { kind: 'switch', action: 'pause', agent: 'alpha' },
    });
    state = reduce(press(state, 'm', 'i', 'g'), { type: 'keys', keys: ['enter'] });
    expect(state.pending).toEqual([{ kind: 'switch', action: 'pause', agent: 'alpha', reason: 'mig' }]);
    expect(state.overlay).toBeNull();
    expect(press(loaded(), 'j', 'j', 'p').overlay).toMatchObject({
      purpose: { kind: 'switch', action: 'resume', agent: 'charlie' },
    });
    const cancelled = press(loaded(), 'p', 'x', 'esc');
    expect(cancelled.pending).toEqual([]);
    expect(cancelled.flash?.text).toMatch(/cancelled/);
  });

  it('an empty reason is recorded as none', () => {
    expect(press(loaded(), 'p', 'enter').pending).toEqual([
      { kind: 'switch', action: 'pause', agent: 'alpha', reason: null },
    ]);
  });

  it('d asks to confirm a disable (confirm mode) and enables a disabled agent without drama', () => {
    const disable = press(loaded(), 'd');
    expect(modeOf(disable)).toBe('confirm');
    expect(press(disable, 'enter').pending).toEqual([
      { kind: 'switch', action: 'disable', agent: 'alpha', reason: null },
    ]);
    const enable = press(loaded(), 'G', 'd');
    expect(modeOf(enable)).toBe('prompt');
    expect(enable.overlay).toMatchObject({ purpose: { action: 'enable', agent: 'foxtrot' } });
  });

  it('x kills only a run in flight, after a confirmation', () => {
    expect(press(loaded(), 'x').flash?.text).toBe('alpha has no run in flight');
    const kill = press(loaded(), 'j', 'j', 'j', 'j', 'x');
    expect(modeOf(kill)).toBe('confirm');
    expect(kill.overlay).toMatchObject({ title: expect.stringContaining('running 1m05s') });
    expect(press(kill, 'o', 'o', 'p', 's', 'enter').pending).toEqual([{ kind: 'kill', agent: 'echo', reason: 'oops' }]);
  });

  it('S needs STOP typed in capitals, then a reason; with the fleet stopped it starts all', () => {
    let state = press(loaded(), 'S');
    expect(modeOf(state)).toBe('confirm');
    state = press(state, 's', 't', 'o', 'p', 'enter');
    expect(state.pending).toEqual([]);
    expect(state.flash?.tone).toBe('error');
    expect(modeOf(state)).toBe('confirm');
    state = press(state, 'S', 'T', 'O', 'P', 'enter');
    expect(state.overlay).toMatchObject({ purpose: { kind: 'stop-all' } });
    expect(press(state, 'd', 'r', 'i', 'l', 'l', 'enter').pending).toEqual([{ kind: 'stop-all', reason: 'drill' }]);
    const stopped = reduce(loaded(), {
      type: 'fleet-loaded',
      snapshot: snapshot(sampleFleet(), { global: { stopped: true, since: null, by: 'jo', reason: null } }),
    });
    expect(press(stopped, 'S').overlay).toMatchObject({ danger: false, purpose: { kind: 'start-all' } });
  });

  it('r asks why (not destructive: prompt mode, not confirm); enter runs now with the reason', () => {
    const asked = press(loaded(), 'r');
    expect(modeOf(asked)).toBe('prompt');
    expect(asked.overlay).toMatchObject({
      danger: false,
      title: expect.stringMatching(/^Run alpha now .*Why\? \(optional\)/),
      purpose: { kind: 'run', agent: 'alpha' },
    });
    expect(asked.pending).toEqual([]);
    expect(asked.starting).toEqual({});
    const started = press(asked, ...'month-end backfill', 'enter');
    expect(started.pending).toEqual([{ kind: 'run-now', agent: 'alpha', reason: 'month-end backfill' }]);
    expect(started.overlay).toBeNull();
    expect(started.starting.alpha).toBe(NOW);
    expect(started.flash?.text).toMatch(/starting alpha/);
  });

  it('r: enter alone runs it without a reason (null); esc cancels and starts nothing', () => {
    expect(press(loaded(), 'r', 'enter').pending).toEqual([{ kind: 'run-now', agent: 'alpha', reason: null }]);
    expect(press(loaded(), 'r', ' ', ' ', 'enter').pending).toEqual([
      { kind: 'run-now', agent: 'alpha', reason: null },
    ]);
    const cancelled = press(loaded(), 'r', 'x', 'esc');
    expect(cancelled.pending).toEqual([]);
    expect(cancelled.overlay).toBeNull();
    expect(cancelled.starting).toEqual({});
    expect(cancelled.flash?.text).toBe('cancelled: nothing was started');
  });

  it('r: an agent that started running while the reason was typed is not started twice', () => {
    const asked = press(loaded(), 'r');
    const busy = sampleFleet().map((a) =>
      a.name === 'alpha'
        ? {
            ...a,
            running: { run_id: 'r9', pid: 9, started_at: new Date(NOW).toISOString(), elapsed_ms: 0, trigger: 'cron' },
          }
        : a,
    );
    const state = press(reduce(asked, { type: 'fleet-loaded', snapshot: snapshot(busy) }), 'enter');
    expect(state.pending).toEqual([]);
    expect(state.flash?.text).toMatch(/alpha is already running/);
  });

  it('r refuses an invalid or already running agent without asking; e edits', () => {
    expect(press(loaded(), 'j', 'j', 'j', 'r').flash?.text).toMatch(/delta is invalid/);
    expect(press(loaded(), 'j', 'j', 'j', 'r').overlay).toBeNull();
    expect(press(loaded(), 'j', 'j', 'j', 'j', 'r').flash?.text).toMatch(/already running/);
    expect(press(loaded(), 'j', 'j', 'j', 'j', 'r').overlay).toBeNull();
    expect(press(loaded(), 'j', 'j', 'j', 'e').pending).toEqual([{ kind: 'edit', agent: 'delta' }]);
  });

  it('a run started here is followed until it finishes, then its status is announced', () => {
    let state = takeEffects(press(loaded(), 'r', 'enter'))[0];
    const done = sampleFleet().map((a) =>
      a.name === 'alpha'
        ? { ...a, lastRun: run('alpha', { started_at: new Date(NOW + 500).toISOString(), status: 'EMPTY' as const }) }
        : a,
    );
    state = reduce(state, { type: 'fleet-loaded', snapshot: snapshot(done) });
    expect(state.starting).toEqual({});
    expect(state.flash).toMatchObject({ text: 'alpha finished: EMPTY', tone: 'error' });
  });

  it('a run that never shows up stops being "starting" after a while', () => {
    const state = takeEffects(press(loaded(), 'r', 'enter'))[0];
    expect(reduce(state, { type: 'tick', now: NOW + 5_000 }).starting).toHaveProperty('alpha');
    expect(reduce(state, { type: 'tick', now: NOW + 60_000 }).starting).toEqual({});
  });

  it('no destructive action sits on a navigation key', () => {
    for (const key of [
      'j',
      'k',
      'g',
      'G',
      'up',
      'down',
      'pgup',
      'pgdn',
      'home',
      'end',
      'enter',
      'esc',
      'left',
      'right',
      'l',
      'h',
      'tab',
      ' ',
    ]) {
      const state = press(loaded(), key);
      expect(
        state.pending.filter((e) => !e.kind.startsWith('load')),
        key,
      ).toEqual([]);
      expect(state.overlay, key).toBeNull();
    }
  });
});

describe('e: a changed definition asks why once the editor returns', () => {
  const change = { agent: 'alpha', before: { limits: { time: 300_000 } }, after: { limits: { time: 600_000 } } };
  const edited = (state = loaded()) =>
    reduce(takeEffects(press(state, 'e'))[0], {
      type: 'definition-edited',
      agent: 'alpha',
      change,
      fields: ['limits.time'],
    });

  it('opens a "why?" prompt naming what changed; enter records it with the reason', () => {
    const state = edited();
    expect(modeOf(state)).toBe('prompt');
    expect(state.overlay).toMatchObject({
      title: 'agents/alpha.md changed: limits.time. Why? (recorded in logs/changes.jsonl)',
      purpose: { kind: 'definition', agent: 'alpha', change },
    });
    expect(state.pending).toEqual([]);
    expect(press(state, ...'slow input week', 'enter').pending).toEqual([
      { kind: 'record-definition', agent: 'alpha', change, reason: 'slow input week' },
    ]);
    expect(press(state, 'enter').pending).toEqual([
      { kind: 'record-definition', agent: 'alpha', change, reason: null },
    ]);
  });

  it('esc cannot undo a saved file: it records the change without a reason', () => {
    const state = press(edited(), 'w', 'h', 'y', 'esc');
    expect(state.overlay).toBeNull();
    expect(state.pending).toEqual([{ kind: 'record-definition', agent: 'alpha', change, reason: null }]);
    expect(state.flash?.text).toMatch(/without a reason/);
  });

  it('quitting with the question open still records the change, before the quit', () => {
    const state = press(edited(), 'ctrl-c');
    expect(state.quitting).toBe(true);
    expect(state.pending).toEqual([
      { kind: 'record-definition', agent: 'alpha', change, reason: null },
      { kind: 'quit' },
    ]);
    // any other prompt is simply dropped on quit
    expect(press(loaded(), 'r', 'ctrl-c').pending).toEqual([{ kind: 'quit' }]);
  });

  it('an agent that was invalid before the edit is "valid again"; many fields are summed up', () => {
    const state = reduce(loaded(), {
      type: 'definition-edited',
      agent: 'delta',
      change: { agent: 'delta', before: null, after: { trigger: null } },
      fields: ['trigger'],
    });
    expect(state.overlay).toMatchObject({ title: expect.stringMatching(/^agents\/delta\.md is valid again\. Why\?/) });
    const many = reduce(loaded(), {
      type: 'definition-edited',
      agent: 'alpha',
      change,
      fields: ['a', 'b', 'c', 'd', 'e'],
    });
    expect(many.overlay).toMatchObject({ title: expect.stringContaining('changed: a, b, c and 2 more.') });
  });

  it('with another question already open, the change is recorded without a reason instead of replacing it', () => {
    const state = reduce(press(loaded(), 'p'), {
      type: 'definition-edited',
      agent: 'alpha',
      change,
      fields: ['limits.time'],
    });
    expect(state.overlay).toMatchObject({ purpose: { kind: 'switch', action: 'pause' } });
    expect(state.pending).toEqual([{ kind: 'record-definition', agent: 'alpha', change, reason: null }]);
  });
});

describe('--readonly', () => {
  it('refuses every action with "read-only" and asks nothing', () => {
    for (const key of ['r', 'p', 'd', 'x', 'e', 'S']) {
      const state = press(loaded(sampleFleet(), { readonly: true }), 'j', 'j', 'j', 'j', key);
      expect(state.flash?.text, key).toBe(READ_ONLY_MESSAGE);
      expect(state.overlay, key).toBeNull();
      expect(state.pending, key).toEqual([]);
    }
  });

  it('still navigates, filters and opens views', () => {
    const state = press(loaded(sampleFleet(), { readonly: true }), 'j', '/', 'c', 'h', 'enter', 'enter');
    expect(topView(state)).toMatchObject({ kind: 'agent', agent: 'charlie' });
  });
});

describe('time, size and messages', () => {
  it('an idle fleet redraws once a minute; a run in flight every second', async () => {
    const { tickShows } = await import('../../src/console/state.js');
    const idle = loaded(sampleFleet().filter((a) => !a.running));
    const at = Math.ceil(NOW / 60_000) * 60_000 + 5_000; // just past a minute boundary
    const settled = { ...idle, now: at };
    expect(tickShows(settled, at + 1000)).toBe(false);
    expect(reduce(settled, { type: 'tick', now: at + 1000 })).toBe(settled);
    expect(tickShows(settled, at + 60_000)).toBe(true);
    expect(tickShows({ ...loaded(), now: at }, at + 1000)).toBe(true); // echo is running
  });

  it('a message goes away after a few seconds', () => {
    const state = press(loaded(), 'x');
    expect(reduce(state, { type: 'tick', now: NOW + 1000 }).flash).not.toBeNull();
    expect(reduce(state, { type: 'tick', now: NOW + 10_000 }).flash).toBeNull();
  });

  it('a resize changes the window of the list', () => {
    const many = Array.from({ length: 40 }, (_, i) => agent(`a${String(i).padStart(2, '0')}`));
    let state = press(loaded(many, { rows: 30 }), 'G');
    expect(state.fleet.offset).toBe(40 - 24);
    state = apply(state, { type: 'resize', cols: 80, rows: 24 }, { type: 'keys', keys: ['k'] });
    expect(state.rows).toBe(24);
    expect(state.fleet.offset).toBe(38 - 18 + 1); // 18 rows fit now; the cursor (a38) is the last of them
    expect(apply(state, { type: 'resize' })).toBe(state);
  });

  it('a failed first load is shown in place of the fleet; a later failure is a message', () => {
    const start = { ...loaded(), snapshot: null };
    expect(reduce(start, { type: 'load-failed', what: 'fleet', message: 'EACCES' }).loadError).toBe('EACCES');
    expect(reduce(loaded(), { type: 'load-failed', what: 'fleet', message: 'EACCES' }).flash?.tone).toBe('error');
  });
});
