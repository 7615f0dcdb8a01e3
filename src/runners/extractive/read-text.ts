import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { InputText } from './summarize.js';

/**
 * Reads the input file, never more than maxBytes + 1 bytes: one byte past the
 * limit is enough to know it is too large. Missing and empty read as empty.
 */
export async function readInputText(path: string, maxBytes: number): Promise<InputText> {
  let handle;
  try {
    // the harness hands over the input with every link resolved: a link here now was put there since, and is not followed
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'empty' };
    throw error;
  }
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) return { kind: 'too-large', maxBytes };
    const bytes = buffer.subarray(0, filled);
    if (bytes.includes(0)) return { kind: 'not-text' };
    const text = bytes.toString('utf8');
    return text.trim().length === 0 ? { kind: 'empty' } : { kind: 'text', text };
  } finally {
    await handle.close();
  }
}
