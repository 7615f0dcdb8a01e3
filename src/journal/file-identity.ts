import { contentHash } from '../shared/index.js';
import type { FileHandle } from 'node:fs/promises';
import { FINGERPRINT_BYTES, type FileIdentity, type FileIndex, type Fingerprint } from './file-index.js';
import { readRange, unreadable } from './line-source.js';

/**
 * Is this still the file the index was built from? An append-only journal
 * keeps its inode and its bytes; rotation, truncation and replacement change
 * one of: the inode, the size (shorter), the first bytes, or the bytes just
 * before where the index stopped. A rewrite in place to the same size shows
 * in the mtime.
 */
export async function identityOf(handle: FileHandle, file: string): Promise<FileIdentity> {
  try {
    const stat = await handle.stat({ bigint: true });
    return {
      dev: stat.dev.toString(),
      ino: stat.ino.toString(),
      size: Number(stat.size),
      mtimeNs: stat.mtimeNs.toString(),
    };
  } catch (error) {
    throw unreadable(file, error);
  }
}

async function hashRange(handle: FileHandle, file: string, start: number, length: number): Promise<string> {
  return contentHash(readRange(handle, file, start, length));
}

export async function fingerprintOf(handle: FileHandle, file: string, covered: number): Promise<Fingerprint> {
  const headLength = Math.min(FINGERPRINT_BYTES, covered);
  const tailLength = Math.min(FINGERPRINT_BYTES, covered);
  return {
    headLength,
    head: await hashRange(handle, file, 0, headLength),
    tailLength,
    tail: await hashRange(handle, file, covered - tailLength, tailLength),
  };
}

/** True when the file at `handle` holds, unchanged, the bytes `index` covers (it may have grown). */
export async function stillCovers(
  handle: FileHandle,
  file: string,
  identity: FileIdentity,
  index: FileIndex,
): Promise<boolean> {
  const was = index.identity;
  if (identity.dev !== was.dev || identity.ino !== was.ino) return false;
  if (identity.size < index.covered) return false;
  if (identity.size === was.size && identity.mtimeNs !== was.mtimeNs) return false;
  const { fingerprint } = index;
  if (fingerprint.headLength !== Math.min(FINGERPRINT_BYTES, index.covered)) return false;
  if (fingerprint.tailLength !== Math.min(FINGERPRINT_BYTES, index.covered)) return false;
  if ((await hashRange(handle, file, 0, fingerprint.headLength)) !== fingerprint.head) return false;
  return (
    (await hashRange(handle, file, index.covered - fingerprint.tailLength, fingerprint.tailLength)) === fingerprint.tail
  );
}

/** Archives are written once: the same inode, size and mtime mean the same archive. */
export function sameArchive(identity: FileIdentity, index: FileIndex): boolean {
  const was = index.identity;
  return (
    identity.dev === was.dev &&
    identity.ino === was.ino &&
    identity.size === was.size &&
    identity.mtimeNs === was.mtimeNs
  );
}
