import { readlinkSync } from 'node:fs';

/** True when the runtime's ICU knows the zone (IANA names like Europe/Berlin, and UTC). */
export function isTimeZone(zone: string): boolean {
  if (zone.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Names ICU resolves to UTC (IANA's backward links). */
const UTC_NAMES = new Set(['UTC', 'UCT', 'GMT', 'GMT0', 'GMT+0', 'GMT-0', 'Greenwich', 'Universal', 'Zulu']);

/**
 * The zone this machine's clock is set to, as Intl names it. Every command
 * needs it (it is the default of every agent's timezone), and asking ICU
 * costs ~25 ms of a command's start; most servers keep UTC, which TZ or the
 * /etc/localtime link say without ICU. Anything else is ICU's answer.
 */
export function systemTimeZone(): string {
  if (UTC_NAMES.has(declaredZone()?.replace(/^Etc\//, '') ?? '')) return 'UTC';
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** TZ when set, else the zone /etc/localtime links to; undefined when neither names one. */
function declaredZone(): string | undefined {
  return process.env.TZ ?? localtimeLinkZone();
}

/** The zone name /etc/localtime links to (…/zoneinfo/Europe/Berlin), or undefined: not a link (a copied file), or absent. */
export function localtimeLinkZone(): string | undefined {
  try {
    return /zoneinfo\/(.+)$/.exec(readlinkSync('/etc/localtime'))?.[1];
  } catch {
    return undefined;
  }
}
