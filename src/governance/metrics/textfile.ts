import { join } from 'node:path';
import { writeFileAtomically } from '../../files/index.js';

/** node_exporter's textfile collector reads *.prom files from its directory; this is ours. */
export const TEXTFILE_NAME = 'nightshift.prom';

/**
 * Writes the metrics to DIR/nightshift.prom by temp file + rename, so the
 * collector never reads half a file (it reads whenever it is scraped).
 */
export async function writeMetricsTextfile(dir: string, text: string): Promise<string> {
  const file = join(dir, TEXTFILE_NAME);
  // readable by node_exporter's own user; the temp file ends in .tmp, which the collector skips
  await writeFileAtomically(file, text, { mode: 0o644 });
  return file;
}
