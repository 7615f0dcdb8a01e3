import { readFileSync } from 'node:fs';
import { isTimeZone, localtimeLinkZone, systemTimeZone } from '../agents/index.js';

/**
 * The zone the cron daemon keeps: the machine's /etc/localtime (cron does not
 * see the TZ of the shell that runs `nightshift cron install`), else
 * /etc/timezone, else what this process believes.
 */
export function cronDaemonZone(): string {
  const linked = localtimeLinkZone();
  if (linked !== undefined && isTimeZone(linked)) return linked;
  try {
    const zone = readFileSync('/etc/timezone', 'utf8').trim();
    if (isTimeZone(zone)) return zone;
  } catch {
    // absent
  }
  return systemTimeZone();
}
