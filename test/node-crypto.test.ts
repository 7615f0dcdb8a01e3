import { describe, expect, test } from 'vitest';
import { randomBytes, randomUuid, sha256Hex } from '../src/node-crypto.js';

describe('node-crypto', () => {
  test('sha256Hex is SHA-256 (FIPS 180-2 test vectors)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(Buffer.from(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  test('randomUuid: version 4, variant 1, and 10,000 of them all different', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const id = randomUuid();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(10_000);
  });

  test('randomBytes gives as many bytes as asked, and not the same twice', () => {
    const a = randomBytes(32);
    expect(a).toHaveLength(32);
    expect(a.equals(randomBytes(32))).toBe(false);
    expect(randomBytes(0)).toHaveLength(0);
  });
});
