import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { appendMember, type AppendStep } from './append-member.js';

/**
 * logs/archive/runs-<year>.jsonl.gz, the yearly archive of the audit trail
 * that the journal's readers already merge (listRunJournals). Each rotation
 * appends one gzip member of whole JSONL lines; `zcat` shows them all.
 */
const RUN_ID = /"run_id":"([^"\\]+)"/;

/** run_id of every record already archived, so a rotation interrupted after archiving does not archive twice. */
export async function archivedRunIds(archive: string): Promise<Set<string>> {
  const ids = new Set<string>();
  try {
    await stat(archive);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ids;
    throw error;
  }
  let carry = '';
  await pipeline(createReadStream(archive), createGunzip(), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      const lines = (carry + chunk.toString('utf8')).split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) {
        const id = RUN_ID.exec(line)?.[1];
        if (id) ids.add(id);
      }
    }
  });
  const id = RUN_ID.exec(carry)?.[1];
  if (id) ids.add(id);
  return ids;
}

/** The plain lines in `plainFile` (their sha256 and length known) as one new member of `archive`. */
export async function appendRunLines(
  archive: string,
  plainFile: string,
  expected: { sha256: string; bytes: number },
  hook?: (step: AppendStep) => Promise<void> | void,
): Promise<void> {
  await appendMember(archive, {
    write: (file) =>
      pipeline(createReadStream(plainFile), createGzip(), createWriteStream(file, { flags: 'a', mode: 0o600 })),
    async verify(file, start) {
      const hash = createHash('sha256');
      let bytes = 0;
      await pipeline(createReadStream(file, { start }), createGunzip(), async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) {
          hash.update(chunk);
          bytes += chunk.length;
        }
      });
      const sha256 = hash.digest('hex');
      if (sha256 !== expected.sha256 || bytes !== expected.bytes) {
        throw new Error(
          `read back ${bytes} bytes (sha256 ${sha256.slice(0, 12)}…), expected ${expected.bytes} (sha256 ${expected.sha256.slice(0, 12)}…)`,
        );
      }
    },
    hook,
  });
}
