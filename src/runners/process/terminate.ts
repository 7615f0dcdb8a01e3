import { execFileSync } from 'node:child_process';
import { ancestorsOf, descendantsOf } from './descendants.js';
import { environHas, isLive, listProcesses, type ProcInfo, procAvailable, readProc, stillRunning } from './proc-table.js';
import { groupExists, sendSignal, sleep } from './signals.js';

/** What the run lock holds: enough to end a run from any process, not only the one that spawned it. */
export interface RunProcessRef {
  pid: number;
  pgid: number;
  runId: string;
}

export interface TerminateOptions {
  /** the process table, read by the caller a moment ago (default: read it now) */
  table?: readonly ProcInfo[];
  /** processes seen below the leader while the run lived (DescendantTracker.known()) */
  known?: readonly ProcInfo[];
  /**
   * The caller spawned this group itself, so it is the run's. Otherwise (the
   * `kill` command reading a lock) the group is signalled only when one of its
   * processes carries NIGHTSHIFT_RUN_ID=<runId>: a stale lock whose pid was
   * reused must not kill a stranger.
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

export type FoundBy = 'group' | 'descendant' | 'environ';

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
  /** 'proc': group kill plus the /proc sweep; 'group-only': no /proc (not Linux), group kill alone */
  method: 'proc' | 'group-only';
  /** whether the process group was signalled (false: empty, or not provably the run's) */
  groupSignalled: boolean;
  groupSkipped?: string;
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
 * Ends a run: SIGTERM to its process group and to every escaped descendant,
 * SIGKILL after `graceMs` to whatever is left, then sweeps again for
 * processes that appeared meanwhile. Escapees are found by (a) parent links,
 * in the caller's earlier snapshots and right before the kill, and (b) the
 * NIGHTSHIFT_RUN_ID=<runId> entry in /proc/<pid>/environ, which every
 * descendant inherits and keeps when reparented to PID 1.
 *
 * Never signals PID 1 or lower, the calling process, its ancestors or their
 * process groups. Without /proc (macOS, BSD) it falls back to the group kill
 * alone: escaped descendants are then not found.
 */
export async function terminateRun(run: RunProcessRef, graceMs: number, options: TerminateOptions = {}): Promise<TerminationReport> {
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
  const leaderIsOurs = leader !== undefined && safePid(leader.pid) && (options.ownsGroup === true || environHas(leader.pid, entry));
  let groupSkipped: string | undefined;
  let groupOk = false;
  if (run.pgid <= 0) groupSkipped = 'no process group given: only processes carrying the run id are ended';
  else if (!safeGroup(run.pgid)) groupSkipped = `process group ${run.pgid} is protected (PID 1, or this process's own group or an ancestor's)`;
  else if (members.length === 0) groupSkipped = `process group ${run.pgid} has no running process`;
  else if (options.ownsGroup || members.some((proc) => environHas(proc.pid, entry))) groupOk = true;
  else groupSkipped = `no process of group ${run.pgid} carries ${entry}: the lock is stale, its pid may belong to someone else now`;

  const tracked = new Map<string, Tracked>();
  const track = (info: ProcInfo, foundBy: FoundBy): void => {
    const key = `${info.pid}:${info.startTime}`;
    if (!tracked.has(key) && safePid(info.pid) && isLive(info)) tracked.set(key, { info, foundBy, signals: [] });
  };
  if (groupOk) for (const proc of members) track(proc, 'group');
  if (leaderIsOurs) for (const proc of descendantsOf(run.pid, snapshot)) track(proc, 'descendant');
  for (const proc of options.known ?? []) if (stillRunning(proc)) track(readProc(proc.pid) ?? proc, 'descendant');
  const notBefore = options.notBefore ?? 0;
  const carriesRunId = (proc: ProcInfo): boolean => isLive(proc) && proc.startTime >= notBefore && environHas(proc.pid, entry);
  for (const proc of snapshot) if (carriesRunId(proc)) track(proc, 'environ');

  let groupSignalled = false;
  let escalated = false;

  const signalAll = (signal: 'SIGTERM' | 'SIGKILL', items: Tracked[], group: boolean): void => {
    // who is alive is decided before anything is sent: the group signal kills members before the loop looks
    const alive = items.filter((item) => stillRunning(item.info));
    if (group && groupOk && send(-run.pgid, signal)) groupSignalled = true;
    for (const item of alive) {
      const coveredByGroup = group && groupOk && item.info.pgid === run.pgid;
      if (!coveredByGroup) {
        send(item.info.pid, signal);
        // an escapee that leads its own group takes that group with it
        if (item.info.pgid === item.info.pid && item.info.pgid !== run.pgid && safeGroup(item.info.pgid)) send(-item.info.pgid, signal);
      }
      item.signals.push(signal);
    }
  };
  const groupLive = (): boolean => groupOk && groupHasLiveMember(run.pgid);
  const anyLive = (items: Tracked[]): boolean => groupLive() || items.some((item) => stillRunning(item.info));

  // Round 0 is the group and everything known now; later rounds catch what appeared during the kill.
  let round: Tracked[] = [...tracked.values()];
  for (let r = 0; r <= SWEEP_ROUNDS && (round.length > 0 || (r === 0 && groupOk)); r++) {
    const withGroup = r === 0;
    signalAll('SIGTERM', round, withGroup);
    await waitUntil(() => !(withGroup ? anyLive(round) : round.some((item) => stillRunning(item.info))), graceMs, options.pollMs);
    const left = round.filter((item) => stillRunning(item.info));
    if (left.length > 0 || (withGroup && groupLive())) {
      escalated = true;
      signalAll('SIGKILL', left, withGroup);
      await waitUntil(() => !(withGroup ? anyLive(left) : left.some((item) => stillRunning(item.info))), options.killWaitMs, options.pollMs);
    }
    round = freshEscapees(carriesRunId, tracked, track);
  }

  const processes = [...tracked.values()]
    .filter((item) => item.signals.length > 0)
    .map((item) => ({ pid: item.info.pid, pgid: item.info.pgid, foundBy: item.foundBy, signals: item.signals }));
  const survivors = [...tracked.values()].filter((item) => stillRunning(item.info)).map((item) => item.info.pid);
  if (groupOk) for (const proc of listProcesses()) if (proc.pgid === run.pgid && isLive(proc) && !survivors.includes(proc.pid)) survivors.push(proc.pid);
  return {
    runId: run.runId,
    pid: run.pid,
    pgid: run.pgid,
    method: 'proc',
    groupSignalled,
    ...(groupSkipped && !groupSignalled ? { groupSkipped } : {}),
    processes,
    escaped: processes.filter((proc) => proc.pgid !== run.pgid).length,
    escalated,
    survivors,
    durationMs: Date.now() - started,
  };
}

/** Processes of the run that were not signalled yet (started while the others were dying). */
function freshEscapees(carriesRunId: (proc: ProcInfo) => boolean, tracked: Map<string, Tracked>, track: (info: ProcInfo, foundBy: FoundBy) => void): Tracked[] {
  const snapshot = listProcesses();
  const before = new Set(tracked.keys());
  const roots = [...tracked.values()].map((item) => item.info.pid).filter((pid) => pid > 1);
  for (const root of roots) for (const proc of descendantsOf(root, snapshot)) track(proc, 'descendant');
  for (const proc of snapshot) if (carriesRunId(proc)) track(proc, 'environ');
  return [...tracked.entries()].filter(([key, item]) => !before.has(key) && stillRunning(item.info)).map(([, item]) => item);
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

async function groupOnly(run: RunProcessRef, graceMs: number, pollMs: number, killWaitMs: number, started: number): Promise<TerminationReport> {
  const ownGroup = safeOwnGroup();
  const target = run.pgid > 1 && run.pgid !== ownGroup ? -run.pgid : run.pid > 1 && run.pid !== process.pid ? run.pid : 0;
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
    const pgid = Number(execFileSync('ps', ['-o', 'pgid=', '-p', String(process.pid)], { encoding: 'utf8', timeout: 2000 }).trim());
    if (Number.isInteger(pgid) && pgid > 0) return pgid;
  } catch {
    // fall through: assume we lead our own group, as a CLI started from a shell does
  }
  return process.pid;
}
