import { readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { CorruptFileError, errorMessage } from '../shared/index.js';
import { LineSplitter, type LineBatch } from './line-splitter.js';

/**
 * The lines of a journal file, plain or gzip, in batches. Offsets are byte
 * offsets in the (uncompressed) data, so an index can return to a line later.
 * Memory stays bounded by one chunk plus the longest line, whatever the size
 * of the file.
 */
export interface LineRange {
  /** a line boundary to start at (default 0) */
  start?: number;
  /** stop before this offset (default: the end of the file as it is when reading starts) */
  end?: number;
  chunkBytes?: number;
  maxLineBytes?: number;
}

/** Read as one more line that could not be read: a gzip archive cut short or damaged. */
export interface StreamFailure {
  offset: number;
  problem: string;
}

export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

export function isGzipPath(file: string): boolean {
  return file.endsWith('.gz');
}

/** Opens a journal for reading; undefined when it does not exist (an empty journal). */
export async function openJournal(file: string): Promise<FileHandle | undefined> {
  try {
    return await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable(file, error);
  }
}

export function unreadable(file: string, error: unknown): CorruptFileError {
  return new CorruptFileError(file, `cannot read the journal: ${errorMessage(error)}`, {
    expected: 'a readable JSONL file',
    actual: (error as NodeJS.ErrnoException).code ?? 'an error',
    cause: error,
  });
}

/**
 * Yields the lines of an open journal. `onFailure` hears of a gzip stream that
 * breaks; the lines before the break still come back.
 */
export async function* readLineBatches(
  handle: FileHandle,
  file: string,
  range: LineRange = {},
  onFailure?: (failure: StreamFailure) => void,
): AsyncGenerator<LineBatch> {
  if (isGzipPath(file)) yield* gzipBatches(handle, range, onFailure);
  else yield* plainBatches(handle, file, range);
}

async function* plainBatches(handle: FileHandle, file: string, range: LineRange): AsyncGenerator<LineBatch> {
  const start = range.start ?? 0;
  let end = range.end;
  if (end === undefined) {
    try {
      end = (await handle.stat()).size;
    } catch (error) {
      throw unreadable(file, error);
    }
  }
  const splitter = new LineSplitter(start, range.maxLineBytes);
  const chunkBytes = range.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const small = end - start <= SMALL_RANGE_BYTES && end - start <= chunkBytes;
  const chunks = small ? [readRange(handle, file, start, end - start)] : chunksOf(handle, file, start, end, chunkBytes);
  for await (const chunk of chunks) for (const batch of splitter.push(chunk)) if (batch.texts.length > 0) yield batch;
  const last = splitter.finish();
  if (last.texts.length > 0) yield last;
}

/**
 * A range this small (the lines appended since an index was saved, mostly)
 * is read in one synchronous call into a buffer of its size: the double
 * buffering of chunksOf allocates two chunks and makes a thread-pool round trip a read.
 */
export const SMALL_RANGE_BYTES = 256 * 1024;

/** `length` bytes from `start` in synchronous reads, fewer where the file ends first: for ranges of a few KB to a few hundred. */
export function readRange(handle: FileHandle, file: string, start: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  try {
    while (filled < length) {
      const bytesRead = readSync(handle.fd, buffer, filled, length - filled, start + filled);
      if (bytesRead === 0) break; // the file shrank while we read: what is left is what there is
      filled += bytesRead;
    }
  } catch (error) {
    throw unreadable(file, error);
  }
  return buffer.subarray(0, filled);
}

/**
 * [start, end) in chunks, read with two buffers: the next chunk is read from
 * disk while the caller works through this one, which must be done with it by
 * then.
 */
async function* chunksOf(
  handle: FileHandle,
  file: string,
  start: number,
  end: number,
  chunkBytes: number,
): AsyncGenerator<Buffer> {
  let buffer = Buffer.allocUnsafe(chunkBytes);
  let spare = Buffer.allocUnsafe(chunkBytes);
  const readAt = (into: Buffer, position: number): Promise<number> | null =>
    position < end
      ? handle.read(into, 0, Math.min(chunkBytes, end - position), position).then(
          ({ bytesRead }) => bytesRead,
          (error: unknown) => {
            throw unreadable(file, error);
          },
        )
      : null;
  let position = start;
  let reading = readAt(buffer, position);
  try {
    while (reading !== null) {
      const bytesRead = await reading;
      if (bytesRead === 0) break; // the file shrank while we read: what is left is what there is
      position += bytesRead;
      reading = readAt(spare, position);
      yield buffer.subarray(0, bytesRead);
      [buffer, spare] = [spare, buffer];
    }
  } finally {
    // a caller that stops early leaves a read in flight: let it land before the file is closed
    await reading?.catch(() => undefined);
  }
}

async function* gzipBatches(
  handle: FileHandle,
  range: LineRange,
  onFailure?: (failure: StreamFailure) => void,
): AsyncGenerator<LineBatch> {
  const start = range.start ?? 0;
  const end = range.end ?? Number.POSITIVE_INFINITY;
  const splitter = new LineSplitter(start, range.maxLineBytes);
  // node:zlib costs ~3 ms to load, and only archives need it: not every run and every status
  const { createGunzip } = await import('node:zlib');
  const gunzip = createGunzip({ chunkSize: range.chunkBytes ?? 256 * 1024 });
  const compressed = handle.createReadStream({ start: 0, autoClose: false, highWaterMark: 256 * 1024 });
  compressed.pipe(gunzip);
  compressed.on('error', (error) => gunzip.destroy(error));
  // uncompressed offset of the next chunk; the data before `start` is decompressed and dropped (gzip cannot seek)
  let position = 0;
  try {
    for await (const piece of gunzip as AsyncIterable<Buffer>) {
      let chunk = piece;
      const chunkStart = position;
      position += chunk.length;
      if (position <= start) continue;
      if (chunkStart < start) chunk = chunk.subarray(start - chunkStart);
      if (position > end) chunk = chunk.subarray(0, chunk.length - (position - end));
      for (const batch of splitter.push(chunk)) if (batch.texts.length > 0) yield batch;
      if (position >= end) break;
    }
  } catch (error) {
    onFailure?.({ offset: splitter.position, problem: `gzip data is damaged or cut short: ${errorMessage(error)}` });
  } finally {
    compressed.unpipe(gunzip);
    compressed.destroy();
    gunzip.destroy();
  }
  const last = splitter.finish();
  if (last.texts.length > 0) yield last;
}
