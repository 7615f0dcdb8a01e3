import { describe, expect, test } from 'vitest';
import type { ChangeRecord } from '../../src/journal/index.js';
import { pauseEnd } from '../../src/switches/index.js';

/** What the CLI and the console say about a pause's end, and about the end a second pause replaced. */
const AT = '2026-12-06T14:00:00.000Z';
const LATER = '2026-12-06T16:30:00.000Z';
const EVEN_LATER = '2026-12-06T18:00:00.000Z';
const PAST = '2026-12-06T13:00:00.000Z';
const entry = (state: string, paused_until: string | null) => ({
  state,
  reason: null,
  since: null,
  by: null,
  paused_until,
});
const pause = (before: unknown, until: string | null) =>
  ({
    v: 1,
    at: AT,
    by: 'op',
    action: 'pause',
    agent: 'a',
    reason: null,
    before,
    after: entry('paused', until),
    source: 'cli',
  }) as ChangeRecord;

describe('pauseEnd', () => {
  test('a first pause: its end in the home zone, or nothing to add', () => {
    expect(pauseEnd(pause(entry('enabled', null), LATER), 'Europe/Berlin')).toEqual({
      until: ' until 2026-12-06 17:30 Europe/Berlin',
      note: '',
    });
    expect(pauseEnd(pause(entry('enabled', null), null), 'UTC')).toEqual({ until: '', note: '' });
    // a pause whose end had passed is over: nothing was replaced
    expect(pauseEnd(pause(entry('paused', PAST), null), 'UTC')).toEqual({ until: '', note: '' });
  });

  test('a second pause without --until replaces the end, and says which', () => {
    expect(pauseEnd(pause(entry('paused', LATER), null), 'UTC')).toEqual({
      until: ' until resumed',
      note: 'This replaces its earlier end, 2026-12-06 16:30 UTC: to keep that end, pause with --until instead.',
    });
  });

  test('a second pause with --until: the earlier end, or that there was none', () => {
    expect(pauseEnd(pause(entry('paused', LATER), EVEN_LATER), 'UTC').note).toBe(
      'This replaces its earlier end, 2026-12-06 16:30 UTC.',
    );
    expect(pauseEnd(pause(entry('paused', null), EVEN_LATER), 'UTC').note).toBe(
      'It was paused until resumed; now it ends by itself.',
    );
  });
});
