import { readFile } from 'node:fs/promises';

let cachedBootId: string | null | undefined;

/**
 * This boot of the machine (Linux), null elsewhere. With a pid's start ticks
 * (src/runners/process/proc-table.ts) it tells a live run lock from a crashed
 * one: after a reboot or a long uptime the same pid belongs to some other process.
 */
export async function bootId(): Promise<string | null> {
  if (cachedBootId === undefined) {
    try {
      cachedBootId = (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim() || null;
    } catch {
      cachedBootId = null;
    }
  }
  return cachedBootId;
}
