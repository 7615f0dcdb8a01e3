import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runRecordSchema, type RunRecord } from '../../src/journal/index.js';
import { shareFolder, type SharedFolder, sshfsUnavailable } from './sshfs.js';

/**
 * Three hosts, one home: three process groups with their own NIGHTSHIFT_HOST,
 * each reaching ONE folder through its own sshfs mount over 127.0.0.1 (a
 * network file system with its own client per host; the machine's kernel has
 * no NFS). Runs on all hosts at once never overlap for one agent; a kill from
 * host A ends a run on host B within 5 s and the record says who and where;
 * a host SIGKILLed mid-run is found CRASHED once by the others after its
 * lease lapses; and the merged views show every record whole.
 */
const BIN = resolve('bin/nightshift.js');
const HOSTS = ['host-a', 'host-b', 'host-c'] as const;
type Host = (typeof HOSTS)[number];
/** short leases so a crashed host is found within seconds (3 missed renewals) */
const LEASE_MS = 1000;

const unavailable = sshfsUnavailable();
if (unavailable) console.warn(`SKIPPED the three-host test: ${unavailable}`);

let folder: SharedFolder | null = null;
const children: ChildProcess[] = [];

/** A command agent; `seconds` of work, or until killed. */
function agentFile(name: string, seconds: number): string {
  const script = `console.log('working on ' + process.env.NIGHTSHIFT_HOST); setTimeout(() => console.log('STATUS: OK'), ${seconds * 1000});`;
  return (
    `---\nname: ${name}\ndescription: works for ${seconds}s\nrunner:\n  kind: command\n` +
    `  command: ["${process.execPath}", "-e", ${JSON.stringify(script)}]\nlimits:\n  time: 2m\nreview: none\n---\nWork.\n`
  );
}

function envOf(host: Host): NodeJS.ProcessEnv {
  return { ...process.env, NIGHTSHIFT_HOST: host, NIGHTSHIFT_LEASE_MS: String(LEASE_MS), NO_COLOR: '1' };
}

function homeOf(host: Host): string {
  return folder!.mounts[host]!;
}

/** The CLI on `host`, through its mount; its own process group (a "host"). */
function start(
  host: Host,
  args: string[],
): { child: ChildProcess; done: Promise<{ code: number | null; out: string; err: string }> } {
  const child = spawn(process.execPath, [BIN, ...args, '--home', homeOf(host)], {
    env: envOf(host),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolveDone) =>
    child.once('close', (code) => resolveDone({ code, out, err })),
  );
  return { child, done };
}

async function cli(host: Host, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return start(host, args).done;
}

/** Every line of every `kind` journal in the shared folder (each host's own file), read on the server side. */
function journalLines(kind = 'runs'): string[] {
  const logs = join(folder!.share, 'logs');
  return readdirSync(logs)
    .filter((name) => new RegExp(`^${kind}(@[^/]+)?\\.jsonl$`).test(name))
    .flatMap((name) => readFileSync(join(logs, name), 'utf8').split('\n'))
    .filter((line) => line.length > 0);
}

/** Each host appended only to its own journal: logs/runs@<host>.jsonl holds that host's records. */
function expectOwnJournals(): void {
  const logs = join(folder!.share, 'logs');
  expect(readdirSync(logs).filter((name) => name === 'runs.jsonl')).toEqual([]);
  for (const host of HOSTS) {
    let text = '';
    try {
      text = readFileSync(join(logs, `runs@${host}.jsonl`), 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').filter((line) => line.length > 0)) {
      const record = JSON.parse(line) as { host: string; status: string; reason: string | null };
      // a run found CRASHED is filed under the host it ran on; the host that wrote it is named in its reason
      if (record.status === 'CRASHED' && record.host !== host) expect(record.reason).toContain(` on ${host}`);
      else expect(record.host).toBe(host);
    }
  }
}

function records(): RunRecord[] {
  return journalLines().map((line) => runRecordSchema.read(JSON.parse(line)));
}

async function until<T>(what: string, deadlineMs: number, look: () => T | null | Promise<T | null>): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const found = await look();
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error(`not within ${deadlineMs} ms: ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

/** The lock of `agent` once its runner is up (it names the runner's process group), read on the server side. */
async function runningLock(agent: string): Promise<{ run_id: string; pid: number; pgid: number; host: string }> {
  return until(`${agent} running`, 20_000, () => {
    try {
      const lock = JSON.parse(readFileSync(join(folder!.share, 'run', `${agent}.lock`), 'utf8')) as {
        run_id: string;
        pid: number;
        pgid: number | null;
        host: string;
      };
      return lock.pgid ? { ...lock, pgid: lock.pgid } : null;
    } catch {
      return null;
    }
  });
}

describe.skipIf(unavailable !== null)('three hosts sharing one home over sshfs', () => {
  beforeAll(async () => {
    folder = await shareFolder([...HOSTS]);
    const init = spawnSync(process.execPath, [BIN, 'init', '--home', folder.share], { encoding: 'utf8' });
    expect(init.status, init.stderr).toBe(0);
    writeFileSync(
      join(folder.share, 'nightshift.yaml'),
      'timezone: UTC\nhosts: shared\nharness:\n  kill_grace: 500ms\n',
    );
    writeFileSync(join(folder.share, 'agents', 'quick.md'), agentFile('quick', 0.3));
    for (const host of HOSTS)
      writeFileSync(join(folder.share, 'agents', `work-${host}.md`), agentFile(`work-${host}`, 90));
  }, 120_000);

  afterAll(() => {
    for (const child of children) {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    folder?.close();
  });

  test('runs on all three hosts at once: one agent never runs twice at a time; every run recorded once', async () => {
    const rounds = await Promise.all(
      HOSTS.map(async (host) => {
        const codes: Array<number | null> = [];
        for (let i = 0; i < 4; i++) codes.push((await cli(host, 'run', 'quick')).code);
        return codes;
      }),
    );
    expect(rounds.flat()).toHaveLength(12);
    const quick = records().filter((record) => record.agent === 'quick');
    expect(quick).toHaveLength(12);
    expect(new Set(quick.map((record) => record.run_id)).size).toBe(12);
    const ran = quick.filter((record) => record.status !== 'SKIPPED');
    expect(ran.length).toBeGreaterThan(0);
    expect(new Set(ran.map((record) => record.host)).size).toBeGreaterThan(1);
    for (const record of quick.filter((record) => record.status === 'SKIPPED')) expect(record.reason).toBe('overlap');
    // the lock held across mounts: no two runs of `quick` overlapped in time
    const spans = ran
      .map((record) => [Date.parse(record.started_at), Date.parse(record.ended_at)] as const)
      .sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
  }, 90_000);

  test('a kill issued through host A ends the run on host B within 5 s; the record says who and from where', async () => {
    const run = start('host-b', ['run', 'work-host-b']);
    const lock = await runningLock('work-host-b');
    expect(lock.host).toBe('host-b');
    const asked = Date.now();
    const kill = await cli('host-a', 'kill', 'work-host-b', '--reason', 'drill', '--json');
    const record = await until(
      'the KILLED record',
      5_000,
      () => records().find((candidate) => candidate.run_id === lock.run_id) ?? null,
    );
    const tookMs = Date.now() - asked;
    expect(tookMs).toBeLessThan(5_000);
    expect(kill.code, kill.err).toBe(0);
    expect(record).toMatchObject({ status: 'KILLED', host: 'host-b' });
    expect(record.reason).toMatch(/^killed by \S+ on host-a: drill$/);
    expect((await run.done).code).not.toBeNull();
    console.log(`cross-host kill: record written ${tookMs} ms after the kill was asked on host-a`);
  }, 60_000);

  test('a host SIGKILLed mid-run: its run is found CRASHED exactly once by the others', async () => {
    const run = start('host-c', ['run', 'work-host-c']);
    const lock = await runningLock('work-host-c');
    // the whole "host": the harness's process group and the runner's
    process.kill(-run.child.pid!, 'SIGKILL');
    process.kill(-lock.pgid, 'SIGKILL');
    // hosts A and B look again and again, at once (status reaps stale locks)
    const looked = Date.now();
    const lookers = (['host-a', 'host-b'] as const).map(async (host) => {
      for (let i = 0; i < 30; i++) {
        await cli(host, 'status', '--json');
        if (records().some((record) => record.run_id === lock.run_id) && i >= 2) return;
      }
    });
    await Promise.all(lookers);
    const crashed = records().filter((record) => record.run_id === lock.run_id);
    expect(crashed).toHaveLength(1);
    expect(crashed[0]).toMatchObject({ status: 'CRASHED', agent: 'work-host-c' });
    // filed under the host it ran on; the host that found it is named in the reason
    expect(crashed[0]!.host).toBe('host-c');
    expect(crashed[0]!.reason).toMatch(/on host-c\) stopped renewing its lock.*found by .* on host-[ab]/);
    console.log(`crashed host: recorded within ${Date.now() - looked} ms of the SIGKILL: ${crashed[0]!.reason}`);
  }, 90_000);

  test('a harness stalled past its lease: recorded CRASHED by another host; when it wakes it ends its runner and records nothing', async () => {
    const run = start('host-b', ['run', 'work-host-b']);
    const lock = await runningLock('work-host-b');
    process.kill(lock.pid, 'SIGSTOP'); // a suspended VM: the harness stops renewing, its runner goes on
    try {
      const crashed = await until('the CRASHED record', 30_000, async () => {
        await cli('host-a', 'status', '--json');
        return records().find((record) => record.run_id === lock.run_id) ?? null;
      });
      expect(crashed).toMatchObject({ status: 'CRASHED', host: 'host-b' });
      expect(crashed?.reason).toMatch(/found by .* on host-a/);
    } finally {
      process.kill(lock.pid, 'SIGCONT');
    }
    const exited = await run.done;
    expect(exited.err).toMatch(/taken over after its lease lapsed/);
    await until('its runner ended', 10_000, () => {
      try {
        process.kill(-lock.pgid, 0);
        return null;
      } catch {
        return true;
      }
    });
    expect(records().filter((record) => record.run_id === lock.run_id)).toHaveLength(1);
  }, 90_000);

  test('stop-all through host C ends the runs on hosts A and B within 5 s; one merged view, every record whole', async () => {
    start('host-a', ['run', 'work-host-a']);
    start('host-b', ['run', 'work-host-b']);
    const locks = [await runningLock('work-host-a'), await runningLock('work-host-b')];
    for (const host of HOSTS) {
      const status = await cli(host, 'status', '--json');
      expect(status.code, status.err).toBe(0);
      expect((JSON.parse(status.out) as { totals: { running: number } }).totals.running).toBe(2);
    }
    const asked = Date.now();
    const stop = await cli('host-c', 'stop-all', '--reason', 'drill');
    expect(stop.code, stop.err).toBe(0);
    const killed = await until('both KILLED records', 5_000, () => {
      const found = records().filter((record) => locks.some((lock) => lock.run_id === record.run_id));
      return found.length === 2 ? found : null;
    });
    expect(Date.now() - asked).toBeLessThan(5_000);
    for (const record of killed) expect(record.reason).toMatch(/^killed by \S+ on host-c: drill$/);
    expect(killed.map((record) => record.host).sort()).toEqual(['host-a', 'host-b']);
    // every line whole, each in its host's own journal, and every host shows the same history
    expectOwnJournals();
    const lines = journalLines();
    for (const line of lines) expect(() => runRecordSchema.read(JSON.parse(line)), line).not.toThrow();
    for (const host of HOSTS) {
      const logs = await cli(host, 'logs', '--json', '--limit', '1000');
      expect(logs.code, logs.err).toBe(0);
      const shown = JSON.parse(logs.out) as RunRecord[];
      expect(shown.map((record) => record.run_id).sort()).toEqual(
        records()
          .map((record) => record.run_id)
          .sort(),
      );
      const status = await cli(host, 'status', '--json');
      const fleet = JSON.parse(status.out) as { totals: { running: number }; global: { stopped: boolean } };
      expect(fleet.totals.running).toBe(0);
      expect(fleet.global.stopped).toBe(true);
    }
    expect((await cli('host-a', 'start-all', '--reason', 'drill over')).code).toBe(0);
  }, 90_000);

  test('the state lock holds across mounts: switches flipped from three hosts at once all land', async () => {
    const agents = ['quick', ...HOSTS.map((host) => `work-${host}`)];
    await Promise.all(
      HOSTS.map(async (host) => {
        for (const agent of agents)
          expect((await cli(host, 'pause', agent, '--reason', `by ${host}`)).code).not.toBe(2);
      }),
    );
    const state = JSON.parse(readFileSync(join(folder!.share, 'state.json'), 'utf8')) as {
      agents: Record<string, { state: string }>;
    };
    const changes = journalLines('changes').filter((line) => line.includes('"action":"pause"'));
    // each agent paused once (the later two found it paused already), each change recorded whole
    expect(changes).toHaveLength(agents.length);
    for (const line of changes) expect(() => JSON.parse(line) as unknown).not.toThrow();
    for (const agent of agents) expect(state.agents[agent]?.state).toBe('paused');
  }, 90_000);
});
