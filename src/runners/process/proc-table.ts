import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * Reads the Linux process table from /proc. Only what the supervisor needs:
 * who is whose parent, which group and session, and whether a process is a
 * zombie (dead but not yet reaped: it can hold no resource and ignores signals).
 */
export interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  sid: number;
  /** R, S, D, Z, T, X, … */
  state: string;
  /** clock ticks after boot: with the pid, identifies a process across pid reuse */
  startTime: number;
}

export const procAvailable: boolean = process.platform === 'linux' && existsSync('/proc/self/stat');

/**
 * Parses /proc/<pid>/stat. The command name (field 2) is in parentheses and
 * may itself contain spaces and parentheses, so fields are counted from the
 * LAST ')'.
 */
export function parseStat(text: string): ProcInfo | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open).trim());
  const rest = text.slice(close + 2).split(' ');
  // rest[0] is field 3 (state); field N is rest[N - 3]
  const state = rest[0];
  const ppid = Number(rest[1]);
  const pgid = Number(rest[2]);
  const sid = Number(rest[3]);
  const startTime = Number(rest[19]);
  if (!state || ![pid, ppid, pgid, sid, startTime].every(Number.isFinite)) return null;
  return { pid, ppid, pgid, sid, state, startTime };
}

export function readProc(pid: number): ProcInfo | null {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

export function listProcesses(): ProcInfo[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const procs: ProcInfo[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const info = readProc(Number(name));
    if (info) procs.push(info);
  }
  return procs;
}

export function isLive(info: ProcInfo): boolean {
  return info.state !== 'Z' && info.state !== 'X';
}

/** Same process as when it was seen (not a reused pid), and not a zombie. */
export function stillRunning(seen: Pick<ProcInfo, 'pid' | 'startTime'>): boolean {
  const now = readProc(seen.pid);
  return now !== null && now.startTime === seen.startTime && isLive(now);
}

/**
 * True when the process's initial environment holds exactly `entry`
 * ("NAME=value"). Whole-entry match, so run id "ab" never matches "abc".
 * Unreadable environments (other users' processes) count as no match.
 */
export function environHas(pid: number, entry: string): boolean {
  let raw: Buffer;
  try {
    raw = readFileSync(`/proc/${pid}/environ`);
  } catch {
    return false;
  }
  // entries are NUL-terminated (the last one may not be): a match starts the buffer or follows a NUL, and ends at a NUL or the end
  const needle = Buffer.from(entry);
  for (let at = raw.indexOf(needle); at !== -1; at = raw.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if ((at === 0 || raw[at - 1] === 0) && (end === raw.length || raw[end] === 0)) return true;
  }
  return false;
}

/** The command line of a process, its arguments joined by spaces (for words to a person); null when unreadable. */
export function commandLineOf(pid: number): string | null {
  try {
    const text = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replaceAll('\0', ' ');
    return text === '' ? null : text;
  } catch {
    return null;
  }
}

let selfStart: number | null | undefined;

/**
 * When this process started, in clock ticks after boot. Everything a run
 * started, this harness started after itself: processes older than that
 * cannot carry the run id, and a sweep need not read their environment.
 */
export function selfStartTicks(): number | null {
  if (selfStart === undefined) selfStart = procAvailable ? (readProc(process.pid)?.startTime ?? null) : null;
  return selfStart;
}
