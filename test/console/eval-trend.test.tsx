import { render } from 'ink-testing-library';
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/console/app.js';
import { createStore } from '../../src/console/store.js';
import type { AgentDetail, ConsoleState } from '../../src/console/state/types.js';
import { caseTrend } from '../../src/governance/eval/trend.js';
import type { EvalRecord } from '../../src/journal/index.js';
import { apply, loaded, press, run } from './support.js';

/** The agent view's line with each eval case's content-score trend (logs/evals.jsonl), and the room it takes. */
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

function evalRecord(caseName: string, similarity: number | null, passed: boolean, i: number): EvalRecord {
  return {
    v: 1,
    at: new Date(Date.UTC(2026, 10, 1 + i)).toISOString(),
    agent: 'bravo',
    case: caseName,
    run_id: null,
    status: 'OK',
    passed,
    failures: passed ? [] : ['content score 0.000 is under min_similarity 0.6: …'],
    baseline: false,
    similarity,
  };
}

function detail(evals: AgentDetail['evals']): AgentDetail {
  return { agent: 'bravo', runs: [run('bravo')], changes: [], lastOutputFile: null, hasRunbook: false, evals };
}

async function agentFrame(state: ConsoleState, rows: number): Promise<string> {
  const store = createStore({ ...state, pending: [] }, () => undefined);
  await act(async () => {
    mounted = render(<App store={store} />);
  });
  const frame = plain(mounted!.lastFrame());
  expect(frame.split('\n').length).toBeLessThanOrEqual(rows - 1);
  return frame;
}

describe('the eval trend in the agent view', () => {
  const day = caseTrend('day', [
    evalRecord('day', null, true, 0),
    evalRecord('day', 1, true, 1),
    evalRecord('day', 1, true, 2),
    evalRecord('day', 0, false, 3),
  ])!;
  const night = caseTrend('night', [evalRecord('night', 0.9, true, 0), evalRecord('night', 0.95, true, 1)])!;

  it('one line: per case the sparkline, the last score and the median; a failing case says FAIL', async () => {
    const rows = 30;
    const opened = press(loaded(undefined, { rows }), 'j', 'enter');
    const state = apply(opened, { type: 'data-loaded', data: { kind: 'agent', detail: detail([day, night]) } });
    const frame = await agentFrame(state, rows);
    expect(frame).toContain('evals    day ·██▁ 0.000 (median 1.000) FAIL · night ▇█ 0.950 (median 0.925)');
  });

  it('no line for an agent without evals: the view is as before', async () => {
    const rows = 30;
    const opened = press(loaded(undefined, { rows }), 'j', 'enter');
    const state = apply(opened, { type: 'data-loaded', data: { kind: 'agent', detail: detail([]) } });
    expect(await agentFrame(state, rows)).not.toContain('evals ');
  });
});
