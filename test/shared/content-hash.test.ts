import { describe, expect, test } from 'vitest';
import { contentHash, sha256Hex } from '../../src/shared/content-hash.js';
import { mulberry32 } from '../../src/shared/index.js';

function randomText(random: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++)
    text += String.fromCharCode(
      random() < 0.9 ? 32 + Math.floor(random() * 95) : 0x400 + Math.floor(random() * 0x2000),
    );
  return text;
}

describe('sha256Hex', () => {
  test('is SHA-256 (FIPS 180-2 test vectors)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(Buffer.from(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('contentHash', () => {
  test('is SHA-256 cut to its first 64 bits, the parts joined by a separator', () => {
    expect(contentHash('abc')).toBe(sha256Hex('abc').slice(0, 16));
    expect(contentHash('ab', 'c')).toBe(sha256Hex('ab\x1fc').slice(0, 16));
  });

  test('16 hex digits, the same for the same content, string or bytes alike in form', () => {
    expect(contentHash('agents/a.md', 'text')).toMatch(/^[0-9a-f]{16}$/);
    expect(contentHash('agents/a.md', 'text')).toBe(contentHash('agents/a.md', 'text'));
    expect(contentHash(Buffer.from('abc'))).toMatch(/^[0-9a-f]{16}$/);
  });

  test('parts are kept apart: moving a boundary changes the digest', () => {
    expect(contentHash('ab', 'c')).not.toBe(contentHash('a', 'bc'));
    expect(contentHash('abc')).not.toBe(contentHash('ab', 'c'));
    expect(contentHash('', '')).not.toBe(contentHash(''));
  });

  test('no two of 50,000 random inputs share a digest, and a one-character edit always changes it', () => {
    const random = mulberry32(17);
    const seen = new Map<string, string>();
    for (let i = 0; i < 50_000; i++) {
      const text = randomText(random, 1 + Math.floor(random() * 60));
      const digest = contentHash(text);
      const before = seen.get(digest);
      if (before !== undefined) expect(before).toBe(text);
      seen.set(digest, text);
    }
    for (let i = 0; i < 2000; i++) {
      const text = randomText(random, 1 + Math.floor(random() * 2000));
      const at = Math.floor(random() * text.length);
      const edited =
        text.slice(0, at) +
        String.fromCharCode((text.charCodeAt(at) + 1 + Math.floor(random() * 50)) % 0xd800) +
        text.slice(at + 1);
      expect(contentHash(edited)).not.toBe(contentHash(text));
    }
  });

  test('every length from 0 to 40 differs, and bytes at any offset in their buffer hash as a copy of them does', () => {
    const digests = new Set(Array.from({ length: 41 }, (_, n) => contentHash('a'.repeat(n))));
    expect(digests.size).toBe(41);
    const buffer = Buffer.from('xx{"format":4} and the rest of an index file');
    for (let offset = 0; offset < 5; offset++) {
      const view = buffer.subarray(offset);
      expect(contentHash(view)).toBe(contentHash(Uint8Array.from(view)));
    }
    expect(contentHash('héllo')).toBe(contentHash(Buffer.from('héllo', 'utf8')));
  });

  test('a one-byte change anywhere in a long text changes the digest', () => {
    const base = Buffer.from('0123456789abcdef'.repeat(4096) + 'tail!');
    const digest = contentHash(base);
    for (let at = 0; at < base.length; at += 997) {
      const edited = Buffer.from(base);
      edited[at] = (edited[at]! + 1) % 256;
      expect(contentHash(edited)).not.toBe(digest);
    }
  });
});
