import { createHash } from 'node:crypto';

/** SHA-256, hex: for what a record calls sha256 (an agent's prompt and definition) and for archives. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const SEPARATOR = Uint8Array.of(0x1f);

/**
 * Whether content changed, in 16 hex digits (the first 64 bits of SHA-256):
 * keys of the parse caches, the journal's fingerprints, the index's checksum.
 * The parts (strings as UTF-8) are hashed with a separator between them, so
 * ("ab", "c") and ("a", "bc") differ.
 */
export function contentHash(...parts: Array<string | Uint8Array>): string {
  const hash = createHash('sha256');
  parts.forEach((part, i) => {
    if (i > 0) hash.update(SEPARATOR);
    hash.update(part);
  });
  return hash.digest('hex').slice(0, 16);
}
