import { describe, expect, test } from 'vitest';
import { readProtocol } from '../../src/harness/index.js';

describe('readProtocol', () => {
  test('a declared status and the body before it', () => {
    expect(readProtocol('Day summary:\n- a\nSTATUS: OK\nEND_OF_RUN\n')).toEqual({
      kind: 'declared',
      word: 'OK',
      body: 'Day summary:\n- a',
    });
  });

  test('trailing blank lines, CRLF, spaces and a lower-case word are tolerated', () => {
    expect(readProtocol('x\r\nSTATUS:   partial  \r\n\r\n  END_OF_RUN  \r\n\n\n')).toMatchObject({
      kind: 'declared',
      word: 'PARTIAL',
    });
  });

  test('blank lines between STATUS and END_OF_RUN do not matter: only non-empty lines count', () => {
    expect(readProtocol('STATUS: EMPTY\n\nEND_OF_RUN')).toMatchObject({ kind: 'declared', word: 'EMPTY', body: '' });
  });

  test('no END_OF_RUN at all', () => {
    expect(readProtocol('- a\nSTATUS: OK\n')).toEqual({
      kind: 'no-end',
      detail: 'no END_OF_RUN line; the last line is "STATUS: OK"',
    });
  });

  test('END_OF_RUN that is not last', () => {
    expect(readProtocol('STATUS: OK\nEND_OF_RUN\nmore\nand more\n')).toEqual({
      kind: 'no-end',
      detail: 'END_OF_RUN is followed by 2 more lines',
    });
  });

  test('empty output', () => {
    expect(readProtocol('  \n\n')).toEqual({ kind: 'no-end', detail: 'the output is empty' });
  });

  test('END_OF_RUN without a STATUS line before it', () => {
    expect(readProtocol('- a\nEND_OF_RUN\n')).toEqual({
      kind: 'no-status',
      detail: 'END_OF_RUN is not preceded by a STATUS: line (found "- a")',
    });
    expect(readProtocol('END_OF_RUN')).toMatchObject({ kind: 'no-status' });
  });

  test('a STATUS line with several words keeps them all, for the reason', () => {
    expect(readProtocol('STATUS: OK | ERROR\nEND_OF_RUN')).toMatchObject({ kind: 'declared', word: 'OK | ERROR' });
  });

  test('a long offending line is quoted short', () => {
    const reading = readProtocol(`${'x'.repeat(500)}\n`);
    expect(reading.kind).toBe('no-end');
    expect(reading.kind === 'no-end' && reading.detail.length).toBeLessThan(150);
  });
});
