/**
 * Is a byte stream text? Fed in chunks, so a file is checked without being
 * held whole in memory. Pure (no I/O). A fatal TextDecoder does the fast
 * check; only when it fails does a byte-level scan find where, so the reason
 * can name the offset of the first bad byte. NUL counts as binary: it is
 * valid UTF-8, but no log or note a summarizer reads contains one.
 */
export type TextVerdict = { ok: true } | { ok: false; offset: number; problem: string };

export class TextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** the bytes of a character cut by the chunk boundary, carried into the next chunk */
  private carry = new Uint8Array(0);
  /** absolute offset of carry[0] */
  private offset = 0;
  private failed: TextVerdict | null = null;
  /** true once a character that is not whitespace was seen */
  hasText = false;

  push(chunk: Uint8Array): TextVerdict {
    if (this.failed) return this.failed;
    const bytes = this.carry.length === 0 ? chunk : concat(this.carry, chunk);
    const keep = incompleteSuffix(bytes);
    const whole = bytes.subarray(0, bytes.length - keep);
    const nul = whole.indexOf(0);
    let text: string | null = null;
    try {
      text = this.decoder.decode(whole);
    } catch {
      const bad = firstInvalidSequence(whole);
      // Both can be present: report whichever comes first in the file.
      const at = nul !== -1 && nul < bad ? nul : bad;
      return this.fail(this.offset + at, at === nul ? 'a NUL byte (binary data)' : 'a byte that is not valid UTF-8');
    }
    if (nul !== -1) return this.fail(this.offset + nul, 'a NUL byte (binary data)');
    if (!this.hasText && /\S/.test(text)) this.hasText = true;
    this.offset += whole.length;
    // A copy: the caller reuses its buffer, and Buffer#slice would be a view of it.
    this.carry = Uint8Array.from(bytes.subarray(bytes.length - keep));
    return { ok: true };
  }

  /** A character still cut at the end of the stream is a truncated UTF-8 sequence. */
  end(): TextVerdict {
    if (this.failed) return this.failed;
    if (this.carry.length > 0) return this.fail(this.offset, 'a UTF-8 sequence cut short at the end of the file');
    return { ok: true };
  }

  private fail(offset: number, what: string): TextVerdict {
    this.failed = { ok: false, offset, problem: `${what} at byte offset ${offset}` };
    return this.failed;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Length of the last, unfinished multi-byte character (0 when the bytes end on a boundary). */
export function incompleteSuffix(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const byte = bytes[n - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for its lead
    const length = sequenceLength(byte);
    return length > back ? back : 0;
  }
  return 0;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 1;
}

/**
 * Index of the first byte of the first ill-formed sequence (Unicode 15
 * table 3-7, as WHATWG's decoder applies it); bytes.length when all is well
 * except a cut sequence at the end.
 */
export function firstInvalidSequence(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(lead);
    if (length === 1) return i;
    const [low, high] = secondByteRange(lead);
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return i;
      const byte = bytes[i + k]!;
      const lo = k === 1 ? low : 0x80;
      const hi = k === 1 ? high : 0xbf;
      if (byte < lo || byte > hi) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** Excludes overlong forms, surrogates and code points above U+10FFFF. */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}
