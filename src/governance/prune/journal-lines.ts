import type { FileHandle } from 'node:fs/promises';

/**
 * The complete lines of a journal up to `end`, as raw bytes (a rotation
 * copies them byte for byte), with the offset just past each. A last line
 * without its newline is not yielded: it may be a write still in progress,
 * and the rotation copies it with whatever was appended after `end`.
 */
const CHUNK = 1024 * 1024;

export async function* journalLines(handle: FileHandle, end: number): AsyncGenerator<{ line: Buffer; next: number }> {
  let position = 0;
  let carry = Buffer.alloc(0);
  let carryStart = 0;
  const buffer = Buffer.allocUnsafe(CHUNK);
  while (position < end) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, end - position), position);
    if (bytesRead === 0) break;
    const data =
      carry.length > 0
        ? Buffer.concat([carry, buffer.subarray(0, bytesRead)])
        : Buffer.from(buffer.subarray(0, bytesRead));
    position += bytesRead;
    let from = 0;
    for (let nl = data.indexOf(10, from); nl !== -1; nl = data.indexOf(10, from)) {
      yield { line: data.subarray(from, nl + 1), next: carryStart + nl + 1 };
      from = nl + 1;
    }
    carry = data.subarray(from);
    carryStart += from;
  }
}
