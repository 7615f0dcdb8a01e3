import { readFileSync, readlinkSync } from 'node:fs';
import { isTimeZone, systemTimeZone } from '../../agents/index.js';

/**
 * The zone the cron daemon keeps: the machine's /etc/localtime (cron does not
 * see the TZ of the shell that runs `nightshift cron install`), else
 * /etc/timezone, else what this process believes.
 */
export function cronDaemonZone(): string {
  try {
    const target = readlinkSync('/etc/localtime');
    const match = /zoneinfo\/(.+)$/.exec(target);
    if (match && isTimeZone(match[1] as string)) return match[1] as string;
  } catch {
    // not a link (a copied file) or absent
  }
  try {
    const zone = readFileSync('/etc/timezone', 'utf8').trim();
    if (isTimeZone(zone)) return zone;
  } catch {
    // absent
  }
  return systemTimeZone();
}
