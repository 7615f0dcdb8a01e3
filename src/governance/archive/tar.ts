/**
 * The few bytes of the ustar format an output archive needs: one 512-byte
 * header per file, the data padded to 512. Written by hand because it is
 * forty lines and a dependency would be more.
 *
 * Entries are written WITHOUT the two zero blocks that end a tar archive:
 * each prune appends a new gzip member holding more entries, gzip members
 * concatenate into one stream, and an end-of-archive marker between them
 * would stop `tar -t` at the first batch. GNU tar and bsdtar read an archive
 * that simply ends after its last entry without complaint.
 */
export const BLOCK = 512;
const MAX_NAME_BYTES = 100;
const MAX_SIZE = 0o77777777777; // 11 octal digits: 8 GiB

export class TarNameError extends Error {}

function octal(value: number, width: number): string {
  return `${Math.floor(value)
    .toString(8)
    .padStart(width - 1, '0')}\0`;
}

export function tarHeader(name: string, size: number, mtimeMs: number, mode = 0o600): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length === 0 || nameBytes.length > MAX_NAME_BYTES)
    throw new TarNameError(`a tar entry name must be 1-${MAX_NAME_BYTES} bytes: ${JSON.stringify(name)}`);
  if (size > MAX_SIZE) throw new RangeError(`${name}: ${size} bytes is too large for a ustar entry`);
  const header = Buffer.alloc(BLOCK, 0);
  nameBytes.copy(header, 0);
  header.write(octal(mode, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii'); // uid
  header.write(octal(0, 8), 116, 'ascii'); // gid
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(mtimeMs / 1000, 12), 136, 'ascii');
  header.write('        ', 148, 'ascii'); // checksum is computed with its own field as spaces
  header.write('0', 156, 'ascii'); // regular file
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

export function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest, 0);
}

export interface TarInput {
  name: string;
  data: Buffer;
  mtimeMs: number;
}

/** The entries as one tar stream without the end-of-archive blocks (see above). */
export function tarEntries(entries: readonly TarInput[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries)
    parts.push(tarHeader(entry.name, entry.data.length, entry.mtimeMs), entry.data, padding(entry.data.length));
  return Buffer.concat(parts);
}

export interface TarHeaderFields {
  name: string;
  size: number;
  type: string;
}

function readOctal(block: Buffer, start: number, length: number): number {
  const text = block
    .toString('ascii', start, start + length)
    .replace(/\0.*$/s, '')
    .trim();
  return text.length === 0 ? 0 : parseInt(text, 8);
}

/** null for an all-zero block (an end-of-archive marker, which other writers put between members). */
export function parseHeader(block: Buffer): TarHeaderFields | null {
  if (block.every((byte) => byte === 0)) return null;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] as number);
  const stored = readOctal(block, 148, 8);
  if (stored !== sum) throw new Error(`a tar header fails its checksum (stored ${stored}, computed ${sum})`);
  const name = block.toString('utf8', 0, 100).replace(/\0.*$/s, '');
  const prefix =
    block.toString('ascii', 257, 262) === 'ustar' ? block.toString('utf8', 345, 500).replace(/\0.*$/s, '') : '';
  return {
    name: prefix ? `${prefix}/${name}` : name,
    size: readOctal(block, 124, 12),
    type: block.toString('ascii', 156, 157) || '0',
  };
}
