/**
 * A 64-bit digest (16 hex digits) that says whether content changed: keys of
 * the parse caches, the journal's fingerprints, the index's checksum. Not for
 * anything an adversary chooses; the audit fields stay SHA-256.
 *
 * In plain JavaScript because a run hashes ~100 KB of them and loading
 * node:crypto alone costs ~4 ms. The bytes are read as 32-bit words, four
 * lanes at a time: few enough loop turns that a 30 KB index hashes before V8
 * would stop to optimise the loop (~0.5 ms cold), and about SHA-256's native
 * speed on megabytes. Each lane's step (xor, multiply by an odd constant,
 * rotate) is a bijection, as is the final mix, so a change of one word always
 * changes the digest.
 */
type Part = string | Uint8Array;

const SEPARATOR = Uint8Array.of(0x1f);

export function contentHash(...parts: Part[]): string {
  const bytes = wordAligned(joined(parts));
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
  const count = words.length;
  let h1 = 0xdeadbeef ^ bytes.length;
  let h2 = 0x41c6ce57;
  let h3 = 0x9e3779b9;
  let h4 = 0x7f4a7c15;
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    h1 = Math.imul(h1 ^ (words[i] as number), 2654435761);
    h2 = Math.imul(h2 ^ (words[i + 1] as number), 1597334677);
    h3 = Math.imul(h3 ^ (words[i + 2] as number), 2246822519);
    h4 = Math.imul(h4 ^ (words[i + 3] as number), 3266489917);
    h1 = (h1 << 13) | (h1 >>> 19);
    h2 = (h2 << 15) | (h2 >>> 17);
    h3 = (h3 << 11) | (h3 >>> 21);
    h4 = (h4 << 17) | (h4 >>> 15);
  }
  for (; i < count; i++) h1 = Math.imul(h1 ^ (words[i] as number), 2654435761);
  for (let at = count * 4; at < bytes.length; at++) h2 = Math.imul(h2 ^ (bytes[at] as number), 1597334677);
  h1 ^= h3;
  h2 ^= h4;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return hex32(h2) + hex32(h1);
}

/** The parts' bytes (strings as UTF-8) with a separator between them, so ("ab", "c") and ("a", "bc") differ. */
function joined(parts: Part[]): Uint8Array {
  const buffers: Uint8Array[] = [];
  parts.forEach((part, i) => {
    if (i > 0) buffers.push(SEPARATOR);
    buffers.push(typeof part === 'string' ? Buffer.from(part, 'utf8') : part);
  });
  return buffers.length === 1 ? (buffers[0] as Uint8Array) : Buffer.concat(buffers);
}

/** An Int32Array view needs a byte offset that is a multiple of 4; small Buffers share a pool and often have none. */
function wordAligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
}

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}
