import { describe, expect, test } from 'vitest';
import { paint } from '../../src/text/style.js';
import { formatTable } from '../../src/text/table.js';
import { safeJson, visible } from '../../src/text/index.js';

/** The one function that turns foreign text into what a terminal may be given (src/text/visible.ts). */
describe('visible', () => {
  test.each([
    ['OSC 52 clipboard write', '\x1b]52;c;cHduZWQ=\x07', '^[]52;c;cHduZWQ=^G'],
    ['OSC 0 title', '\x1b]0;owned\x07', '^[]0;owned^G'],
    ['screen clear', '\x1b[2J', '^[[2J'],
    ['a colour of its own', '\x1b[31mred\x1b[39m', '^[[31mred^[[39m'],
    ['NUL, BEL, backspace, VT, FF', '\x00\x07\x08\x0b\x0c', '^@^G^H^K^L'],
    ['a bare CR, which would rewrite the line', 'safe\rEVIL', 'safe^MEVIL'],
    ['DEL', 'a\x7fb', 'a^?b'],
    ['C1 CSI and NEL, OSC, ST', '\u009b2J\u0085\u009d\u009c', '<U+009B>2J<U+0085><U+009D><U+009C>'],
    ['bidi overrides and isolates', '\u202ecod.exe\u202c \u2066x\u2069', '<U+202E>cod.exe<U+202C> <U+2066>x<U+2069>'],
    ['bidi marks', '\u200e\u200f\u061c', '<U+200E><U+200F><U+061C>'],
  ])('%s is shown', (_name, text, shown) => {
    expect(visible(text)).toBe(shown);
  });

  test('newline and tab stay; CR LF is a line end; other text is untouched', () => {
    expect(visible('a\tb\nc\r\nd')).toBe('a\tb\nc\nd');
    const plain = 'Déjà vu — ▁▂▃ ✓ 日本 👩‍💻 ^[ literal';
    expect(visible(plain)).toBe(plain);
  });

  test('idempotent: what it returns holds nothing it would change', () => {
    const once = visible('\x1b]52;c;x\x07\u009b\u202e\r\x7f');
    expect(visible(once)).toBe(once);
  });

  test("keepStyle keeps exactly nightshift's own colour sequences and shows every other one", () => {
    const own = '\x1b[31mred\x1b[39m \x1b[1mbold\x1b[22m \x1b[90mgray\x1b[39m';
    expect(visible(own, { keepStyle: true })).toBe(own);
    expect(visible('\x1b[5mblink\x1b[0m \x1b[31;1mx\x1b]0;t\x07', { keepStyle: true })).toBe(
      '^[[5mblink^[[0m ^[[31;1mx^[]0;t^G',
    );
  });
});

describe('paint and the table show foreign text before colouring it', () => {
  test("paint: the colour is nightshift's, the text inside it is shown", () => {
    expect(paint('stop \x1b]0;t\x07', 'red', true)).toBe('\x1b[31mstop ^[]0;t^G\x1b[39m');
    expect(paint('stop \x1b[2J', 'red', false)).toBe('stop ^[[2J');
  });

  test('a table cell is shown, one line, measured as shown, and coloured only by its column', () => {
    const rows = [{ name: 'a', reason: 'x\x1b[2Jy\nz' }];
    const table = formatTable(rows, [
      { header: 'NAME', value: (r) => r.name },
      { header: 'REASON', value: (r) => r.reason },
    ]);
    expect(table).toBe('NAME  REASON\na     x^[[2Jy z');
  });
});

describe('safeJson', () => {
  test('escapes DEL, C1 and bidi controls as well as C0, and parses back to the same value', () => {
    const value = { reason: 'a\x1b]52;c;x\x07 \u009b2J \u202eevil \x7f \u2066' };
    const text = safeJson(value, 2);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('\\u009b2J \\u202eevil \\u007f \\u2066');
    expect(JSON.parse(text)).toEqual(value);
  });
});
