import { render } from 'ink-testing-library';
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/console/app.js';
import { FleetRowView } from '../../src/console/components/fleet-row.js';
import { createStore, type Store } from '../../src/console/store.js';
import type { ConsoleState, Effect } from '../../src/console/state/types.js';
import { agent, alert, loaded, NOW, run, sampleFleet } from './support.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const plain = (frame: string | undefined): string => (frame ?? '').replace(ANSI, '');

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

let mounted: ReturnType<typeof render> | undefined;
afterEach(async () => {
  await act(async () => mounted?.unmount());
  mounted = undefined;
});

async function mount(
  state: ConsoleState,
): Promise<{ store: Store; effects: Effect[]; view: ReturnType<typeof render> }> {
  const effects: Effect[] = [];
  const store = createStore({ ...state, pending: [] }, (effect) => effects.push(effect));
  await act(async () => {
    mounted = render(<App store={store} />);
  });
  return { store, effects, view: mounted as ReturnType<typeof render> };
}

async function type(view: ReturnType<typeof render>, ...chunks: string[]): Promise<void> {
  for (const chunk of chunks) {
    await act(async () => {
      view.stdin.write(chunk);
      // a bare Esc is held back one macrotask by Ink's input parser
      await new Promise((resolve) => setImmediate(resolve));
    });
  }
}

describe('the console drawn by Ink', () => {
  it('shows every agent, the header and the keys, within rows - 1 lines', async () => {
    const { view } = await mount(loaded(sampleFleet(), { rows: 30 }));
    const frame = plain(view.lastFrame());
    for (const name of ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot']) expect(frame).toContain(name);
    expect(frame).toMatch(/scheduler up/);
    expect(frame).toMatch(/TIMEOUT/);
    expect(frame).toMatch(/INVALID/);
    expect(frame).toMatch(/▶ 1m05s/);
    expect(frame).toMatch(/\? help +q quit/);
    expect(frame.split('\n').length).toBeLessThanOrEqual(29);
  });

  it('j moves the cursor; enter opens the agent and asks for its runs; esc comes back', async () => {
    const { view, effects } = await mount(loaded());
    await type(view, 'j');
    expect(plain(view.lastFrame())).toMatch(/› enabled +bravo/);
    await type(view, '\r');
    const agentFrame = plain(view.lastFrame());
    expect(agentFrame).toMatch(/Fleet › bravo/);
    expect(agentFrame).toMatch(/limits 5m · 10 calls · \$2\.00\/run/);
    expect(agentFrame).toMatch(/Runs │ Last output │ Changes/);
    expect(effects).toContainEqual({ kind: 'load-agent', agent: 'bravo' });
    await type(view, '\x1b');
    expect(plain(view.lastFrame())).toMatch(/^nightshift Fleet /);
  });

  it('/ filters as you type and shows what it matched', async () => {
    const { view } = await mount(loaded());
    await type(view, '/', 'c', 'h');
    const frame = plain(view.lastFrame());
    expect(frame).toContain('charlie');
    expect(frame).toContain('echo');
    expect(frame).not.toContain('alpha');
    expect(frame).toMatch(/\/ ch▏ +2 of 6 agents match/);
  });

  it('esc then / typed fast (one "ESC /" sequence) clears the filter and starts a new one', async () => {
    const { store, view } = await mount(loaded());
    await type(view, '/', 'ch', '\r');
    expect(store.getState().fleet.filter).toBe('ch');
    await type(view, '\x1b/');
    expect(store.getState().fleet.filter).toBe('');
    expect(store.getState().overlay).toEqual({ kind: 'filter' });
    await type(view, '\x1bR'); // and esc then R: out of the filter, into the review
    expect(store.getState().stack.at(-1)?.kind).toBe('review');
  });

  it('p asks why, and enter hands the pause to the effects layer', async () => {
    const { view, effects } = await mount(loaded());
    await type(view, 'p');
    expect(plain(view.lastFrame())).toMatch(/Pause alpha: its runs are refused until it is resumed\. Why\?/);
    await type(view, 'migration', '\r');
    expect(effects).toContainEqual({ kind: 'switch', action: 'pause', agent: 'alpha', reason: 'migration' });
    expect(plain(view.lastFrame())).toMatch(/pausing alpha…/);
  });

  it('follows a resize: at 80 columns duration and cost go, the owner and the budget stay (issue 15)', async () => {
    const { view } = await mount(loaded());
    expect(plain(view.lastFrame())).toMatch(/OWNER.*TOOK +COST/);
    await act(async () => {
      Object.defineProperty(view.stdout, 'columns', { value: 80, configurable: true });
      view.stdout.emit('resize');
    });
    const frame = plain(view.lastFrame());
    expect(frame).not.toMatch(/TOOK|COST/);
    expect(frame).toMatch(/AGENT +OWNER +NEXT +LAST +WHEN +BUDGET +ALERTS/);
    expect(frame).toMatch(/bravo +aycee .* \$4\.50\/\$5 +!1/);
    // the keys over both footer lines: the kill switches among them
    expect(frame).toMatch(/x kill/);
    expect(frame).toMatch(/S stop all/);
    for (const line of frame.split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(80);
  });

  it('read-only: no action keys in the footer, and pressing one says read-only', async () => {
    const { view, effects } = await mount(loaded(sampleFleet(), { readonly: true }));
    const frame = plain(view.lastFrame());
    expect(frame).toMatch(/READ-ONLY/);
    expect(frame).not.toMatch(/r run|p pause|x kill/);
    await type(view, 'p');
    expect(plain(view.lastFrame())).toMatch(/read-only: actions are off/);
    expect(effects).toEqual([]);
  });

  it('help lists the keys of every view', async () => {
    const { view } = await mount(loaded(sampleFleet(), { rows: 200 }));
    await type(view, '?');
    const frame = plain(view.lastFrame());
    for (const title of [
      'Everywhere',
      'Fleet (the home screen)',
      'Agent view',
      'Review (R)',
      'Alerts (A)',
      'Costs (C)',
      'Runbooks (B)',
    ])
      expect(frame).toContain(title);
  });

  it('foreign text (a reason, a description, an alert, a problem) is shown, never obeyed: the same visible form as the commands', async () => {
    const hostile = 'A\x1b]52;c;eA==\x07B\x1b]0;owned\x07C\u009b2JD\u202eE\rF';
    const fleet = [
      agent('alpha', {
        description: `does ${hostile}`,
        owner: hostile,
        lastRun: run('alpha', { status: 'TIMEOUT', reason: hostile }),
        openAlerts: [alert('alpha', { message: hostile })],
      }),
      agent('bravo', {
        operator: {
          state: 'paused',
          reason: hostile,
          since: new Date(NOW - 86_400_000).toISOString(),
          by: 'jo',
          paused_until: null,
        },
        display: 'paused',
        nextDue: null,
      }),
      agent('delta', { valid: false, problem: `agents/delta.md: ${hostile}`, problems: [hostile] }),
    ];
    const { view } = await mount(loaded(fleet, { rows: 40, cols: 160 }));
    await type(view, '\r');
    const frames = [view.lastFrame() ?? ''];
    await type(view, '\x1b', 'A');
    frames.push(view.lastFrame() ?? '');
    for (const frame of frames) {
      // Ink's own colours aside, no control character and no bidi override reaches the terminal
      // eslint-disable-next-line no-control-regex
      expect(frame.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(
        /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
      );
    }
    expect(frames.join('\n')).toContain('A^[]52;c;eA==^GB^[]0;owned^GC<U+009B>2JD<U+202E>E^MF');
  });

  it('rows are memoized on their view model: an unchanged row is not drawn again', () => {
    const compare = (FleetRowView as unknown as { compare: (a: object, b: object) => boolean }).compare;
    const columns: never[] = [];
    const row = { name: 'a', selected: false, cells: {} as never, sig: 'x' };
    expect(compare({ row, columns, noColor: false }, { row: { ...row }, columns, noColor: false })).toBe(true);
    expect(compare({ row, columns, noColor: false }, { row: { ...row, sig: 'y' }, columns, noColor: false })).toBe(
      false,
    );
    expect(compare({ row, columns, noColor: false }, { row, columns: [], noColor: false })).toBe(false);
  });
});
