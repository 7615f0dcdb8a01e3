/**
 * The agent's output as it streams, held to the output limit: bytes past the
 * limit are counted, never kept, so a flood of 1 GB costs the harness the
 * limit and no more.
 */
export class BoundedOutput {
  private readonly chunks: string[] = [];
  private kept = 0;
  /** every byte seen, kept or not */
  seen = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: string): void {
    const bytes = Buffer.byteLength(chunk);
    this.seen += bytes;
    const room = this.maxBytes - this.kept;
    if (room <= 0) return;
    if (bytes <= room) {
      this.chunks.push(chunk);
      this.kept += bytes;
      return;
    }
    // Cut on a character boundary: a partial UTF-8 sequence would decode to U+FFFD.
    const cut = Buffer.from(chunk)
      .subarray(0, room)
      .toString('utf8')
      .replace(/\uFFFD$/, '');
    this.chunks.push(cut);
    this.kept += Buffer.byteLength(cut);
  }

  get truncated(): boolean {
    return this.seen > this.kept;
  }

  text(): string {
    return this.chunks.join('');
  }
}
