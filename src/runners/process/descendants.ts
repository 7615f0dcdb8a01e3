import type { ProcInfo } from './proc-table.js';

/** Every process below `rootPid` by the parent links in one snapshot (the root excluded). */
export function descendantsOf(rootPid: number, procs: readonly ProcInfo[]): ProcInfo[] {
  const children = new Map<number, ProcInfo[]>();
  for (const proc of procs) {
    const list = children.get(proc.ppid);
    if (list) list.push(proc);
    else children.set(proc.ppid, [proc]);
  }
  const found: ProcInfo[] = [];
  const seen = new Set<number>([rootPid]);
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    for (const child of children.get(pid) ?? []) {
      if (seen.has(child.pid)) continue;
      seen.add(child.pid);
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/** `pid` and its parents up to PID 1: processes a sweep must never signal. */
export function ancestorsOf(pid: number, procs: readonly ProcInfo[]): Set<number> {
  const byPid = new Map(procs.map((proc) => [proc.pid, proc]));
  const chain = new Set<number>();
  let current: number | undefined = pid;
  while (current !== undefined && current > 0 && !chain.has(current)) {
    chain.add(current);
    current = byPid.get(current)?.ppid;
  }
  return chain;
}
