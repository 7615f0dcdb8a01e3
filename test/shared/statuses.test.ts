import { describe, expect, test } from 'vitest';
import { isNeutral, isNotOk, RUN_STATUSES, runOutcome, statusSeverity } from '../../src/shared/index.js';

describe('what a status says about the agent', () => {
  test('only OK is ok, SKIPPED is neutral, every other status (MISSED too) is not OK', () => {
    expect(runOutcome('OK')).toBe('ok');
    expect(runOutcome('SKIPPED')).toBe('neutral');
    expect(runOutcome('MISSED')).toBe('not_ok');
    const notOk = RUN_STATUSES.filter(isNotOk);
    expect(notOk).toHaveLength(RUN_STATUSES.length - 2);
    expect(notOk).not.toContain('OK');
    expect(notOk).not.toContain('SKIPPED');
    expect(RUN_STATUSES.filter(isNeutral)).toEqual(['SKIPPED']);
  });

  test('a neutral or not-OK status is never healthy in colour either', () => {
    for (const status of RUN_STATUSES) expect(statusSeverity(status) === 'ok').toBe(runOutcome(status) === 'ok');
  });
});
