import { closeSync, openSync, readSync } from 'node:fs';
import { builtin } from './builtin.js';
import { once } from './lazy.js';

/**
 * node:crypto, loaded at its first use. Loading it costs ~4 ms, and a run
 * needs none of it: its id comes from /dev/urandom, cache keys and journal
 * fingerprints from contentHash. Nothing in src/ imports node:crypto itself
 * (test/lazy-builtins.test.ts holds that), or its load would be back in every
 * command's start.
 */
export const nodeCrypto = once(() => builtin<typeof import('node:crypto')>('node:crypto'));

/** SHA-256, hex: for what a record calls sha256 (an agent's prompt and definition) and for archives. */
export function sha256Hex(data: string | Uint8Array): string {
  return nodeCrypto().createHash('sha256').update(data).digest('hex');
}

/** `count` random bytes from the kernel, as node:crypto's own would be; node:crypto itself where there is no /dev/urandom. */
export function randomBytes(count: number): Buffer {
  const bytes = Buffer.alloc(count);
  let fd: number | undefined;
  try {
    fd = openSync('/dev/urandom', 'r');
    let filled = 0;
    while (filled < count) filled += readSync(fd, bytes, filled, count - filled, null);
    return bytes;
  } catch {
    return nodeCrypto().randomBytes(count);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A random (version 4) UUID, like crypto.randomUUID(). */
export function randomUuid(): string {
  const bytes = randomBytes(16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
