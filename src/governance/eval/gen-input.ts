import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { GeneratedInput } from './case-schema.js';

/**
 * Writes a generated input (input.gen.yaml) to a file: the line repeated,
 * cut at exactly `bytes`, so a 10 MB log is a two-line YAML file in the
 * repository and the same bytes on every machine.
 */
const CHUNK_TARGET = 64 * 1024;

export async function writeGeneratedInput(spec: GeneratedInput, file: string): Promise<void> {
  const unit = Buffer.from(`${spec.repeat_line}\n`, 'utf8');
  const chunk = Buffer.concat(Array.from({ length: Math.max(1, Math.floor(CHUNK_TARGET / unit.length)) }, () => unit));
  const stream = createWriteStream(file, { mode: 0o600 });
  let left = spec.bytes;
  while (left > 0) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    left -= piece.length;
    if (!stream.write(piece)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}
