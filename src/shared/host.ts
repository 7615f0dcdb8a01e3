import { hostname } from 'node:os';
import { UsageError } from './errors.js';

/** What a host name may be: it becomes part of a file name (`runs@<host>.jsonl`). */
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * The name this host goes by in the home: NIGHTSHIFT_HOST when set (several
 * containers or pods can share one kernel host name, and a host's journals
 * are named after it), else the kernel's host name. Every record, lock and
 * heartbeat takes its `host` from here, so they always agree.
 */
export function currentHost(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.NIGHTSHIFT_HOST;
  if (chosen === undefined || chosen === '') return hostname();
  if (!HOST_NAME.test(chosen)) {
    throw new UsageError(
      `NIGHTSHIFT_HOST=${JSON.stringify(chosen)} is not a usable host name: it names this host's journals (logs/runs@<host>.jsonl), ` +
        'so it is letters, digits, ".", "_" or "-", at most 63, starting with a letter or digit (e.g. web-1)',
      {
        expected: 'letters, digits, ".", "_" or "-", at most 63, starting with a letter or digit',
        actual: chosen,
        fix: 'set NIGHTSHIFT_HOST to a short name such as "web-1"',
      },
    );
  }
  return chosen;
}
