import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, normalize } from 'node:path';
import {
  type Cgroup2Mount,
  cgroup2Mounts,
  cgroupDirectory,
  eventsPopulated,
  isRunCgroupName,
  parsePids,
  runCgroupName,
  unifiedCgroupPath,
} from './cgroup-paths.js';
import { procAvailable } from './proc-table.js';

/**
 * cgroup v2 containment, the file-system side. Each run's processes live in
 * a cgroup of their own, made as a child of the cgroup this process is in:
 * whatever the run forks stays in it (a double fork, setsid and a cleared
 * environment included), and writing "1" to its cgroup.kill ends all of it
 * at once (Linux 5.14+).
 *
 * Why a child of our own cgroup: moving a process between cgroups needs
 * write access to cgroup.procs of their common ancestor, which for a child
 * of our cgroup is our own cgroup (root's, or the unit systemd delegated to
 * the user). The "no internal processes" rule only forbids processes in a
 * cgroup that enables controllers for its children, and we enable none, so
 * our cgroup may hold us and the runs' cgroups side by side.
 *
 * Every failure here is an answer, not a throw: the caller falls back to the
 * sweep and says why.
 */
export type CgroupAnswer<T> = ({ ok: true } & T) | { ok: false; reason: string };

let ownPlace: CgroupAnswer<{ dir: string; mount: Cgroup2Mount }> | undefined;

/** This process's cgroup v2 directory (where runs' cgroups go). Looked up once: a process is not moved between cgroups by itself. */
export function ownCgroup(): CgroupAnswer<{ dir: string; mount: Cgroup2Mount }> {
  if (ownPlace === undefined) ownPlace = locateOwnCgroup();
  return ownPlace;
}

function locateOwnCgroup(): CgroupAnswer<{ dir: string; mount: Cgroup2Mount }> {
  if (!procAvailable) return { ok: false, reason: 'cgroups are a Linux feature and there is no /proc here' };
  let path: string | null;
  let mounts: Cgroup2Mount[];
  try {
    path = unifiedCgroupPath(readFileSync('/proc/self/cgroup', 'utf8'));
    mounts = cgroup2Mounts(readFileSync('/proc/self/mountinfo', 'utf8'));
  } catch (error) {
    return { ok: false, reason: `cannot read /proc/self/cgroup or /proc/self/mountinfo: ${codeOf(error)}` };
  }
  if (path === null)
    return { ok: false, reason: 'this machine has no cgroup v2 hierarchy (/proc/self/cgroup has no 0:: line)' };
  const place = cgroupDirectory(mounts, path);
  if (!place)
    return { ok: false, reason: `no cgroup2 file system is mounted where this process's cgroup ${path} can be seen` };
  if (place.mount.readOnly)
    return { ok: false, reason: `the cgroup2 file system at ${place.mount.mountPoint} is mounted read-only` };
  return { ok: true, dir: place.dir, mount: place.mount };
}

/**
 * A new, empty cgroup for run `runId`, below this process's cgroup, with a
 * cgroup.kill file. Nothing is in it yet: the caller moves the runner in.
 */
export function createRunCgroup(runId: string): CgroupAnswer<{ dir: string }> {
  const own = ownCgroup();
  if (!own.ok) return own;
  for (let attempt = 0; attempt < 20; attempt++) {
    const dir = `${own.dir}/${runCgroupName(runId, attempt)}`;
    try {
      mkdirSync(dir);
    } catch (error) {
      const code = codeOf(error);
      if (code === 'EEXIST') continue;
      const why = code === 'EACCES' || code === 'EPERM' ? ": this process's cgroup is not delegated to this user" : '';
      return { ok: false, reason: `cannot create a cgroup in ${own.dir} (${code})${why}` };
    }
    if (!existsSync(`${dir}/cgroup.kill`)) {
      removeCgroup(dir);
      return { ok: false, reason: 'this kernel has no cgroup.kill (Linux 5.14 or later is needed)' };
    }
    return { ok: true, dir };
  }
  return { ok: false, reason: `cannot create a cgroup in ${own.dir}: 20 cgroups for run ${runId} exist already` };
}

/** Moves process `pid` (and its threads) into the cgroup. */
export function enterCgroup(dir: string, pid: number): CgroupAnswer<object> {
  try {
    writeFileSync(`${dir}/cgroup.procs`, `${pid}\n`);
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      reason: `cannot move a process into ${dir} (${codeOf(error)}): writing cgroup.procs needs write access to this process's own cgroup.procs too`,
    };
  }
}

/** Every process in the cgroup and in cgroups below it (a nested run's). Empty when the cgroup is gone. */
export function cgroupMembers(dir: string): number[] {
  const pids: number[] = [];
  for (const each of cgroupTree(dir)) {
    try {
      pids.push(...parsePids(readFileSync(`${each}/cgroup.procs`, 'utf8')));
    } catch {
      // removed meanwhile: nothing lives there
    }
  }
  return pids;
}

/** Some process lives in the cgroup or below it. A cgroup that is gone holds nothing. */
export function cgroupPopulated(dir: string): boolean {
  try {
    return eventsPopulated(readFileSync(`${dir}/cgroup.events`, 'utf8'));
  } catch {
    return false;
  }
}

/** SIGKILL to every process in the cgroup and below, by the kernel, at once: a process forking meanwhile cannot slip out. */
export function killCgroup(dir: string): boolean {
  try {
    writeFileSync(`${dir}/cgroup.kill`, '1');
    return true;
  } catch {
    return false;
  }
}

/** Removes an empty cgroup and the empty cgroups below it; true when it is gone. A populated one stays (EBUSY). */
export function removeCgroup(dir: string): boolean {
  for (const each of cgroupTree(dir).reverse()) {
    try {
      rmdirSync(each);
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') return false;
    }
  }
  return true;
}

/** The cgroup and every cgroup below it, parents before children. */
function cgroupTree(dir: string): string[] {
  const found: string[] = [];
  const queue = [dir];
  while (queue.length > 0 && found.length < 10_000) {
    const current = queue.shift()!;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    found.push(current);
    for (const entry of entries) if (entry.isDirectory()) queue.push(`${current}/${entry.name}`);
  }
  return found;
}

/**
 * Whether `dir`, read from a run lock, may be treated as run `runId`'s
 * cgroup: an absolute, normal path under a cgroup2 mount, named for that run
 * id (runCgroupName). A lock is a file anyone with the home can write; this
 * keeps a forged one from pointing cgroup.kill at somebody else's cgroup.
 */
export function checkRunCgroup(dir: unknown, runId: string): CgroupAnswer<{ dir: string }> {
  if (typeof dir !== 'string' || !isAbsolute(dir) || normalize(dir) !== dir)
    return { ok: false, reason: `${JSON.stringify(dir)} is not an absolute, normal path` };
  if (!isRunCgroupName(basename(dir), runId)) return { ok: false, reason: `${dir} is not named for run ${runId}` };
  const own = ownCgroup();
  if (!own.ok) return own;
  const mount = own.mount.mountPoint.replace(/\/+$/, '');
  if (!dir.startsWith(`${mount}/`)) return { ok: false, reason: `${dir} is not under the cgroup2 mount ${mount}` };
  return { ok: true, dir };
}

/** True when this process lives in `dir` or below it: ending that cgroup would end us. */
export function insideCgroup(dir: string): boolean {
  const own = ownCgroup();
  return own.ok && (own.dir === dir || own.dir.startsWith(`${dir}/`));
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? String(error);
}
