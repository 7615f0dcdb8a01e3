import { sha256Hex } from '../../shared/index.js';

/**
 * Names of the exported CronJobs. A CronJob's name is a DNS-1123 label of at
 * most 52 characters: the Jobs it makes append "-<minutes since 1970>" and
 * must stay within 63. An agent's CronJob is `nightshift-<agent>`; one that
 * would be too long, or that would take another's name (the watchdog's, or an
 * agent whose name is another's cut), is cut and given a short hash of the
 * whole agent name, the same on every export.
 */
export const CRONJOB_NAME_MAX = 52;
export const WATCHDOG_NAME = 'nightshift-check';
const PREFIX = 'nightshift-';
const HASH_LENGTH = 8;

/** Kubernetes' DNS-1123 label (also what a Service or a namespace must be). */
export const DNS_1123_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;

/** Agent name → CronJob name, unique among themselves and apart from the watchdog's. */
export function cronJobNames(agents: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const agent of agents) {
    const plain = plainName(agent);
    names.set(agent, plain.length <= CRONJOB_NAME_MAX && DNS_1123_LABEL.test(plain) ? plain : hashedName(agent));
  }
  // a plain name that another name (the watchdog's, an agent's, a hashed one) also takes is hashed too, until none is
  for (;;) {
    const clashing = [...names].filter(([agent, name]) => name === plainName(agent) && takenTwice(names, name));
    if (clashing.length === 0) break;
    for (const [agent] of clashing) names.set(agent, hashedName(agent));
  }
  const taken = new Set([WATCHDOG_NAME]);
  for (const [agent, name] of names) {
    // two distinct agent names whose 32-bit hashes and cut prefixes both agree: no name is fair to either
    if (taken.has(name)) throw new Error(`k8s export: agents' CronJob names collide on ${name} (${agent})`);
    taken.add(name);
  }
  return names;
}

function takenTwice(names: ReadonlyMap<string, string>, name: string): boolean {
  let count = name === WATCHDOG_NAME ? 1 : 0;
  for (const other of names.values()) if (other === name) count++;
  return count > 1;
}

function plainName(agent: string): string {
  return `${PREFIX}${agent}`;
}

/** `nightshift-<agent, cut>-<8 hex of sha256(agent)>`, at most 52 characters, never ending in "-" before the hash. */
function hashedName(agent: string): string {
  const hash = sha256Hex(agent).slice(0, HASH_LENGTH);
  const room = CRONJOB_NAME_MAX - PREFIX.length - 1 - HASH_LENGTH;
  const cut = agent.slice(0, room).replace(/-+$/, '');
  return cut === '' ? `${PREFIX}${hash}` : `${PREFIX}${cut}-${hash}`;
}
