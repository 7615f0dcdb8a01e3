import { StringDecoder } from 'node:string_decoder';

/**
 * Splits a byte stream into lines without ever holding more than `maxLineBytes`
 * of one line: a process that prints a gigabyte without a newline must not
 * take the harness's memory with it. An overlong line is dropped whole and
 * counted; the lines around it still come through.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private pendingBytes = 0;
  private skipping = false;
  /** lines dropped because they were longer than maxLineBytes */
  oversizeLines = 0;

  constructor(readonly maxLineBytes: number) {}

  push(chunk: Buffer): string[] {
    return this.split(this.decoder.write(chunk));
  }

  /** The last line, when the stream ended without a newline. */
  end(): string[] {
    const lines = this.split(this.decoder.end());
    if (this.skipping) {
      this.skipping = false;
      return lines;
    }
    if (this.pending.length > 0) lines.push(stripCr(this.pending));
    this.pending = '';
    this.pendingBytes = 0;
    return lines;
  }

  private split(text: string): string[] {
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      const piece = newline === -1 ? text.slice(start) : text.slice(start, newline);
      if (!this.skipping) {
        this.pendingBytes += Buffer.byteLength(piece);
        if (this.pendingBytes > this.maxLineBytes) {
          this.oversizeLines += 1;
          this.skipping = true;
          this.pending = '';
          this.pendingBytes = 0;
        } else {
          this.pending += piece;
        }
      }
      if (newline === -1) break;
      if (!this.skipping) lines.push(stripCr(this.pending));
      this.skipping = false;
      this.pending = '';
      this.pendingBytes = 0;
      start = newline + 1;
    }
    return lines;
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
