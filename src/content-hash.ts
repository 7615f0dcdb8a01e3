import { nodeCrypto } from './node-crypto.js';

/**
 * A 64-bit digest (16 hex digits) that says whether content changed: keys of
 * the parse caches, the journal's fingerprints, the index's checksum. Not for
 * anything an adversary chooses; the audit fields stay SHA-256.
 *
 * Small inputs, which is what a run hashes, go through two multiply-xorshift
 * lanes in plain JavaScript (cyrb53's, both 32 bits kept), which costs less
 * than loading node:crypto; from LARGE_INPUT on, SHA-256's first 64 bits,
 * where native speed repays the load. The choice goes by the input's size
 * alone, so the same content always gets the same digest.
 */
export const LARGE_INPUT = 256 * 1024;

type Part = string | Uint8Array;

export function contentHash(...parts: Part[]): string {
  let size = parts.length;
  for (const part of parts) size += part.length;
  if (size >= LARGE_INPUT) return largeHash(parts);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p] as Part;
    if (p > 0) {
      // parts are separated, so ("ab", "c") and ("a", "bc") differ
      h1 = Math.imul(h1 ^ 0x1f, 2654435761);
      h2 = Math.imul(h2 ^ 0x1f, 1597334677);
    }
    if (typeof part === 'string') {
      for (let i = 0; i < part.length; i++) {
        const unit = part.charCodeAt(i);
        h1 = Math.imul(h1 ^ unit, 2654435761);
        h2 = Math.imul(h2 ^ unit, 1597334677);
      }
    } else {
      for (let i = 0; i < part.length; i++) {
        const byte = part[i] as number;
        h1 = Math.imul(h1 ^ byte, 2654435761);
        h2 = Math.imul(h2 ^ byte, 1597334677);
      }
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return hex32(h2) + hex32(h1);
}

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

function largeHash(parts: Part[]): string {
  const hash = nodeCrypto().createHash('sha256');
  parts.forEach((part, i) => {
    if (i > 0) hash.update(SEPARATOR);
    hash.update(part);
  });
  return hash.digest('hex').slice(0, 16);
}

const SEPARATOR = Uint8Array.of(0x1f);
