import { describe, expect, test } from 'vitest';
import {
  exitCodeFor,
  isNeutral,
  isNotOk,
  isRefused,
  RUN_EXIT,
  RUN_STATUSES,
  runOutcome,
  statusSeverity,
} from '../../src/shared/index.js';

describe('what a status says about the agent', () => {
  test('only OK is ok, SKIPPED and KILLED are neutral, every other status (MISSED too) is not OK', () => {
    expect(runOutcome('OK')).toBe('ok');
    expect(runOutcome('SKIPPED')).toBe('neutral');
    expect(runOutcome('KILLED')).toBe('neutral');
    expect(runOutcome('MISSED')).toBe('not_ok');
    const notOk = RUN_STATUSES.filter(isNotOk);
    expect(notOk).toHaveLength(RUN_STATUSES.length - 3);
    expect(notOk).not.toContain('OK');
    expect(notOk).not.toContain('SKIPPED');
    expect(notOk).not.toContain('KILLED');
    expect(RUN_STATUSES.filter(isNeutral)).toEqual(['SKIPPED', 'KILLED']);
  });

  test('an operator kill is no failure but no refusal either: it may have cost, it is a notice, it exits as a run that did not finish', () => {
    expect(RUN_STATUSES.filter(isRefused)).toEqual(['SKIPPED']);
    expect(statusSeverity('KILLED')).toBe('notice');
    expect(exitCodeFor('KILLED')).toBe(RUN_EXIT.FAILED);
  });

  test('a neutral or not-OK status is never healthy in colour either', () => {
    for (const status of RUN_STATUSES) expect(statusSeverity(status) === 'ok').toBe(runOutcome(status) === 'ok');
  });
});
