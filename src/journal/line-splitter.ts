import { isAscii } from 'node:buffer';

/**
 * Cuts a byte stream into lines while keeping each line's byte offsets, so an
 * index can remember where a record starts and read from there later.
 *
 * Speed matters here (a million lines per cold index build): a chunk that is
 * all ASCII is decoded to one string and split natively, so a line costs no
 * Buffer→string copy of its own and its byte offsets are its character
 * offsets. Only chunks with other bytes fall back to decoding line by line.
 */
export interface LineBatch {
  /** the text of each line without its "\n"; null for a line longer than the limit (never decoded) */
  texts: Array<string | null>;
  starts: number[];
  /** offset just past the line's "\n" (or the end of the data for an unterminated last line) */
  ends: number[];
  /** true when the batch's last line has no "\n": it ends the data (a writer may still be writing it) */
  lastUnterminated: boolean;
}

export const DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;
const NEWLINE = 10;
/**
 * Strings above V8's regular object size go to the large-object space, and a
 * stream of 1 MiB ones triggers a full collection every few dozen chunks;
 * pieces of this size stay in the young generation and die there cheaply.
 */
const DECODE_BYTES = 64 * 1024;

function emptyBatch(): LineBatch {
  return { texts: [], starts: [], ends: [], lastUnterminated: false };
}

export class LineSplitter {
  private offset: number;
  /** the bytes of a line begun in an earlier chunk (copied: callers reuse their buffers) */
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private carryStart = 0;
  /** while a too-long line is being skipped: where it started */
  private skippingFrom: number | null = null;

  constructor(
    startOffset = 0,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {
    this.offset = startOffset;
  }

  /** The offset just past the bytes pushed so far. */
  get position(): number {
    return this.offset;
  }

  /**
   * Takes the next bytes; yields the lines they complete, a batch per piece of
   * at most DECODE_BYTES, decoded only when asked for, so the text alive at any
   * time is one piece and not the whole chunk. The chunk must stay unchanged
   * until the generator is done; what is kept from it after that is copied.
   */
  *push(chunk: Buffer): Generator<LineBatch> {
    const base = this.offset;
    this.offset += chunk.length;
    let from = 0;

    if (this.skippingFrom !== null) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl < 0) return;
      const batch = emptyBatch();
      addLine(batch, null, this.skippingFrom, base + nl + 1);
      this.skippingFrom = null;
      from = nl + 1;
      yield batch;
    } else if (this.carryBytes > 0) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl < 0) {
        this.keepCarry(chunk, this.carryStart);
        return;
      }
      const length = this.carryBytes + nl;
      const text =
        length > this.maxLineBytes ? null : Buffer.concat([...this.carry, chunk.subarray(0, nl)]).toString('utf8');
      const batch = emptyBatch();
      addLine(batch, text, this.carryStart, base + nl + 1);
      this.dropCarry();
      from = nl + 1;
      yield batch;
    }

    const lastNl = chunk.lastIndexOf(NEWLINE);
    if (lastNl >= from) {
      const complete = chunk.subarray(from, lastNl + 1);
      for (let at = 0; at < complete.length;) {
        let to = complete.length;
        if (to - at > DECODE_BYTES) {
          const nl = complete.lastIndexOf(NEWLINE, at + DECODE_BYTES - 1);
          to = nl >= at ? nl + 1 : complete.indexOf(NEWLINE, at + DECODE_BYTES) + 1;
        }
        const batch = emptyBatch();
        splitPiece(complete.subarray(at, to), base + from + at, this.maxLineBytes, batch);
        at = to;
        yield batch;
      }
      from = lastNl + 1;
    }
    if (from < chunk.length) this.keepCarry(chunk.subarray(from), base + from);
  }

  /** Ends the data: a last line without "\n" comes back marked unterminated. */
  finish(): LineBatch {
    const batch = emptyBatch();
    if (this.skippingFrom !== null) {
      addLine(batch, null, this.skippingFrom, this.offset);
      batch.lastUnterminated = true;
      this.skippingFrom = null;
    } else if (this.carryBytes > 0) {
      addLine(batch, Buffer.concat(this.carry).toString('utf8'), this.carryStart, this.offset);
      batch.lastUnterminated = true;
      this.dropCarry();
    }
    return batch;
  }

  private keepCarry(bytes: Buffer, start: number): void {
    if (this.carryBytes === 0) this.carryStart = start;
    this.carryBytes += bytes.length;
    if (this.carryBytes > this.maxLineBytes) {
      this.skippingFrom = this.carryStart;
      this.dropCarry();
      return;
    }
    this.carry.push(Buffer.from(bytes));
  }

  private dropCarry(): void {
    this.carry = [];
    this.carryBytes = 0;
  }
}

function addLine(batch: LineBatch, text: string | null, start: number, end: number): void {
  batch.texts.push(text);
  batch.starts.push(start);
  batch.ends.push(end);
}

/** `bytes` ends with "\n". */
function splitPiece(bytes: Buffer, base: number, maxLineBytes: number, batch: LineBatch): void {
  if (isAscii(bytes)) {
    const pieces = bytes.toString('latin1').split('\n');
    let start = base;
    // the piece after the final "\n" is always empty
    for (let i = 0; i < pieces.length - 1; i++) {
      const text = pieces[i] as string;
      const end = start + text.length + 1;
      batch.texts.push(text.length > maxLineBytes ? null : text);
      batch.starts.push(start);
      batch.ends.push(end);
      start = end;
    }
    return;
  }
  let from = 0;
  while (from < bytes.length) {
    const nl = bytes.indexOf(NEWLINE, from);
    batch.texts.push(nl - from > maxLineBytes ? null : bytes.toString('utf8', from, nl));
    batch.starts.push(base + from);
    batch.ends.push(base + nl + 1);
    from = nl + 1;
  }
}
