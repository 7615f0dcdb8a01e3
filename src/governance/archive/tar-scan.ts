import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import { BLOCK, parseHeader } from './tar.js';

/**
 * Reads tar entries back, streaming, so an archive holding years of outputs
 * is hashed in the memory of one entry. Zero blocks between entries (end
 * markers other tools leave between concatenated members) are skipped.
 */
export interface ScannedEntry {
  name: string;
  size: number;
  sha256: string;
  /** the bytes, when the scan was asked to keep them */
  data?: Buffer;
}

export class TarScanner {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private header: { name: string; size: number; type: string } | null = null;
  private hash = createHash('sha256');
  private dataLeft = 0;
  private skipLeft = 0;
  private kept: Buffer[] = [];

  constructor(
    private readonly onEntry: (entry: ScannedEntry) => void,
    private readonly keepData = false,
  ) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.skipLeft > 0) {
        const n = Math.min(this.skipLeft, chunk.length - at);
        this.skipLeft -= n;
        at += n;
        continue;
      }
      if (this.header) {
        const n = Math.min(this.dataLeft, chunk.length - at);
        const piece = chunk.subarray(at, at + n);
        this.hash.update(piece);
        if (this.keepData) this.kept.push(Buffer.from(piece));
        this.dataLeft -= n;
        at += n;
        if (this.dataLeft === 0) this.finishEntry();
        continue;
      }
      const n = Math.min(BLOCK - this.pendingBytes, chunk.length - at);
      this.pending.push(chunk.subarray(at, at + n));
      this.pendingBytes += n;
      at += n;
      if (this.pendingBytes === BLOCK) this.startEntry(Buffer.concat(this.pending));
    }
  }

  /** Throws when the stream stopped inside an entry. */
  end(): void {
    if (this.header || this.pendingBytes > 0)
      throw new Error(`the tar stream ends inside ${this.header ? `entry ${this.header.name}` : 'a header'}`);
  }

  private startEntry(block: Buffer): void {
    this.pending = [];
    this.pendingBytes = 0;
    const header = parseHeader(block);
    if (header === null) return;
    this.header = header;
    this.dataLeft = header.size;
    this.hash = createHash('sha256');
    this.kept = [];
    if (header.size === 0) this.finishEntry();
  }

  private finishEntry(): void {
    const header = this.header as { name: string; size: number; type: string };
    this.header = null;
    const rest = header.size % BLOCK;
    this.skipLeft = rest === 0 ? 0 : BLOCK - rest;
    // only regular files are outputs; anything else a person added is read past
    if (header.type === '0' || header.type === '\0') {
      this.onEntry({
        name: header.name,
        size: header.size,
        sha256: this.hash.digest('hex'),
        ...(this.keepData ? { data: Buffer.concat(this.kept) } : {}),
      });
    }
  }
}

/** Every entry of a .tar.gz (all its gzip members), hashed; the file must exist. */
export async function scanTarGz(path: string, onEntry: (entry: ScannedEntry) => void): Promise<void> {
  const scanner = new TarScanner(onEntry);
  await pipeline(createReadStream(path), createGunzip(), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) scanner.push(chunk);
  });
  scanner.end();
}

/** The entries of gzip bytes already in memory (one appended member being verified), with their data. */
export function entriesOfGzip(bytes: Buffer): ScannedEntry[] {
  const entries: ScannedEntry[] = [];
  const scanner = new TarScanner((entry) => entries.push(entry), true);
  scanner.push(gunzipSync(bytes));
  scanner.end();
  return entries;
}
