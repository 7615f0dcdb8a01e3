import { describe, expect, test } from 'vitest';
import { READ_ONLY_MESSAGE } from '../../src/console/state/ops.js';
import { agent, alert, loaded, NOW, press, sampleFleet, takeEffects } from './support.js';

/** `a` in the Alerts view, in the reducer: what it asks, what it refuses, the effect it leaves for the effects layer. */
const acked = {
  kind: 'ack' as const,
  by: 'jo',
  reason: 'vendor outage',
  since: new Date(NOW - 60_000).toISOString(),
  until: null,
  agent: null,
  text: 'acked by jo: vendor outage',
};

describe('a in the Alerts view', () => {
  test('asks why; an empty reason is refused and the prompt stays; a reason makes the ack effect (source: the console)', () => {
    let state = press(loaded(), 'A', 'a');
    expect(state.overlay).toMatchObject({
      kind: 'prompt',
      purpose: { kind: 'ack', action: 'ack', key: 'non_ok:bravo' },
    });
    state = press(state, 'enter');
    expect(state.overlay).not.toBeNull();
    expect(state.flash).toMatchObject({ text: expect.stringContaining('a reason is required'), tone: 'error' });
    state = press(state, ...'known'.split(''), 'enter');
    const [after, effects] = takeEffects(state);
    expect(after.overlay).toBeNull();
    expect(effects).toContainEqual({ kind: 'ack', action: 'ack', key: 'non_ok:bravo', reason: 'known' });
  });

  test('on an acked alert: ends the ack, a reason optional', () => {
    const fleet = sampleFleet().map((a) =>
      a.name === 'bravo' ? agent('bravo', { openAlerts: [alert('bravo', { quiet: acked })] }) : a,
    );
    const state = press(loaded(fleet), 'A', 'a');
    expect(state.overlay).toMatchObject({ title: expect.stringContaining('End the ack of non_ok:bravo') });
    const [, effects] = takeEffects(press(state, 'enter'));
    expect(effects).toContainEqual({ kind: 'ack', action: 'unack', key: 'non_ok:bravo', reason: null });
  });

  test('--readonly refuses it; no alert selected says so; it does nothing outside the Alerts view', () => {
    expect(press(loaded(sampleFleet(), { readonly: true }), 'A', 'a').flash?.text).toBe(READ_ONLY_MESSAGE);
    expect(press(loaded([agent('alpha')]), 'A', 'a').flash?.text).toBe('no alert selected');
    expect(press(loaded(), 'a').overlay).toBeNull();
  });
});
