import { describe, expect, it } from 'vitest';
import { modeOf, reduce, topView } from '../../src/console/state.js';
import { findMatches, matchLabel, stepMatch } from '../../src/console/state/search.js';
import type { Line } from '../../src/console/selectors/cells.js';
import { messageLine, plainText } from '../../src/console/selectors.js';
import type { ConsoleState } from '../../src/console/state/types.js';
import { loaded, press } from './support.js';

/** `/` in a run's output and in a runbook: which line n / N go to, and what the status line says. */
const lines = (...texts: string[]): Line[] => texts.map((text) => [{ text }]);

describe('search, as pure logic', () => {
  const text = lines('alpha', 'Timeout here', 'nothing', 'another TIMEOUT', 'end', 'timeout again');

  it('finds the lines holding the query, case-insensitive', () => {
    expect(findMatches(text, 'timeout')).toEqual([1, 3, 5]);
    expect(findMatches(text, '')).toEqual([]);
    expect(findMatches(text, 'zzz')).toEqual([]);
  });

  it('enter goes to the first match from the top of the pane; n and N walk and wrap round', () => {
    const first = stepMatch(text, 'timeout', { match: -1, offset: 0 }, 1, 3);
    expect(first).toMatchObject({ match: 1, found: true, message: 'match 1/3 for “timeout” (n/N)' });
    const second = stepMatch(text, 'timeout', first, 1, 3);
    expect(second).toMatchObject({ match: 3, message: 'match 2/3 for “timeout” (n/N)' });
    const third = stepMatch(text, 'timeout', second, 1, 3);
    expect(stepMatch(text, 'timeout', third, 1, 3)).toMatchObject({
      match: 1,
      message: 'match 1/3 for “timeout” (n/N)',
    });
    expect(stepMatch(text, 'timeout', first, -1, 3)).toMatchObject({
      match: 5,
      message: 'match 3/3 for “timeout” (n/N)',
    });
  });

  it('starts from what is on screen, not from the top of the file', () => {
    expect(stepMatch(text, 'timeout', { match: -1, offset: 2 }, 1, 3).match).toBe(3);
    expect(stepMatch(text, 'timeout', { match: -1, offset: 2 }, -1, 3).match).toBe(1);
  });

  it('scrolls so the match is on screen, a third of the way down', () => {
    const long = lines(...Array.from({ length: 100 }, (_, i) => (i === 60 ? 'needle' : `line ${i}`)));
    const step = stepMatch(long, 'needle', { match: -1, offset: 0 }, 1, 30);
    expect(step).toMatchObject({ match: 60, offset: 50 });
    expect(step.offset).toBeLessThanOrEqual(60);
    expect(step.offset + 30).toBeGreaterThan(60);
  });

  it('says so when nothing matches, and stays where it was', () => {
    expect(stepMatch(text, 'zzz', { match: -1, offset: 2 }, 1, 3)).toEqual({
      match: -1,
      offset: 2,
      found: false,
      message: 'no match for “zzz”',
    });
    expect(matchLabel([1, 3], -1, 'x')).toBe('2 matches for “x” (n/N)');
  });
});

function outputOpen(text: string): ConsoleState {
  const state = loaded();
  const file = 'outputs/bravo/2026-11-23.md';
  const withText: ConsoleState = {
    ...state,
    stack: [...state.stack, { kind: 'output', agent: 'bravo', file, title: 'bravo · OK', offset: 0 }],
    texts: { [file]: { text, error: null, truncated: false } },
  };
  return withText;
}

describe('/ in the output view', () => {
  const text = ['# Digest', 'first item', 'the server said TIMEOUT', 'second item', 'timeout again'].join('\n');

  it('types a query, enter jumps to the first match, n / N walk, esc clears', () => {
    let state = press(outputOpen(text), '/');
    expect(modeOf(state)).toBe('search');
    state = press(state, 't', 'i', 'm', 'e', 'o', 'u', 't');
    expect(plainText(messageLine(state))).toContain('search / timeout');
    state = press(state, 'enter');
    expect(modeOf(state)).toBe('output');
    expect(topView(state)).toMatchObject({ kind: 'output', search: 'timeout', match: 2 });
    expect(state.flash?.text).toBe('match 1/2 for “timeout” (n/N)');
    state = press(state, 'n');
    expect(topView(state)).toMatchObject({ match: 4 });
    expect(state.flash?.text).toBe('match 2/2 for “timeout” (n/N)');
    expect(topView(press(state, 'N'))).toMatchObject({ match: 2 });
    const cleared = press(state, '/', 'x', 'esc');
    expect(topView(cleared)).toMatchObject({ search: '', match: -1 });
  });

  it('no match says so; n before any search says how to start one', () => {
    const none = press(outputOpen(text), '/', 'z', 'z', 'enter');
    expect(none.flash?.text).toBe('no match for “zz”');
    expect(press(outputOpen(text), 'n').flash?.text).toBe('/ starts a search');
  });

  it('the runbook reader searches the same way', () => {
    const state = loaded();
    const file = 'runbooks/alpha.md';
    const runbook: ConsoleState = reduce(
      { ...state, stack: [...state.stack, { kind: 'runbook', name: 'alpha', offset: 0, search: '', match: -1 }] },
      {
        type: 'data-loaded',
        data: {
          kind: 'text',
          file,
          content: { text: '# Alpha\n\nRestart the job.\n\nThen restart it again.', error: null, truncated: false },
        },
      },
    );
    const found = press(runbook, '/', 'r', 'e', 's', 't', 'a', 'r', 't', 'enter');
    expect(found.flash?.text).toMatch(/^match 1\/2 for “restart” \(n\/N\)$/);
    expect(press(found, 'n').flash?.text).toMatch(/^match 2\/2/);
  });
});
