import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { formatSize } from '../agents/index.js';
import { expandTilde } from '../home/index.js';
import { resolveInputLink } from './input-link.js';
import { TextCheck } from './text-check.js';

/**
 * The input check before any model call (DESIGN §3 step 2). Size comes from
 * stat, so a file over the limit is never opened; a file within it is read in
 * chunks through TextCheck and never held whole. The file is followed to
 * where it really is first (input-link.ts): `file` in a `ready` verdict is
 * that real path, the one the runner is given and the record keeps.
 */
export type Preflight =
  | { kind: 'ready'; file: string; sizeBytes: number }
  | { kind: 'empty'; file: string; sizeBytes: number | null; reason: string }
  | { kind: 'too-large'; file: string; sizeBytes: number; reason: string }
  | { kind: 'unexpected'; file: string; sizeBytes: number | null; reason: string };

export const PREFLIGHT_CHUNK_BYTES = 64 * 1024;

/** `~/x` is the user's home; a relative path is relative to the nightshift home, never to the caller's cwd. */
export function resolveInputPath(path: string, homeRoot: string): string {
  const expanded = expandTilde(path);
  return isAbsolute(expanded) ? expanded : resolve(homeRoot, expanded);
}

export async function preflightInput(
  declared: string,
  maxBytes: number,
  chunkBytes = PREFLIGHT_CHUNK_BYTES,
  options: { followSymlinks?: boolean } = {},
): Promise<Preflight> {
  const link = await resolveInputLink(declared, options.followSymlinks ?? false);
  if (link.kind === 'missing') return { kind: 'empty', file: declared, sizeBytes: null, reason: link.reason };
  if (link.kind === 'refused') return { kind: 'unexpected', file: declared, sizeBytes: null, reason: link.reason };
  const file = link.file;
  let size: number;
  try {
    // lstat: `file` has no link in it; one there now appeared since, and is not a regular file
    const info = await lstat(file);
    if (!info.isFile())
      return {
        kind: 'unexpected',
        file,
        sizeBytes: null,
        reason: `input ${file} is ${info.isDirectory() ? 'a directory' : 'not a regular file'}: expected a text file`,
      };
    size = info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return { kind: 'empty', file, sizeBytes: null, reason: `input ${file} is missing` };
    return {
      kind: 'unexpected',
      file,
      sizeBytes: null,
      reason: `input ${file} cannot be read: ${code ?? (error as Error).message}`,
    };
  }
  if (size === 0) return { kind: 'empty', file, sizeBytes: 0, reason: `input ${file} is empty (0 bytes)` };
  if (size > maxBytes) return tooLarge(file, size, maxBytes);
  return readAndCheck(file, size, maxBytes, chunkBytes);
}

function tooLarge(file: string, size: number, maxBytes: number): Preflight {
  return {
    kind: 'too-large',
    file,
    sizeBytes: size,
    reason: `input ${file} is ${formatSize(size)} (${size} bytes), over its max_bytes of ${formatSize(maxBytes)}`,
  };
}

async function readAndCheck(file: string, size: number, maxBytes: number, chunkBytes: number): Promise<Preflight> {
  let handle;
  try {
    // O_NONBLOCK: a file swapped for a FIFO since the stat must not hang the harness.
    // O_NOFOLLOW: the path was resolved to no link at all; one there now was put there since, and is not followed.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    return {
      kind: 'unexpected',
      file,
      sizeBytes: size,
      reason: `input ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    };
  }
  try {
    const check = new TextCheck();
    const buffer = Buffer.alloc(Math.min(chunkBytes, maxBytes + 1));
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      // It grew since the stat: stop at the limit rather than read what keeps coming.
      if (total > maxBytes) return tooLarge(file, Math.max(total, (await handle.stat()).size), maxBytes);
      const verdict = check.push(buffer.subarray(0, bytesRead));
      if (!verdict.ok)
        return { kind: 'unexpected', file, sizeBytes: size, reason: `input ${file} is not text: ${verdict.problem}` };
    }
    const end = check.end();
    if (!end.ok)
      return { kind: 'unexpected', file, sizeBytes: total, reason: `input ${file} is not text: ${end.problem}` };
    if (!check.hasText)
      return { kind: 'empty', file, sizeBytes: total, reason: `input ${file} holds only whitespace (${total} bytes)` };
    return { kind: 'ready', file, sizeBytes: total };
  } finally {
    await handle.close();
  }
}
