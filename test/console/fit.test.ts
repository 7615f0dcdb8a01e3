import { describe, expect, it } from 'vitest';
import { footerLine, footerLines, plainText, promptLines, scrollLine } from '../../src/console/selectors.js';
import { bodyHeight, FOOTER_LINES, headerLines, overlayLines, reviewPaneHeight } from '../../src/console/layout.js';
import { modeOf, reduce, topView } from '../../src/console/state.js';
import type { ConsoleState } from '../../src/console/state/types.js';
import { usdSet } from '../../src/shared/index.js';
import { agent, loaded, NOW, press, takeEffects } from './support.js';

/**
 * Issue 15, point 3: a console that fits 80×24. The footer keeps the kill
 * switches at every width (on two lines when there is no message), `?` says
 * when keys are left out, the review says where its output pane is, and B in
 * an agent's view opens that agent's runbook.
 */
const keysAt = (state: ConsoleState, cols: number): string =>
  footerLines({ ...state, cols }, cols - 1)
    .map(plainText)
    .join('\n');

describe('the footer at 80, 100, 120 and 200 columns', () => {
  it('always shows the kill switches (x kill, S stop all), pause and disable in the fleet and the agent view', () => {
    for (const cols of [80, 100, 120, 200]) {
      for (const state of [loaded(), press(loaded(), 'enter')]) {
        const keys = keysAt(state, cols);
        for (const key of [/\bx kill\b/, /\bS stop all\b/, /\bp pause\b/, /\bd disable\b/, /\? (help|more keys)/])
          expect(keys, `${modeOf(state)} at ${cols}`).toMatch(key);
        for (const line of keys.split('\n'))
          expect(Array.from(line).length, `${modeOf(state)} at ${cols}`).toBeLessThanOrEqual(cols - 1);
      }
    }
  });

  it('at 80 columns uses both footer lines, keeps the keys in their order, and ? says more keys exist', () => {
    const [first, second] = footerLines(loaded(), 79).map(plainText);
    expect(first).toMatch(/^\? more keys +q quit +enter open +\/ filter +s sort +r run +p pause$/);
    expect(second).toMatch(/^d disable +x kill +e edit +S stop all\b/);
    // at 200 every key fits on the bottom line, and ? is plain help
    const [empty, wide] = footerLines(loaded(), 199).map(plainText);
    expect(empty).toBe('');
    expect(wide).toMatch(/^\? help +q quit +j\/k move .*S stop all .*R review +A alerts +C costs +B runbooks/);
  });

  it('with a message showing, one line of keys: the levers first', () => {
    const state = reduce(loaded(), { type: 'flash', text: 'something happened', tone: 'info' });
    const [message, keys] = footerLines(state, 79).map(plainText);
    expect(message).toBe('something happened');
    expect(keys).toMatch(/^\? more keys +r run +p pause +d disable +x kill +e edit +S stop all$/);
    expect(plainText(footerLine(loaded(), 60))).toMatch(/x kill.*S stop all/);
  });

  it('read-only: no action and no mention of one, at any width', () => {
    for (const cols of [80, 100, 120, 200]) {
      for (const state of [
        loaded(undefined, { readonly: true }),
        press(loaded(undefined, { readonly: true }), 'enter'),
      ]) {
        const keys = keysAt(state, cols);
        expect(keys, String(cols)).not.toMatch(/\b(run|pause|disable|kill|edit|stop all|mark reviewed|concern)\b/);
        expect(keys, String(cols)).toMatch(/\? help/);
      }
    }
  });
});

describe('a prompt at 80 columns', () => {
  it('wraps a question wider than the terminal over two lines, so no word of it is lost, and the frame still fits', () => {
    const long = loaded([agent('queue-depth-responder')], { cols: 80, rows: 24 });
    const disable = press(long, 'd');
    const lines = promptLines(disable, 79).map(plainText);
    expect(lines).toHaveLength(3);
    expect(lines.slice(0, 2).join(' ')).toMatch(/^Disable queue-depth-responder\? .* Why\?$/);
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(79);
    expect(overlayLines(disable)).toBe(3);
    expect(headerLines(disable) + bodyHeight(disable) + FOOTER_LINES + overlayLines(disable)).toBeLessThanOrEqual(23);
    // stop all: the whole question on one line of 80 columns, "Type STOP to confirm." included
    expect(plainText(promptLines(press(long, 'S'), 79)[0]!)).toMatch(/^STOP EVERYTHING .*Type STOP to confirm\.$/);
    // a short question stays on one line
    expect(overlayLines(press(loaded(undefined, { cols: 80, rows: 24 }), 'p'))).toBe(2);
  });
});

describe('the fleet’s budget', () => {
  it('writes a budget a person set as they set it: $40, not $40.00', () => {
    expect(usdSet(40)).toBe('$40');
    expect(usdSet(2.5)).toBe('$2.50');
    expect(usdSet(0.5)).toBe('$0.50');
    expect(usdSet(null)).toBe('—');
  });
});

describe('the review’s output pane', () => {
  it('says where it is and how much is below', () => {
    expect(scrollLine(0, 10, 8)).toEqual([]);
    expect(plainText(scrollLine(0, 12, 40))).toBe(
      '── lines 1–12 of 40 · ▼ 28 more below (j/↓ scrolls, space pages) ──',
    );
    expect(plainText(scrollLine(28, 12, 40))).toBe('── lines 29–40 of 40 · end (g: top) ──');
    expect(plainText(scrollLine(99, 12, 40))).toBe('── lines 29–40 of 40 · end (g: top) ──');
  });

  it('keeps a line for it at 80×24: the pane and the line fit the body, and j scrolls as far as the last line', () => {
    const state = loaded(undefined, { cols: 80, rows: 24 });
    // header 2, footer 2, 19 rows of body: the progress line, five lines on the agent, the pane, its position line
    expect(reviewPaneHeight(state)).toBe(19 - 6 - 1);
  });
});

describe('B in an agent’s view', () => {
  const detail = (agent: string, hasRunbook: boolean) => ({
    type: 'data-loaded' as const,
    data: { kind: 'agent' as const, detail: { agent, runs: [], changes: [], lastOutputFile: null, hasRunbook } },
  });

  it('opens that agent’s runbook in the reader; esc comes back to the agent', () => {
    const agentView = takeEffects(reduce(press(loaded(), 'j', 'enter'), detail('bravo', true)))[0];
    const [reading, effects] = takeEffects(press(agentView, 'B'));
    expect(topView(reading)).toMatchObject({ kind: 'runbook', name: 'bravo', offset: 0 });
    expect(effects).toEqual([{ kind: 'load-text', file: 'runbooks/bravo.md' }]);
    expect(topView(press(reading, 'esc'))).toMatchObject({ kind: 'agent', agent: 'bravo' });
  });

  it('with no runbook yet: says so, and shows the list of runbooks on its name', () => {
    const agentView = takeEffects(reduce(press(loaded(), 'j', 'enter'), detail('bravo', false)))[0];
    const [listing, effects] = takeEffects(press(agentView, 'B'));
    expect(topView(listing)).toMatchObject({ kind: 'runbooks', prefer: 'bravo' });
    expect(effects).toEqual([{ kind: 'load-runbooks' }]);
    expect(listing.flash?.text).toBe(
      'bravo has no runbook yet: write runbooks/bravo.md (what it does, how to stop it)',
    );
  });

  // enter (registry, runs), then B (runbook), v (the agent file, its prompt) or tab (last output)
  it('"what is this agent doing" from the fleet in at most 3 keys', () => {
    const fleet = loaded();
    const opened = press(fleet, 'enter');
    expect(topView(opened)).toMatchObject({ kind: 'agent', agent: 'alpha', tab: 'runs' });
    expect(topView(press(fleet, 'enter', 'B'))).toMatchObject({ kind: 'runbook', name: 'alpha' });
    expect(topView(press(fleet, 'enter', 'tab'))).toMatchObject({ kind: 'agent', tab: 'output' });
    // v: the agent file itself, its definition and prompt, read in the output pane (read-only too)
    for (const readonly of [false, true]) {
      const [file, effects] = takeEffects(press(loaded(undefined, { readonly }), 'enter', 'v'));
      expect(topView(file)).toMatchObject({ kind: 'output', agent: 'alpha', file: 'agents/alpha.md' });
      expect(effects).toContainEqual({ kind: 'load-text', file: 'agents/alpha.md' });
    }
    // in the fleet, B is still the list of every runbook
    expect(topView(press(fleet, 'B'))).toMatchObject({ kind: 'runbooks' });
    void NOW;
  });
});
