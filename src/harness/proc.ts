import { readSmallFile } from '../small-file.js';

/**
 * What the process table says about a pid (Linux /proc; elsewhere only
 * kill(pid, 0) is available). Used to tell a live run lock from a crashed
 * one: a pid alone is not enough, because after a reboot or a long uptime
 * the same number belongs to some other process.
 */
export interface ProcStat {
  /** R, S, D, Z (zombie: exited, not yet waited for), T, … */
  state: string;
  ppid: number;
  pgrp: number;
  /** clock ticks after boot; with the boot id, identifies one process for the machine's uptime */
  startTicks: number;
}

export async function readProcStat(pid: number): Promise<ProcStat | null> {
  let text: string;
  try {
    text = await readSmallFile(`/proc/${pid}/stat`);
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces and parentheses: split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const [state, ppid, pgrp] = [fields[0], Number(fields[1]), Number(fields[2])];
  const startTicks = Number(fields[19]);
  if (!state || !Number.isFinite(ppid) || !Number.isFinite(startTicks)) return null;
  return { state, ppid, pgrp, startTicks };
}

let cachedBootId: string | null | undefined;

export async function bootId(): Promise<string | null> {
  if (cachedBootId === undefined) {
    try {
      cachedBootId = (await readSmallFile('/proc/sys/kernel/random/boot_id')).trim() || null;
    } catch {
      cachedBootId = null;
    }
  }
  return cachedBootId;
}

/** Whether a pid names a running process (not a zombie); EPERM means it runs as another user. */
export async function isProcessAlive(pid: number): Promise<boolean> {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = await readProcStat(pid);
  return stat === null || stat.state !== 'Z';
}
