import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import {
  type RunProcess,
  runAlive,
  runProcesses,
  startProcess,
  terminateRun,
} from '../../../src/runners/process-tree.js';
import { environHas, parseStat, readProc, selfStartTicks } from '../../../src/runners/process/proc-table.js';
import { isRunning, killPids, pidsOfRun, waitFor } from '../../support/procs.js';

const REGISTER = fileURLToPath(new URL('../../support/ts-register.mjs', import.meta.url));
const PROCESS_TREE = fileURLToPath(new URL('../../../src/runners/process-tree.ts', import.meta.url));

const SLEEP = 'setInterval(()=>{},1<<30)';
/** ignores SIGTERM, and says so only once the handler is in place (a signal before that would kill it) */
const DEAF = `process.on('SIGTERM',()=>{});console.log('ready');${SLEEP}`;
const OBEDIENT = `console.log('ready');${SLEEP}`;
/** a child in the leader's own group; its stdout is the leader's */
const sameGroupChild = (code: string) =>
  `require('child_process').spawn(process.execPath,['-e',${JSON.stringify(code)}],{stdio:['ignore','inherit','ignore']});`;
/** a child that escapes into its own session (setsid), its pid printed first */
const escapedChild = (code: string) =>
  `const c=require('child_process').spawn(process.execPath,['-e',${JSON.stringify(code)}],` +
  "{detached:true,stdio:['ignore','inherit','ignore']});c.unref();console.log('pid:'+c.pid);";

const started: number[] = [];
const runIds: string[] = [];
const procs: RunProcess[] = [];
afterEach(async () => {
  // the supervisor's own end: what is left is killed and each run's cgroup removed
  await Promise.all(procs.splice(0).map((proc) => proc.terminate(0)));
  for (const runId of runIds.splice(0)) killPids(pidsOfRun(runId));
  killPids(started.splice(0));
});

interface StartedRun {
  proc: RunProcess;
  runId: string;
  /** resolves once `n` processes of the run printed "ready" */
  ready(n: number): Promise<void>;
  /** the pid an escapedChild printed */
  escapee(): Promise<number>;
}

async function startRun(script: string): Promise<StartedRun> {
  const runId = `pt-${randomUUID()}`;
  runIds.push(runId);
  const start = await startProcess({
    argv: [process.execPath, '-e', script],
    cwd: process.cwd(),
    env: process.env,
    runId,
    trackEveryMs: 50,
  });
  if (!start.ok) throw new Error(start.message);
  const proc = start.process;
  started.push(proc.pid);
  procs.push(proc);
  let text = '';
  proc.child.stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  proc.child.stderr.resume();
  const lines = () => text.split('\n');
  return {
    proc,
    runId,
    ready: async (n) => {
      if (!(await waitFor(() => lines().filter((l) => l === 'ready').length >= n, 10_000)))
        throw new Error(`not ready: ${text}`);
    },
    escapee: async () => {
      await waitFor(() => lines().some((l) => l.startsWith('pid:')), 10_000);
      return Number(
        lines()
          .find((l) => l.startsWith('pid:'))!
          .slice(4),
      );
    },
  };
}

describe('startProcess', () => {
  test('the child leads its own process group and carries NIGHTSHIFT_RUN_ID', async () => {
    const { proc, runId } = await startRun(SLEEP);
    expect(proc.pgid).toBe(proc.pid);
    expect(await waitFor(() => runProcesses(runId).includes(proc.pid))).toBe(true);
    expect(runAlive({ pid: proc.pid, runId })).toBe(true);
    await proc.terminate(1000);
    expect(runAlive({ pid: proc.pid, runId })).toBe(false);
  });

  test('an executable that does not exist is a result, not a throw', async () => {
    const start = await startProcess({
      argv: ['/nonexistent/claude'],
      cwd: process.cwd(),
      env: process.env,
      runId: 'x',
    });
    expect(start).toMatchObject({ ok: false, code: 'ENOENT' });
  });
});

describe('terminateRun', () => {
  test('a group that obeys SIGTERM ends well before the grace, no SIGKILL', async () => {
    const { proc, runId, ready } = await startRun(`${sameGroupChild(OBEDIENT)}${OBEDIENT}`);
    await ready(2);
    const pids = pidsOfRun(runId);
    const report = await terminateRun({ pid: proc.pid, pgid: proc.pgid, runId }, 5000, { ownsGroup: true });
    expect(report.durationMs).toBeLessThan(2000);
    expect(report.escalated).toBe(false);
    expect(report.groupSignalled).toBe(true);
    expect(report.survivors).toEqual([]);
    expect(pids.every((pid) => !isRunning(pid))).toBe(true);
    expect(pidsOfRun(runId)).toEqual([]);
  });

  test('a group that ignores SIGTERM is SIGKILLed after the grace', async () => {
    const { proc, runId, ready } = await startRun(`${sameGroupChild(DEAF)}${DEAF}`);
    await ready(2);
    const report = await terminateRun({ pid: proc.pid, pgid: proc.pgid, runId }, 600, { ownsGroup: true });
    expect(report.durationMs).toBeGreaterThanOrEqual(550);
    expect(report.durationMs).toBeLessThan(4000);
    expect(report.escalated).toBe(true);
    expect(report.processes.find((p) => p.pid === proc.pid)?.signals).toEqual(['SIGTERM', 'SIGKILL']);
    expect(pidsOfRun(runId)).toEqual([]);
    expect(isRunning(proc.pid)).toBe(false);
  });

  test('a descendant that escaped with setsid (and ignores SIGTERM) is swept', async () => {
    const { proc, runId, ready, escapee: escapeePid } = await startRun(`${escapedChild(DEAF)}${OBEDIENT}`);
    await ready(2);
    const escapee = await escapeePid();
    expect(isRunning(escapee)).toBe(true);
    const report = await terminateRun({ pid: proc.pid, pgid: proc.pgid, runId }, 500, {
      ownsGroup: true,
      known: proc.tracker.known(),
    });
    expect(report.escaped).toBeGreaterThanOrEqual(1);
    expect(report.processes.find((p) => p.pid === escapee)).toMatchObject({ signals: ['SIGTERM', 'SIGKILL'] });
    expect(isRunning(escapee)).toBe(false);
    expect(pidsOfRun(runId)).toEqual([]);
  });

  test('after SIGKILL of the leader orphaned the escapee, the environ scan still finds it', async () => {
    const { proc, runId, ready, escapee: escapeePid } = await startRun(`${escapedChild(DEAF)}${OBEDIENT}`);
    await ready(2);
    const escapee = await escapeePid();
    process.kill(proc.pid, 'SIGKILL');
    await proc.exited;
    // no parent link leads to it any more, and no tracker list is passed: only its environment names the run
    const report = await terminateRun({ pid: proc.pid, pgid: proc.pgid, runId }, 300);
    expect(report.processes.map((p) => [p.pid, p.foundBy])).toContainEqual([escapee, 'environ']);
    expect(isRunning(escapee)).toBe(false);
  });

  test('works from another process that only has the lock (pid, pgid, runId), like `nightshift kill`', async () => {
    const { proc, runId, ready, escapee: escapeePid } = await startRun(`${escapedChild(DEAF)}${DEAF}`);
    await ready(2);
    const escapee = await escapeePid();
    const lock = JSON.stringify({ pid: proc.pid, pgid: proc.pgid, runId });
    const script = `const { terminateRun } = await import(${JSON.stringify(PROCESS_TREE)}); console.log(JSON.stringify(await terminateRun(${lock}, 400)));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', REGISTER, '--input-type=module', '-e', script],
      { timeout: 20_000 },
    );
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ method: 'proc', groupSignalled: true, escalated: true, survivors: [] });
    expect(report.processes.map((p: { pid: number }) => p.pid)).toEqual(expect.arrayContaining([proc.pid, escapee]));
    expect(isRunning(proc.pid)).toBe(false);
    expect(isRunning(escapee)).toBe(false);
  });

  test('pid and group unknown (0): the run-id sweep alone ends the run', async () => {
    const { proc, runId, ready, escapee: escapeePid } = await startRun(`${escapedChild(DEAF)}${OBEDIENT}`);
    await ready(2);
    const escapee = await escapeePid();
    const report = await terminateRun({ pid: 0, pgid: 0, runId }, 300);
    expect(report.groupSignalled).toBe(false);
    expect(report.groupSkipped).toMatch(/no process group given/);
    expect(report.processes.map((p) => p.foundBy)).toEqual(['environ', 'environ']);
    expect(isRunning(proc.pid)).toBe(false);
    expect(isRunning(escapee)).toBe(false);
  });

  test('notBefore: the environ sweep asks only processes that started at or after it', async () => {
    const { proc, runId, ready } = await startRun(OBEDIENT);
    await ready(1);
    const leader = readProc(proc.pid)!;
    const later = await terminateRun({ pid: 0, pgid: 0, runId }, 300, { notBefore: leader.startTime + 1 });
    expect(later.processes).toEqual([]);
    expect(isRunning(proc.pid)).toBe(true);
    const since = await terminateRun({ pid: 0, pgid: 0, runId }, 300, { notBefore: leader.startTime });
    expect(since.processes.map((p) => [p.pid, p.foundBy])).toEqual([[proc.pid, 'environ']]);
    expect(isRunning(proc.pid)).toBe(false);
  });

  test('a stale lock whose pid now belongs to a stranger kills nothing', async () => {
    const stranger = spawn(process.execPath, ['-e', SLEEP], { detached: true, stdio: 'ignore' });
    started.push(stranger.pid!);
    await waitFor(() => isRunning(stranger.pid!));
    const report = await terminateRun({ pid: stranger.pid!, pgid: stranger.pid!, runId: `gone-${randomUUID()}` }, 200);
    expect(report.groupSignalled).toBe(false);
    expect(report.groupSkipped).toMatch(/stale/);
    expect(report.processes).toEqual([]);
    expect(isRunning(stranger.pid!)).toBe(true);
  });

  test('never signals its own process or group, nor PID 1 (a recorder stands in for kill)', async () => {
    const sent: Array<[number, string]> = [];
    const send = (target: number, signal: NodeJS.Signals): boolean => {
      sent.push([target, signal]);
      return true;
    };
    const self = parseStat(readFileSync('/proc/self/stat', 'utf8'))!;
    const mine = await terminateRun({ pid: process.pid, pgid: self.pgid, runId: 'self' }, 50, {
      ownsGroup: true,
      send,
    });
    expect(mine).toMatchObject({ groupSignalled: false, processes: [] });
    // a walk from PID 1 would reach every process on the machine
    const init = await terminateRun({ pid: 1, pgid: 1, runId: 'init' }, 50, { ownsGroup: true, send });
    expect(init).toMatchObject({ groupSignalled: false, processes: [] });
    const parent = await terminateRun({ pid: process.ppid, pgid: process.ppid, runId: 'parent' }, 50, {
      ownsGroup: true,
      send,
    });
    expect(parent.processes).toEqual([]);
    expect(sent).toEqual([]);
  });
});

describe('environHas', () => {
  test('matches a whole NAME=value entry: first, middle or last, with or without the final NUL', async () => {
    const runId = `env-${randomUUID()}`;
    const child = spawn('/bin/sh', ['-c', 'sleep 30'], {
      env: { NIGHTSHIFT_RUN_ID: `${runId}`, OTHER: `x${runId}y`, LAST: 'z' },
      stdio: 'ignore',
    });
    started.push(child.pid!);
    await waitFor(() => isRunning(child.pid!));
    expect(environHas(child.pid!, `NIGHTSHIFT_RUN_ID=${runId}`)).toBe(true);
    expect(environHas(child.pid!, `LAST=z`)).toBe(true);
    expect(environHas(child.pid!, `NIGHTSHIFT_RUN_ID=${runId.slice(0, -1)}`)).toBe(false);
    expect(environHas(child.pid!, `OTHER=${runId}`)).toBe(false);
    expect(environHas(child.pid!, `UN_ID=${runId}`)).toBe(false);
    expect(selfStartTicks()).toBe(readProc(process.pid)!.startTime);
    child.kill('SIGKILL');
  });
});

describe('parseStat', () => {
  test('a command name with spaces and parentheses does not shift the fields', () => {
    const line = '4242 (we(ird) name) S 1 4242 4242 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 987654 0 0';
    expect(parseStat(line)).toEqual({ pid: 4242, state: 'S', ppid: 1, pgid: 4242, sid: 4242, startTime: 987654 });
  });
});
