import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CronDaemon } from '../shared/index.js';

/**
 * Whether a cron daemon runs on this host, for "is cron mode up?": the
 * crontab block is only a schedule; something has to fire it. Looked for in
 * the process table by name (cronie and Debian's cron are `crond`/`cron`,
 * busybox's `crond`, fcron `fcron`, dcron `crond`). No /proc (macOS, where
 * launchd starts cron on demand): 'unknown', and only the runs cron started
 * can tell.
 */
export const CRON_DAEMON_NAMES: readonly string[] = ['cron', 'crond', 'cronie', 'fcron', 'dcron'];

export async function cronDaemonSeen(procRoot = '/proc'): Promise<CronDaemon> {
  let entries: string[];
  try {
    entries = await readdir(procRoot);
  } catch {
    return 'unknown';
  }
  const pids = entries.filter((name) => /^\d+$/.test(name));
  if (pids.length === 0) return 'unknown';
  // a process gone between the listing and the read is simply not it
  const names = await Promise.all(
    pids.map((pid) =>
      readFile(join(procRoot, pid, 'comm'), 'utf8').then(
        (comm) => comm.trim(),
        () => '',
      ),
    ),
  );
  return names.some((name) => CRON_DAEMON_NAMES.includes(name)) ? 'running' : 'absent';
}
