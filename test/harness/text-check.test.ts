import { describe, expect, test } from 'vitest';
import { firstInvalidSequence, incompleteSuffix, TextCheck } from '../../src/harness/text-check.js';

/** Fed through one reused buffer, as preflight reads a file. */
function checkInChunks(bytes: Uint8Array, size: number): { ok: boolean; offset?: number; hasText: boolean } {
  const check = new TextCheck();
  const buffer = Buffer.alloc(size);
  for (let i = 0; i < bytes.length; i += size) {
    const n = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).copy(buffer, 0, i, i + size);
    const verdict = check.push(buffer.subarray(0, n));
    if (!verdict.ok) return { ok: false, offset: verdict.offset, hasText: check.hasText };
  }
  const end = check.end();
  return end.ok ? { ok: true, hasText: check.hasText } : { ok: false, offset: end.offset, hasText: check.hasText };
}

describe('TextCheck', () => {
  const text = Buffer.from('09:15 - Déployé v1.42 → prod 🚀\n日本語のログ\n');

  test('valid UTF-8 passes whatever the chunk boundaries, through multi-byte characters', () => {
    for (let size = 1; size <= text.length; size++)
      expect(checkInChunks(text, size)).toEqual({ ok: true, hasText: true });
  });

  test('the offset of the first invalid byte, at any chunking', () => {
    const bad = Buffer.concat([Buffer.from('abc é '), Buffer.from([0xe2, 0x28, 0xa1]), Buffer.from(' tail')]);
    for (let size = 1; size <= bad.length; size++)
      expect(checkInChunks(bad, size)).toMatchObject({ ok: false, offset: 7 }); // 'abc é ' is 7 bytes;
  });

  test('a NUL byte is binary, at its offset; whichever bad byte comes first is named', () => {
    expect(checkInChunks(Buffer.from('hello\0world'), 4)).toMatchObject({ ok: false, offset: 5 });
    expect(checkInChunks(Buffer.concat([Buffer.from('ab'), Buffer.from([0xff]), Buffer.from('\0')]), 64)).toMatchObject(
      { ok: false, offset: 2 },
    );
    expect(checkInChunks(Buffer.concat([Buffer.from('a\0'), Buffer.from([0xff])]), 64)).toMatchObject({
      ok: false,
      offset: 1,
    });
  });

  test('a sequence cut off at the end of the stream is invalid at its lead byte', () => {
    expect(checkInChunks(Buffer.concat([Buffer.from('ok '), Buffer.from([0xe6, 0x97])]), 2)).toMatchObject({
      ok: false,
      offset: 3,
    });
  });

  test('overlong forms, surrogates and code points past U+10FFFF are invalid, as TextDecoder says', () => {
    for (const bytes of [
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80],
    ]) {
      expect(checkInChunks(Buffer.from([0x41, ...bytes]), 1)).toMatchObject({ ok: false, offset: 1 });
    }
  });

  test('whitespace only is text without content', () => {
    expect(checkInChunks(Buffer.from(' \n\t\r\n\u00a0\ufeff'), 3)).toEqual({ ok: true, hasText: false });
  });

  test('agrees with a fatal TextDecoder on random bytes', () => {
    let seed = 42;
    const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let round = 0; round < 300; round++) {
      const bytes = Buffer.from(
        Array.from({ length: 1 + Math.floor(random() * 40) }, () =>
          random() < 0.7 ? 0x20 + Math.floor(random() * 90) : 0x80 + Math.floor(random() * 128),
        ),
      );
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      const verdict = checkInChunks(bytes, 1 + Math.floor(random() * 7));
      expect(verdict.ok).toBe(valid && !bytes.includes(0));
      if (!valid)
        expect(verdict.offset).toBe(Math.min(firstInvalidSequence(bytes), bytes.length - incompleteSuffix(bytes)));
    }
  });
});
