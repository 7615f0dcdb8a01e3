import { execFileSync } from 'node:child_process';
import { cgroupMembers, cgroupPopulated, checkRunCgroup, insideCgroup, killCgroup, removeCgroup } from './cgroup.js';
import { ancestorsOf, descendantsOf } from './descendants.js';
import {
  environHas,
  isLive,
  listProcesses,
  type ProcInfo,
  procAvailable,
  readProc,
  stillRunning,
} from './proc-table.js';
import { groupExists, sendSignal, sleep } from './signals.js';

/** What the run lock holds: enough to end a run from any process, not only the one that spawned it. */
export interface RunProcessRef {
  pid: number;
  pgid: number;
  runId: string;
  /** the run's own cgroup directory, when it has one (RunProcess.cgroup, the lock's `cgroup`) */
  cgroup?: string | null;
}

export interface TerminateOptions {
  /** the process table, read by the caller a moment ago (default: read it now) */
  table?: readonly ProcInfo[];
  /** processes seen below the leader while the run lived (DescendantTracker.known()) */
  known?: readonly ProcInfo[];
  /**
   * The caller spawned this group (and made its cgroup) itself, so it is the
   * run's. Otherwise (the `kill` command reading a lock) the group is
   * signalled only when one of its processes carries NIGHTSHIFT_RUN_ID=<runId>,
   * and the cgroup is ended only when it is named for the run
   * (checkRunCgroup): a stale or forged lock must not kill a stranger.
   */
  ownsGroup?: boolean;
  /**
   * Clock ticks after boot (ProcInfo.startTime) before which none of the
   * run's processes can have started: the start of the harness that runs it.
   * Older processes are not asked for their environment, which on a busy
   * machine is most of the sweep's reads. Without it every process is asked.
   */
  notBefore?: number | null;
  /** how often to look whether everything is gone (default 20 ms) */
  pollMs?: number;
  /** how long to wait for SIGKILLed processes to disappear (default 2000 ms) */
  killWaitMs?: number;
  /**
   * Sends a signal (target < 0: a process group). Tests of the safety rules
   * pass a recorder here, so a regression cannot signal real processes.
   */
  send?: (target: number, signal: NodeJS.Signals) => boolean;
}

export type FoundBy = 'group' | 'cgroup' | 'descendant' | 'environ';

export interface SignalledProcess {
  pid: number;
  pgid: number;
  foundBy: FoundBy;
  signals: Array<'SIGTERM' | 'SIGKILL'>;
}

export interface TerminationReport {
  runId: string;
  pid: number;
  pgid: number;
  /**
   * 'cgroup': the run's cgroup ended (cgroup.kill) together with the group
   * kill and the /proc sweep; 'proc': group kill plus the /proc sweep;
   * 'group-only': no /proc (not Linux), group kill alone
   */
  method: 'cgroup' | 'proc' | 'group-only';
  /** whether the process group was signalled (false: empty, or not provably the run's) */
  groupSignalled: boolean;
  groupSkipped?: string;
  /** the cgroup that was looked into, when the run had one that may be used */
  cgroup?: string;
  /** why the cgroup the run names was not used */
  cgroupSkipped?: string;
  /** cgroup.kill was written */
  cgroupKilled?: boolean;
  /** every process that got a signal, with the signals it got */
  processes: SignalledProcess[];
  /** how many of them lived outside the run's process group (escaped: setsid, own group) */
  escaped: number;
  /** SIGKILL was needed for something */
  escalated: boolean;
  /** still running when terminateRun gave up (should be empty) */
  survivors: number[];
  durationMs: number;
}

const SWEEP_ROUNDS = 3;

/**
 * Ends a run: SIGTERM to its process group, to every process in its cgroup
 * and to every escaped descendant, SIGKILL after `graceMs` to whatever is
 * left (cgroup.kill for the cgroup), then sweeps again for processes that
 * appeared meanwhile. In a cgroup nothing escapes; without one, escapees are
 * found by (a) parent links, in the caller's earlier snapshots and right
 * before the kill, and (b) the NIGHTSHIFT_RUN_ID=<runId> entry in
 * /proc/<pid>/environ, which every descendant inherits and keeps when
 * reparented to PID 1, unless it clears its environment. An emptied cgroup
 * is removed.
 *
 * Never signals PID 1 or lower, the calling process, its ancestors or their
 * process groups. Without /proc (macOS, BSD) it falls back to the group kill
 * alone: escaped descendants are then not found.
 */
export async function terminateRun(
  run: RunProcessRef,
  graceMs: number,
  options: TerminateOptions = {},
): Promise<TerminationReport> {
  const started = Date.now();
  const pollMs = options.pollMs ?? 20;
  const killWaitMs = options.killWaitMs ?? 2000;
  return procAvailable
    ? sweepWithProc(run, graceMs, { ...options, pollMs, killWaitMs }, started)
    : groupOnly(run, graceMs, pollMs, killWaitMs, started);
}

interface Tracked {
  info: ProcInfo;
  foundBy: FoundBy;
  signals: Array<'SIGTERM' | 'SIGKILL'>;
}

async function sweepWithProc(
  run: RunProcessRef,
  graceMs: number,
  options: TerminateOptions & { pollMs: number; killWaitMs: number },
  started: number,
): Promise<TerminationReport> {
  const entry = `NIGHTSHIFT_RUN_ID=${run.runId}`;
  const send = options.send ?? sendSignal;
  const snapshot = options.table ?? listProcesses();
  const protectedPids = ancestorsOf(process.pid, snapshot);
  const protectedGroups = new Set<number>();
  for (const pid of protectedPids) {
    const info = snapshot.find((proc) => proc.pid === pid);
    if (info) protectedGroups.add(info.pgid);
  }
  const safePid = (pid: number): boolean => pid > 1 && !protectedPids.has(pid);
  const safeGroup = (pgid: number): boolean => pgid > 1 && !protectedGroups.has(pgid) && !protectedPids.has(pgid);

  const members = snapshot.filter((proc) => proc.pgid === run.pgid && isLive(proc));
  const leader = snapshot.find((proc) => proc.pid === run.pid);
  // a parent walk from a protected pid (PID 1, ourselves, an ancestor) would reach every process on the machine
  const leaderIsOurs =
    leader !== undefined && safePid(leader.pid) && (options.ownsGroup === true || environHas(leader.pid, entry));
  let groupSkipped: string | undefined;
  let groupOk = false;
  if (run.pgid <= 0) groupSkipped = 'no process group given: only processes carrying the run id are ended';
  else if (!safeGroup(run.pgid))
    groupSkipped = `process group ${run.pgid} is protected (PID 1, or this process's own group or an ancestor's)`;
  else if (members.length === 0) groupSkipped = `process group ${run.pgid} has no running process`;
  else if (options.ownsGroup || members.some((proc) => environHas(proc.pid, entry))) groupOk = true;
  else
    groupSkipped = `no process of group ${run.pgid} carries ${entry}: the lock is stale, its pid may belong to someone else now`;

  const { cgroup, cgroupSkipped } = usableCgroup(run, options.ownsGroup === true);
  const cgroupLive = (): boolean => cgroup !== null && cgroupPopulated(cgroup);
  const inCgroup = (): ProcInfo[] => (cgroup === null ? [] : procsOf(cgroupMembers(cgroup)));

  const tracked = new Map<string, Tracked>();
  const track = (info: ProcInfo, foundBy: FoundBy): void => {
    const key = `${info.pid}:${info.startTime}`;
    if (!tracked.has(key) && safePid(info.pid) && isLive(info)) tracked.set(key, { info, foundBy, signals: [] });
  };
  if (groupOk) for (const proc of members) track(proc, 'group');
  for (const proc of inCgroup()) track(proc, 'cgroup');
  if (leaderIsOurs) for (const proc of descendantsOf(run.pid, snapshot)) track(proc, 'descendant');
  for (const proc of options.known ?? []) if (stillRunning(proc)) track(readProc(proc.pid) ?? proc, 'descendant');
  const notBefore = options.notBefore ?? 0;
  const carriesRunId = (proc: ProcInfo): boolean =>
    isLive(proc) && proc.startTime >= notBefore && environHas(proc.pid, entry);
  for (const proc of snapshot) if (carriesRunId(proc)) track(proc, 'environ');

  let groupSignalled = false;
  let cgroupKilled = false;
  let escalated = false;

  const signalAll = (signal: 'SIGTERM' | 'SIGKILL', items: Tracked[], group: boolean): void => {
    // who is alive is decided before anything is sent: the group signal kills members before the loop looks
    const alive = items.filter((item) => stillRunning(item.info));
    if (group && groupOk && send(-run.pgid, signal)) groupSignalled = true;
    // the kernel ends the whole cgroup at once, forks in flight included
    if (signal === 'SIGKILL' && cgroup !== null && cgroupLive() && killCgroup(cgroup)) cgroupKilled = true;
    for (const item of alive) {
      const coveredByGroup = group && groupOk && item.info.pgid === run.pgid;
      if (!coveredByGroup) {
        send(item.info.pid, signal);
        // an escapee that leads its own group takes that group with it
        if (item.info.pgid === item.info.pid && item.info.pgid !== run.pgid && safeGroup(item.info.pgid))
          send(-item.info.pgid, signal);
      }
      item.signals.push(signal);
    }
  };
  const groupLive = (): boolean => groupOk && groupHasLiveMember(run.pgid);
  const anyLive = (items: Tracked[], withGroup: boolean): boolean =>
    (withGroup && groupLive()) || cgroupLive() || items.some((item) => stillRunning(item.info));

  // Round 0 is the group, the cgroup and everything known now; later rounds catch what appeared during the kill.
  let round: Tracked[] = [...tracked.values()];
  for (let r = 0; r <= SWEEP_ROUNDS && (round.length > 0 || (r === 0 && (groupOk || cgroupLive()))); r++) {
    const withGroup = r === 0;
    signalAll('SIGTERM', round, withGroup);
    await waitUntil(() => !anyLive(round, withGroup), graceMs, options.pollMs);
    const left = round.filter((item) => stillRunning(item.info));
    if (left.length > 0 || (withGroup && groupLive()) || cgroupLive()) {
      escalated = true;
      signalAll('SIGKILL', left, withGroup);
      await waitUntil(() => !anyLive(left, withGroup), options.killWaitMs, options.pollMs);
    }
    round = freshEscapees(carriesRunId, tracked, track, inCgroup);
  }

  const processes = [...tracked.values()]
    .filter((item) => item.signals.length > 0)
    .map((item) => ({ pid: item.info.pid, pgid: item.info.pgid, foundBy: item.foundBy, signals: item.signals }));
  const survivors = [...tracked.values()].filter((item) => stillRunning(item.info)).map((item) => item.info.pid);
  const leftInGroupOrCgroup = [
    ...(groupOk ? listProcesses().filter((proc) => proc.pgid === run.pgid && isLive(proc)) : []),
    ...inCgroup(),
  ];
  for (const proc of leftInGroupOrCgroup) if (!survivors.includes(proc.pid)) survivors.push(proc.pid);
  // an empty cgroup is removed by whoever ended the run: the harness, `kill`, or the reaper of a crashed run
  if (cgroup !== null && survivors.length === 0) removeCgroup(cgroup);
  return {
    runId: run.runId,
    pid: run.pid,
    pgid: run.pgid,
    method: cgroup === null ? 'proc' : 'cgroup',
    groupSignalled,
    ...(groupSkipped && !groupSignalled ? { groupSkipped } : {}),
    ...(cgroup === null ? {} : { cgroup, cgroupKilled }),
    ...(cgroupSkipped ? { cgroupSkipped } : {}),
    processes,
    escaped: processes.filter((proc) => proc.pgid !== run.pgid).length,
    escalated,
    survivors,
    durationMs: Date.now() - started,
  };
}

/**
 * The cgroup terminateRun may end: the one the caller made (`owned`), or one
 * named for the run (a lock's word is checked); never one holding this process.
 */
function usableCgroup(run: RunProcessRef, owned: boolean): { cgroup: string | null; cgroupSkipped?: string } {
  if (!run.cgroup) return { cgroup: null };
  const checked = owned ? { ok: true as const, dir: run.cgroup } : checkRunCgroup(run.cgroup, run.runId);
  if (!checked.ok) return { cgroup: null, cgroupSkipped: checked.reason };
  if (insideCgroup(checked.dir)) return { cgroup: null, cgroupSkipped: `this process lives in ${checked.dir} itself` };
  return { cgroup: checked.dir };
}

/** The process-table entries of `pids`, read now (a cgroup's members may be younger than any snapshot). */
function procsOf(pids: readonly number[]): ProcInfo[] {
  return pids.map(readProc).filter((proc): proc is ProcInfo => proc !== null);
}

/** Processes of the run that were not signalled yet (started while the others were dying). */
function freshEscapees(
  carriesRunId: (proc: ProcInfo) => boolean,
  tracked: Map<string, Tracked>,
  track: (info: ProcInfo, foundBy: FoundBy) => void,
  inCgroup: () => ProcInfo[],
): Tracked[] {
  const snapshot = listProcesses();
  const before = new Set(tracked.keys());
  for (const proc of inCgroup()) track(proc, 'cgroup');
  const roots = [...tracked.values()].map((item) => item.info.pid).filter((pid) => pid > 1);
  for (const root of roots) for (const proc of descendantsOf(root, snapshot)) track(proc, 'descendant');
  for (const proc of snapshot) if (carriesRunId(proc)) track(proc, 'environ');
  return [...tracked.entries()]
    .filter(([key, item]) => !before.has(key) && stillRunning(item.info))
    .map(([, item]) => item);
}

function groupHasLiveMember(pgid: number): boolean {
  if (!groupExists(pgid)) return false;
  // kill(-pgid, 0) also succeeds for zombies that wait to be reaped: look at their state
  return listProcesses().some((proc) => proc.pgid === pgid && isLive(proc));
}

async function waitUntil(done: () => boolean, maxMs: number, pollMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (!done()) {
    if (Date.now() >= deadline) return;
    await sleep(Math.min(pollMs, Math.max(1, deadline - Date.now())));
  }
}

/** What kill() is given: the run's group (negative), else its pid alone, else 0 for nobody; never init, our own group or ourselves. */
function signalTarget(run: RunProcessRef, ownGroup: number): number {
  if (run.pgid > 1 && run.pgid !== ownGroup) return -run.pgid;
  if (run.pid > 1 && run.pid !== process.pid) return run.pid;
  return 0;
}

async function groupOnly(
  run: RunProcessRef,
  graceMs: number,
  pollMs: number,
  killWaitMs: number,
  started: number,
): Promise<TerminationReport> {
  const target = signalTarget(run, safeOwnGroup());
  const signals: Array<'SIGTERM' | 'SIGKILL'> = [];
  let escalated = false;
  if (target !== 0 && sendSignal(target, 'SIGTERM')) {
    signals.push('SIGTERM');
    await waitUntil(() => !sendSignal(target, 0), graceMs, pollMs);
    if (sendSignal(target, 'SIGKILL')) {
      escalated = true;
      signals.push('SIGKILL');
      await waitUntil(() => !sendSignal(target, 0), killWaitMs, pollMs);
    }
  }
  return {
    runId: run.runId,
    pid: run.pid,
    pgid: run.pgid,
    method: 'group-only',
    groupSignalled: signals.length > 0 && target < 0,
    ...(target === 0 ? { groupSkipped: 'pid and group are protected' } : {}),
    processes: signals.length > 0 ? [{ pid: run.pid, pgid: run.pgid, foundBy: 'group', signals }] : [],
    escaped: 0,
    escalated,
    survivors: target !== 0 && sendSignal(target, 0) ? [run.pid] : [],
    durationMs: Date.now() - started,
  };
}

/** Without /proc, node cannot tell its own process group; `ps` can (macOS, BSD). */
function safeOwnGroup(): number {
  try {
    const pgid = Number(
      execFileSync('ps', ['-o', 'pgid=', '-p', String(process.pid)], { encoding: 'utf8', timeout: 2000 }).trim(),
    );
    if (Number.isInteger(pgid) && pgid > 0) return pgid;
  } catch {
    // fall through: assume we lead our own group, as a CLI started from a shell does
  }
  return process.pid;
}
