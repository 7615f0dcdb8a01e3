import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { asDiskWriteError, writeFileAtomically } from '../../files/index.js';
import { CorruptFileError, UsageError } from '../../shared/index.js';

/** node_exporter's textfile collector reads *.prom files from its directory; this is ours. */
export const TEXTFILE_NAME = 'nightshift.prom';

/**
 * Writes the metrics to DIR/nightshift.prom by temp file + rename, so the
 * collector never reads half a file (it reads whenever it is scraped).
 */
export async function writeMetricsTextfile(dir: string, text: string): Promise<string> {
  const file = join(dir, TEXTFILE_NAME);
  const found = await stat(dir).catch(() => null);
  if (!found?.isDirectory())
    throw new UsageError(`--textfile ${dir}: ${found ? 'not a directory' : 'no such directory'}`, {
      field: '--textfile',
      expected: 'a directory node_exporter reads (its --collector.textfile.directory)',
      actual: found ? 'a file' : 'nothing there',
      fix: `mkdir -p ${dir}, or name node_exporter's textfile directory`,
    });
  try {
    // readable by node_exporter's own user; the temp file ends in .tmp, which the collector skips
    await writeFileAtomically(file, text, { mode: 0o644 });
  } catch (error) {
    const disk = asDiskWriteError(file, error, 'nothing was written: the file is as it was');
    if (disk !== error) throw disk;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    throw new CorruptFileError(file, `cannot be written (${code}): ${(error as Error).message}`, {
      expected: 'a directory this user may write',
      actual: code,
      fix: `give this user write access to ${dir} (node_exporter only needs to read it)`,
      cause: error,
    });
  }
  return file;
}
