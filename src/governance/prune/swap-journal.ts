import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import { type FileHandle, open, rename } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { appendLinesSync } from '../../journal/index.js';

/**
 * The last step of a rotation: the remainder becomes logs/runs.jsonl by
 * rename, carrying what writers appended to the old file while it was being
 * read; then, until the old file stops growing, what reaches it late (a
 * writer that opened it just before the rename) is appended to the new one.
 */
/** events.once rejects on 'error' and removes its listeners either way. */
export async function write(stream: WriteStream, data: Buffer): Promise<void> {
  if (!stream.write(data)) await once(stream, 'drain');
}

export function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

async function readRange(handle: FileHandle, from: number, to: number): Promise<Buffer> {
  const buffer = Buffer.alloc(Math.max(0, to - from));
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, from + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** Remainder + whatever was appended meanwhile → the journal, atomically; then late appends to the old file follow it. */
export async function swapIn(
  journal: string,
  old: FileHandle,
  processed: number,
  remainder: { temp: string; stream: WriteStream },
  settleMs: number,
): Promise<void> {
  let copied = (await old.stat()).size;
  await write(remainder.stream, await readRange(old, processed, copied));
  await closeStream(remainder.stream);
  const synced = await open(remainder.temp, 'r+');
  try {
    await synced.sync();
  } finally {
    await synced.close();
  }
  await rename(remainder.temp, journal);
  let quiet = 0;
  while (quiet < 2) {
    await sleep(settleMs / 2);
    const size = (await old.stat()).size;
    if (size > copied) {
      // through the journal's one append: on a fresh line, and never half of it
      appendLinesSync(journal, await readRange(old, copied, size));
      copied = size;
      quiet = 0;
    } else quiet++;
  }
}
