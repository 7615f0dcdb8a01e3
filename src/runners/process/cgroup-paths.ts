/**
 * Pure pieces of cgroup v2 containment (cgroup.ts does the I/O): where this
 * process's cgroup is, what a run's cgroup is called, and what the
 * NIGHTSHIFT_CONTAINMENT setting asks for.
 */

/** How a run's processes are held together, as its record names it. */
export type Containment = 'cgroup' | 'sweep' | 'group';

/** `NIGHTSHIFT_CONTAINMENT`: `auto` (a cgroup where one can be made, else the sweep) or `sweep` (never a cgroup). */
export const CONTAINMENT_SETTINGS = ['auto', 'sweep'] as const;
export type ContainmentSetting = (typeof CONTAINMENT_SETTINGS)[number];

export const CONTAINMENT_ENV = 'NIGHTSHIFT_CONTAINMENT';

/** The setting in `env`; a value that is none of the settings is reported, and auto is used. */
export function containmentSetting(env: NodeJS.ProcessEnv): { setting: ContainmentSetting; invalid: string | null } {
  const raw = env[CONTAINMENT_ENV];
  if (raw === undefined || raw === '') return { setting: 'auto', invalid: null };
  const found = CONTAINMENT_SETTINGS.find((value) => value === raw.trim().toLowerCase());
  return found ? { setting: found, invalid: null } : { setting: 'auto', invalid: raw };
}

/**
 * The cgroup v2 path in /proc/<pid>/cgroup: the `0::<path>` line. Null on a
 * machine with cgroup v1 only (no such line).
 */
export function unifiedCgroupPath(procCgroup: string): string | null {
  for (const line of procCgroup.split('\n')) {
    if (!line.startsWith('0::')) continue;
    const path = line.slice(3).trim();
    return path.startsWith('/') ? path : null;
  }
  return null;
}

export interface Cgroup2Mount {
  /** the cgroup path the mount shows at its mount point ("/" unless a subtree is bind-mounted) */
  root: string;
  mountPoint: string;
  readOnly: boolean;
}

/** mountinfo escapes space, tab, newline and backslash as \ooo. */
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/**
 * The cgroup2 mounts in /proc/self/mountinfo. A line is
 * `id parent major:minor root mountpoint options [optional…] - fstype source superoptions`;
 * the optional fields end at the lone "-".
 */
export function cgroup2Mounts(mountinfo: string): Cgroup2Mount[] {
  const mounts: Cgroup2Mount[] = [];
  for (const line of mountinfo.split('\n')) {
    const fields = line.split(' ');
    const dash = fields.indexOf('-');
    if (dash < 6 || fields[dash + 1] !== 'cgroup2') continue;
    const options = (fields[5] ?? '').split(',');
    mounts.push({
      root: unescapeMountField(fields[3]!),
      mountPoint: unescapeMountField(fields[4]!),
      readOnly: options.includes('ro'),
    });
  }
  return mounts;
}

/**
 * Where cgroup `path` is in the file system: under a cgroup2 mount that shows
 * it, a writable one first; null when none does.
 */
export function cgroupDirectory(
  mounts: readonly Cgroup2Mount[],
  path: string,
): { dir: string; mount: Cgroup2Mount } | null {
  const showing = mounts.filter((mount) => {
    const root = mount.root.replace(/\/+$/, '');
    return root === '' || path === root || path.startsWith(`${root}/`);
  });
  const mount = showing.find((m) => !m.readOnly) ?? showing[0];
  if (!mount) return null;
  const rest = path.slice(mount.root.replace(/\/+$/, '').length).replace(/^\/+/, '');
  const base = mount.mountPoint.replace(/\/+$/, '');
  return { dir: rest === '' ? base || '/' : `${base}/${rest}`, mount };
}

const NAME_PREFIX = 'nightshift-run-';

/**
 * The name of a run's cgroup: it holds the run id, so `kill` and the reaper
 * can tell the run's cgroup from any other a lock might name. Characters a
 * cgroup name cannot hold, or that a path would read as more than a name,
 * become "_". `attempt` > 0 when the plain name was taken.
 */
export function runCgroupName(runId: string, attempt = 0): string {
  const safe = runId.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 200);
  return `${NAME_PREFIX}${safe}${attempt > 0 ? `.${attempt}` : ''}`;
}

/** True when `name` is a cgroup runCgroupName made for `runId`. */
export function isRunCgroupName(name: string, runId: string): boolean {
  const base = runCgroupName(runId);
  return name === base || (name.startsWith(`${base}.`) && /^[1-9][0-9]{0,3}$/.test(name.slice(base.length + 1)));
}

/** `populated 1` in cgroup.events: some process lives in the cgroup or below it. */
export function eventsPopulated(events: string): boolean {
  return /^populated 1$/m.test(events);
}

/** cgroup.procs: one pid a line. */
export function parsePids(text: string): number[] {
  return text
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => Number.isInteger(pid) && pid > 0);
}
