import { describe, expect, it } from 'vitest';
import { modeOf, reduce, topView } from '../../src/console/state.js';
import { pickOutput } from '../../src/console/state/review.js';
import { plainText, progressLine, reviewAgentModel, reviewCounts, reviewSummary } from '../../src/console/selectors.js';
import type { ConsoleState, ReviewData } from '../../src/console/state/types.js';
import { loaded, NOW, press, takeEffects } from './support.js';

function week(): ReviewData {
  const outputs = (name: string, n: number) =>
    Array.from({ length: n }, (_, i) => `outputs/${name}/2026-11-${String(17 + i).padStart(2, '0')}.md`);
  return {
    from: new Date(NOW - 7 * 86_400_000).toISOString(),
    to: new Date(NOW).toISOString(),
    agents: [
      {
        name: 'alpha',
        week: { runs: 2, byStatus: { OK: 1, EMPTY: 1 }, costUsd: 0.024 },
        outputs: outputs('alpha', 5),
        alerts: [],
        lastReview: null,
      },
      {
        name: 'bravo',
        week: { runs: 1, byStatus: { TIMEOUT: 1 }, costUsd: 0.4 },
        outputs: outputs('bravo', 1),
        alerts: [],
        lastReview: null,
      },
      { name: 'charlie', week: { runs: 0, byStatus: {}, costUsd: 0 }, outputs: [], alerts: [], lastReview: null },
    ],
  };
}

function reviewing(seed = 7): ConsoleState {
  const state = press(loaded(undefined, { seed }), 'R');
  return takeEffects(
    reduce({ ...state, pending: [] }, { type: 'data-loaded', data: { kind: 'review', review: week() } }),
  )[0];
}

describe('the review walk', () => {
  it('draws a random output of the week for the first agent and asks for its text', () => {
    const state = press(loaded(), 'R');
    const next = reduce({ ...state, pending: [] }, { type: 'data-loaded', data: { kind: 'review', review: week() } });
    const drawn = next.progress.drawn.alpha as string;
    expect(week().agents[0]?.outputs).toContain(drawn);
    expect(next.pending).toEqual([{ kind: 'load-text', file: drawn }]);
  });

  it('n draws another output, never the same one twice in a row', () => {
    let state = reviewing();
    const seen = new Set<string>();
    let previous = state.progress.drawn.alpha;
    for (let i = 0; i < 200; i++) {
      state = takeEffects(press(state, 'n'))[0];
      const drawn = state.progress.drawn.alpha as string;
      expect(drawn).not.toBe(previous);
      seen.add(drawn);
      previous = drawn;
    }
    expect(seen.size).toBe(5);
  });

  it('pickOutput: nothing to draw from, one output, or a choice excluding the current one', () => {
    expect(pickOutput([], null, 1).file).toBeNull();
    expect(pickOutput(['a'], 'a', 1).file).toBe('a');
    for (let seed = 0; seed < 50; seed++) expect(pickOutput(['a', 'b'], 'a', seed).file).toBe('b');
  });

  it('n with one output, or none, says so and keeps it', () => {
    let state = press(reviewing(), 'l');
    expect(state.progress.drawn.bravo).toBe('outputs/bravo/2026-11-17.md');
    state = press(state, 'n');
    expect(state.flash?.text).toMatch(/only one output/);
    state = press(state, 'l', 'n');
    expect(state.progress.drawn.charlie).toBeNull();
    expect(state.flash?.text).toMatch(/no output this week/);
  });

  it('m marks reviewed with an optional note and moves on; c flags a concern; tab toggles it', () => {
    let state = press(reviewing(), 'm');
    expect(modeOf(state)).toBe('prompt');
    state = press(state, 'o', 'k', 'enter');
    expect(state.pending[0]).toEqual({
      kind: 'review',
      agent: 'alpha',
      note: 'ok',
      concern: false,
      outputFile: state.progress.drawn.alpha,
    });
    expect(state.pending[1]).toEqual({ kind: 'load-text', file: 'outputs/bravo/2026-11-17.md' }); // the next agent's draw
    expect(topView(state)).toMatchObject({ kind: 'review', index: 1 });
    state = takeEffects(state)[0];
    state = press(state, 'c', 't', 'o', 'o', ' ', 's', 'l', 'o', 'w', 'enter');
    expect(state.pending[0]).toEqual({
      kind: 'review',
      agent: 'bravo',
      note: 'too slow',
      concern: true,
      outputFile: 'outputs/bravo/2026-11-17.md',
    });
    state = takeEffects(state)[0];
    state = press(state, 'm', 'tab', 'enter');
    expect(state.pending[0]).toMatchObject({ agent: 'charlie', note: null, concern: true });
    expect(reviewCounts(state)).toEqual({ total: 3, reviewed: 3, concerns: 2 });
    expect(plainText(progressLine(state, 3))).toMatch(/^3\/3 reviewed, 2 with concerns/);
  });

  it('ends in a summary of what needs a look', () => {
    let state = press(reviewing(), 'c', 'w', 'h', 'y', 'enter', 'l', 'l');
    expect(topView(state)).toMatchObject({ index: 3 });
    const summary = reviewSummary(state).map(plainText).join('\n');
    expect(summary).toMatch(/1 of 3 agents reviewed, 1 with concerns/);
    expect(summary).toMatch(/alpha: concern — why/);
    expect(summary).toMatch(/bravo: not reviewed/);
    expect(summary).toMatch(/bravo: last run TIMEOUT/);
    state = press(state, 'esc', 'R');
    expect(topView(state)).toMatchObject({ kind: 'review', index: 1 }); // resumes at the first agent not marked
  });

  it('lists what `nightshift review` says needs a look (one rule): the week\u2019s runs not OK', () => {
    const state = press(reviewing(), 'm', 'enter', 'l', 'l');
    const summary = reviewSummary(state).map(plainText).join('\n');
    expect(summary).toMatch(/alpha: 1 of 2 runs not OK this week/); // EMPTY is not OK
    expect(summary).toMatch(/bravo: 1 of 1 runs not OK this week/);
    expect(summary).not.toMatch(/charlie: .*runs not OK/);
  });

  it('shows the agent’s week: runs by status, cost, the drawn output', () => {
    const state = press(reviewing(), 'l');
    const model = reviewAgentModel(state, week().agents[1]!, 100);
    const text = model.lines.map(plainText).join('\n');
    expect(text).toMatch(/last run TIMEOUT/);
    expect(text).toMatch(/this week 1 run \(1 TIMEOUT\) · \$0\.40 spent/);
    expect(text).toMatch(/random output outputs\/bravo\/2026-11-17\.md \(1 of 1 this week\)/);
  });

  it('is refused in read-only, but the walk itself works', () => {
    const state = reviewing();
    const ro = { ...state, readonly: true };
    expect(press(ro, 'm').flash?.text).toMatch(/read-only/);
    expect(topView(press(ro, 'l'))).toMatchObject({ index: 1 });
  });

  it('the same seed draws the same outputs (deterministic under test)', () => {
    expect(reviewing(42).progress.drawn.alpha).toBe(reviewing(42).progress.drawn.alpha);
  });
});

describe('an agent named "constructor" in the review', () => {
  it('is drawn for and walked like any other, not taken as already marked', () => {
    const data = week();
    data.agents = [{ ...data.agents[0]!, name: 'constructor', outputs: ['outputs/constructor/2026-11-17.md'] }];
    const state = press(loaded(), 'R');
    const next = reduce({ ...state, pending: [] }, { type: 'data-loaded', data: { kind: 'review', review: data } });
    expect(Object.entries(next.progress.drawn)).toEqual([['constructor', 'outputs/constructor/2026-11-17.md']]);
    expect(next.pending).toEqual([{ kind: 'load-text', file: 'outputs/constructor/2026-11-17.md' }]);
  });
});
