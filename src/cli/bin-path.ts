import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** The absolute path of bin/nightshift.js, for scripts and crontab lines that must find this install. */
export function binPath(): string {
  return resolve(fileURLToPath(new URL('../../bin/nightshift.js', import.meta.url)));
}
