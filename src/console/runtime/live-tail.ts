import { type FSWatcher, watch } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { type LiveEvent, parseLiveEvent } from '../../harness/index.js';

/**
 * Follows one run/<agent>.live.jsonl as it grows: fs.watch on run/ for the
 * prompt wake-up, a poll as the fallback (fs.watch drops events on some file
 * systems, and misses a file created before it was armed). Reads only new
 * bytes; a file replaced (a new run) starts over, a file removed says gone
 * once. On first sight of a big file, only its first line (the start) and its
 * tail are read.
 */
export interface LiveRead {
  events: LiveEvent[];
  reset: boolean;
  gone: boolean;
}

export interface TailOptions {
  pollMs?: number;
  /** asked at every poll: false stops the tail (the view was closed) */
  wanted?: () => boolean;
}

export const LIVE_POLL_MS = 500;
/** what is read of a file already big when first seen */
export const LIVE_TAIL_BYTES = 256 * 1024;
const HEAD_BYTES = 4096;
/** at most this much per read, so one read never holds the console up */
const STEP_BYTES = 1024 * 1024;

export function tailLiveFile(file: string, onRead: (read: LiveRead) => void, options: TailOptions = {}): () => void {
  let offset = 0;
  let ino: number | null = null;
  let present = false;
  let decoder = new StringDecoder('utf8');
  let partial = '';
  let stopped = false;
  let busy = false;
  let again = false;

  const step = async (): Promise<void> => {
    let handle;
    try {
      handle = await open(file, 'r');
    } catch {
      if (present) {
        present = false;
        ino = null;
        onRead({ events: [], reset: false, gone: true });
      }
      return;
    }
    try {
      const stat = await handle.stat();
      const events: LiveEvent[] = [];
      let reset = false;
      let skipFirst = false;
      if (ino !== stat.ino || stat.size < offset) {
        reset = true;
        ino = stat.ino;
        offset = 0;
        partial = '';
        decoder = new StringDecoder('utf8');
        if (stat.size > LIVE_TAIL_BYTES) {
          const head = Buffer.alloc(HEAD_BYTES);
          const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
          const first = parseLiveEvent(head.subarray(0, bytesRead).toString('utf8').split('\n')[0] ?? '');
          if (first) events.push(first);
          offset = stat.size - LIVE_TAIL_BYTES;
          skipFirst = true;
        }
      }
      present = true;
      const want = Math.min(STEP_BYTES, stat.size - offset);
      if (want > 0) {
        const buffer = Buffer.alloc(want);
        const { bytesRead } = await handle.read(buffer, 0, want, offset);
        offset += bytesRead;
        const lines = (partial + decoder.write(buffer.subarray(0, bytesRead))).split('\n');
        partial = lines.pop() ?? '';
        if (skipFirst) lines.shift();
        for (const line of lines) {
          const event = parseLiveEvent(line);
          if (event) events.push(event);
        }
        if (offset < stat.size) again = true;
      }
      if (events.length > 0 || reset) onRead({ events, reset, gone: false });
    } finally {
      await handle.close().catch(() => undefined);
    }
  };

  const read = (): void => {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    void (async () => {
      do {
        again = false;
        await step().catch(() => undefined);
      } while (again && !stopped);
      busy = false;
    })();
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(file), { persistent: false }, (_event, name) => {
      if (name && basename(name.toString()) === basename(file)) read();
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    // no run/ yet, or no fs.watch here: the poll does it
  }
  const poll = setInterval(() => {
    if (options.wanted && !options.wanted()) return stop();
    read();
  }, options.pollMs ?? LIVE_POLL_MS);
  poll.unref();
  read();

  function stop(): void {
    stopped = true;
    clearInterval(poll);
    watcher?.close();
  }
  return stop;
}
