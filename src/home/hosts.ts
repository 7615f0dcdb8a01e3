import { currentHost } from '../shared/index.js';
import type { NightshiftConfig } from './config-schema.js';

/**
 * The one rule for whose journals a host appends to. A home is shared by
 * several hosts when nightshift.yaml says `hosts: shared` or NIGHTSHIFT_HOST
 * is set (a host that names itself expects others). Then each host appends
 * only to its own files, logs/<kind>@<host>.jsonl: on a network file system
 * O_APPEND is not atomic, and two hosts appending to one file tear each
 * other's lines. Readers merge every host's files (journal/sources.ts).
 *
 * Returns the host the journals are named after, or null for the home's
 * single files (logs/<kind>.jsonl).
 */
export function journalHost(
  config: Pick<NightshiftConfig, 'hosts'>,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const named = env.NIGHTSHIFT_HOST !== undefined && env.NIGHTSHIFT_HOST !== '';
  if (config.hosts !== 'shared' && !named) return null;
  return currentHost(env);
}
