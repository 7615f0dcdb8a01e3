import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { killPids, waitFor } from '../support/procs.js';
import { makeRunRecord } from '../support/run-record.js';
import { makeScheduleHome, type ScheduleHome } from '../support/schedule/home.js';

/**
 * The webhook trigger end to end: the real `nightshift daemon --listen 127.0.0.1:0` on a temp home, and
 * node's fetch as the client. Every answer (202, 401, 404, 409, 413, 429, 503) is asked for over HTTP;
 * an accepted body becomes the run's input and the run's record carries the id the 202 gave.
 */
const BIN = join(process.cwd(), 'bin', 'nightshift.js');
const SECRET = 'webhook-test-secret-0123456789';
// prints its input back, so the output proves which body the run read
const ECHO = ['sh', '-c', 'cat "$NIGHTSHIFT_INPUT"; echo; echo STATUS: OK; echo END_OF_RUN'];
// holds its run long enough for 100 requests to arrive while it is in flight
const SLOW = ['sh', '-c', 'sleep 2; cat "$NIGHTSHIFT_INPUT"; echo; echo STATUS: OK; echo END_OF_RUN'];

interface Record {
  run_id: string;
  agent: string;
  trigger: string;
  status: string;
  started_at: string;
  ended_at: string;
  input_file: string | null;
  output_file: string | null;
}

let home: ScheduleHome;
let daemon: ChildProcess;
let stdout = '';
let stderr = '';
let base = '';

function runs(): Record[] {
  const file = join(home.root, 'logs', 'runs.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record);
}

function sign(body: string, timestamp?: string): string {
  const signed = timestamp === undefined ? body : `${timestamp}.${body}`;
  return `sha256=${createHmac('sha256', SECRET).update(signed).digest('hex')}`;
}

async function post(
  agent: string,
  body: string,
  headers: globalThis.Record<string, string> = { 'x-hub-signature-256': sign(body) },
): Promise<{ status: number; text: string; json: globalThis.Record<string, unknown> }> {
  const response = await fetch(`${base}/hooks/${agent}`, { method: 'POST', body, headers });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) as globalThis.Record<string, unknown> };
}

function nowSeconds(): string {
  return String(Math.floor(Date.now() / 1000));
}

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'dist', 'cli', 'main.js')))
    throw new Error('dist/ is not built: run `npm run build` (npm test does)');
  home = await makeScheduleHome();
  const webhook = (extra: globalThis.Record<string, unknown> = {}) => ({
    webhook: { secret_env: 'HOOK_SECRET', max_bytes: '1KB', rate: '1000/h', ...extra },
  });
  await home.writeAgent('echo', { runner: { kind: 'command', command: ECHO }, trigger: webhook(), review: 'none' });
  await home.writeAgent('slow', { runner: { kind: 'command', command: SLOW }, trigger: webhook(), review: 'none' });
  await home.writeAgent('limited', {
    runner: { kind: 'command', command: ECHO },
    trigger: webhook({ rate: '1/h' }),
    review: 'none',
  });
  await home.writeAgent('held', { runner: { kind: 'command', command: ECHO }, trigger: webhook(), review: 'none' });
  // a valid agent without a webhook: asked for over HTTP it must look exactly like no agent at all
  await home.writeAgent('nightly', {
    runner: { kind: 'command', command: ECHO },
    trigger: { cron: '0 3 * * *', timezone: 'UTC' },
    review: 'none',
  });
  // the other operator states a webhook answers 503 to: disabled, the month's budget spent, the global stop (a test below)
  await home.writeAgent('off', { runner: { kind: 'command', command: ECHO }, trigger: webhook(), review: 'none' });
  await home.writeAgent('spent', {
    runner: { kind: 'command', command: ECHO },
    trigger: webhook(),
    review: 'none',
    budget: { monthly_usd: 1 },
  });
  await home.writeAgent('idle', { runner: { kind: 'command', command: ECHO }, trigger: webhook(), review: 'none' });
  const ended = new Date();
  appendFileSync(
    join(home.root, 'logs', 'runs.jsonl'),
    `${JSON.stringify(
      makeRunRecord({
        run_id: randomUUID(),
        agent: 'spent',
        started_at: new Date(ended.getTime() - 1000).toISOString(),
        ended_at: ended.toISOString(),
        duration_ms: 1000,
        cost_usd: 2,
      }),
    )}\n`,
  );
  for (const [verb, agent] of [
    ['pause', 'held'],
    ['disable', 'off'],
  ]) {
    const done = spawnSync(process.execPath, [BIN, verb!, agent!, '--home', home.root, '--reason', 'test'], {
      encoding: 'utf8',
    });
    expect(done.status, done.stderr).toBe(0);
  }
  daemon = spawn(process.execPath, [BIN, 'daemon', '--home', home.root, '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NIGHTSHIFT_HOME: '', HOOK_SECRET: SECRET },
  });
  daemon.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  daemon.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const listening = await waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)\/hooks/.test(stdout), 20_000);
  expect(listening, `no listener in the log:\n${stdout}\n${stderr}`).toBe(true);
  base = /listening on (http:\/\/127\.0\.0\.1:\d+)\/hooks/.exec(stdout)![1]!;
}, 30_000);

afterAll(async () => {
  if (daemon && daemon.exitCode === null) {
    const exited = new Promise((resolve) => daemon.once('exit', resolve));
    daemon.kill('SIGTERM');
    const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
    if (!done && daemon.pid) killPids([daemon.pid]);
  }
  // the runs were started detached: wait for every one to be recorded before the home goes
  await waitFor(() => !readdirSync(join(home.root, 'run')).some((f) => f.endsWith('.lock')), 15_000);
  await home.remove();
}, 40_000);

describe('webhook trigger through the real daemon', () => {
  test('a signed request is answered 202 with the run id, and that run reads the body as its input', async () => {
    const body = JSON.stringify({ event: 'push', ref: 'refs/heads/main' });
    const answer = await post('echo', body);
    expect(answer.status, answer.text).toBe(202);
    const runId = answer.json.run_id as string;
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await waitFor(() => runs().some((r) => r.run_id === runId), 20_000)).toBe(true);
    const record = runs().find((r) => r.run_id === runId)!;
    expect(record).toMatchObject({ agent: 'echo', trigger: 'webhook', status: 'OK' });
    expect(record.input_file).toMatch(/inputs\/echo\/\d{8}T\d{6}Z-[0-9a-f-]{36}\.body$/);
    const input = join(home.root, record.input_file!.replace(`${home.root}/`, ''));
    expect(readFileSync(input, 'utf8')).toBe(body);
    expect(statSync(input).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(home.root, record.output_file!), 'utf8')).toContain('refs/heads/main');
  }, 30_000);

  test('a bearer token with the secret is accepted too, and one over the rate is 429 with Retry-After', async () => {
    const first = await post('limited', 'one', { authorization: `Bearer ${SECRET}` });
    expect(first.status, first.text).toBe(202);
    expect(await waitFor(() => runs().some((r) => r.run_id === first.json.run_id), 20_000)).toBe(true);
    const response = await fetch(`${base}/hooks/limited`, {
      method: 'POST',
      body: 'two',
      headers: { 'x-hub-signature-256': sign('two') },
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(runs().filter((r) => r.agent === 'limited')).toHaveLength(1);
  }, 30_000);

  test('a wrong signature, a wrong bearer token or no signature is 401 and runs nothing', async () => {
    const before = runs().length;
    expect((await post('echo', 'x', { 'x-hub-signature-256': sign('y') })).status).toBe(401);
    expect((await post('echo', 'x', { authorization: 'Bearer not-the-secret' })).status).toBe(401);
    expect((await post('echo', 'x', {})).status).toBe(401);
    expect(runs().length).toBe(before);
  });

  test('a signed timestamp older than 5 minutes is refused (replay); a fresh one is accepted', async () => {
    const body = '{"replayed":true}';
    const old = String(Math.floor(Date.now() / 1000) - 6 * 60);
    const replayed = await post('echo', body, {
      'x-hub-signature-256': sign(body, old),
      'x-nightshift-timestamp': old,
    });
    expect(replayed.status).toBe(401);
    expect(replayed.json.reason).toBe('stale');
    // the timestamp is signed: changing it to now without the secret fails the signature
    const moved = await post('echo', body, {
      'x-hub-signature-256': sign(body, old),
      'x-nightshift-timestamp': nowSeconds(),
    });
    expect(moved.status).toBe(401);
    expect(moved.json.reason).toBe('bad_signature');
    const fresh = nowSeconds();
    const ok = await post('echo', body, { 'x-hub-signature-256': sign(body, fresh), 'x-nightshift-timestamp': fresh });
    expect(ok.status, ok.text).toBe(202);
    expect(await waitFor(() => runs().some((r) => r.run_id === ok.json.run_id), 20_000)).toBe(true);
  }, 30_000);

  test('a body over max_bytes is 413 and runs nothing', async () => {
    const before = runs().length;
    const body = 'x'.repeat(64 * 1024);
    const answer = await post('echo', body);
    expect(answer.status).toBe(413);
    expect(answer.json.reason).toBe('too_large');
    expect(runs().length).toBe(before);
  });

  test('a paused agent is 503 and gets no SKIPPED record', async () => {
    const answer = await post('held', 'hello');
    expect(answer.status).toBe(503);
    expect(answer.json.reason).toBe('paused');
    expect(runs().filter((r) => r.agent === 'held')).toHaveLength(0);
  });

  test("a disabled agent, or one whose month's budget is spent, is 503 and runs nothing", async () => {
    const off = await post('off', 'hello');
    expect(off.status, off.text).toBe(503);
    expect(off.json.reason).toBe('disabled');
    // the spent budget refuses the run; the daemon's first check may already have paused the agent for it
    const spent = await post('spent', 'hello');
    expect(spent.status, spent.text).toBe(503);
    expect(['budget', 'paused']).toContain(spent.json.reason);
    if (spent.json.reason === 'paused') {
      const state = JSON.parse(readFileSync(join(home.root, 'state.json'), 'utf8')) as {
        agents: globalThis.Record<string, { state: string; reason: string | null }>;
      };
      // paused by the budget rule, not by anyone
      expect(state.agents.spent).toMatchObject({ state: 'paused', reason: 'budget' });
    }
    expect(runs().filter((r) => r.agent === 'off')).toHaveLength(0);
    expect(runs().filter((r) => r.agent === 'spent')).toHaveLength(1);
  });

  test('an unknown agent and an agent without a webhook get the same 404', async () => {
    const unknown = await post('no-such-agent', 'x');
    const notWebhook = await post('nightly', 'x');
    const otherPath = await fetch(`${base}/status`);
    expect(unknown.status).toBe(404);
    expect(notWebhook.status).toBe(404);
    expect(notWebhook.text).toBe(unknown.text);
    expect(otherPath.status).toBe(404);
    expect(await otherPath.text()).toBe(unknown.text);
    expect(runs().filter((r) => r.agent === 'nightly')).toHaveLength(0);
  });

  test('100 concurrent signed requests: every one answered 202 or 409, one run at a time, none lost', async () => {
    const bodies = Array.from({ length: 100 }, (_, i) => JSON.stringify({ n: i }));
    const answers = await Promise.all(bodies.map((body) => post('slow', body)));
    const statuses = answers.map((a) => a.status);
    expect(
      statuses.every((s) => s === 202 || s === 409),
      JSON.stringify(statuses),
    ).toBe(true);
    const accepted = answers.filter((a) => a.status === 202).map((a) => a.json.run_id as string);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    // every accepted request became exactly one recorded run, and none of them overlapped another
    expect(await waitFor(() => accepted.every((id) => runs().some((r) => r.run_id === id)), 60_000, 100)).toBe(true);
    const slow = runs().filter((r) => r.agent === 'slow');
    expect(slow.map((r) => r.run_id).sort()).toEqual([...accepted].sort());
    expect(slow.every((r) => r.status === 'OK')).toBe(true);
    const spans = slow
      .map((r) => [Date.parse(r.started_at), Date.parse(r.ended_at)] as const)
      .sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
  }, 90_000);

  test('refusals are counted by agent and reason in run/webhooks.json and shown by status', async () => {
    const file = join(home.root, 'run', 'webhooks.json');
    expect(
      await waitFor(() => {
        if (!existsSync(file)) return false;
        const counts = JSON.parse(readFileSync(file, 'utf8')) as {
          agents: globalThis.Record<string, { refused: globalThis.Record<string, number> }>;
        };
        return (counts.agents.slow?.refused.busy ?? 0) > 0 && (counts.agents.held?.refused.paused ?? 0) === 1;
      }, 10_000),
    ).toBe(true);
    const counts = JSON.parse(readFileSync(file, 'utf8')) as {
      agents: globalThis.Record<string, { accepted: number; refused: globalThis.Record<string, number> }>;
    };
    expect(counts.agents.echo?.refused).toMatchObject({ bad_signature: 4, stale: 1, too_large: 1 });
    expect(counts.agents.limited).toMatchObject({ accepted: 1, refused: { rate: 1 } });
    expect(counts.agents['(unknown)']?.refused.not_found).toBe(3);
    // the names asked for are never keys: a prober cannot grow the file
    expect(Object.keys(counts.agents)).not.toContain('no-such-agent');
    const status = spawnSync(process.execPath, [BIN, 'status', '--home', home.root], { encoding: 'utf8' });
    expect(status.stdout).toMatch(/webhooks?/i);
    expect(status.stdout).toMatch(/echo: \d+ accepted, 6 refused \(4 bad signature, 1 stale, 1 too large\)/);
  });

  test('`nightshift hook` signs with the secret from the variable and prints the answer', async () => {
    const file = join(home.root, 'payload.json');
    writeFileSync(file, '{"from":"nightshift hook"}');
    const hook = (agent: string, env: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, [BIN, 'hook', agent, '--data', `@${file}`, '--url', base, '--home', home.root], {
        encoding: 'utf8',
        env: { ...process.env, NIGHTSHIFT_HOME: '', ...env },
      });
    const sent = hook('echo', { HOOK_SECRET: SECRET });
    expect(sent.status, sent.stderr).toBe(0);
    expect(sent.stdout).toMatch(/^HTTP 202 Accepted\n\{"run_id":"[0-9a-f-]{36}","agent":"echo"\}/);
    const runId = /"run_id":"([0-9a-f-]{36})"/.exec(sent.stdout)![1]!;
    expect(await waitFor(() => runs().some((r) => r.run_id === runId && r.status === 'OK'), 20_000)).toBe(true);
    // a refusal is printed with its status, exit 1
    const paused = hook('held', { HOOK_SECRET: SECRET });
    expect(paused.status).toBe(1);
    expect(paused.stdout).toMatch(/^HTTP 503 /);
    // no secret: nothing is sent, and the message names the variable
    const unsigned = hook('echo', { HOOK_SECRET: '' });
    expect(unsigned.status).toBe(2);
    expect(unsigned.stderr).toContain('$HOOK_SECRET is not set');
    const notHook = hook('nightly', { HOOK_SECRET: SECRET });
    expect(notHook.status).toBe(2);
    expect(notHook.stderr).toContain('nightly has no webhook trigger');
  }, 30_000);

  test('`nightshift hook` without --url sends to the port the daemon gives in run/scheduler.json', async () => {
    const beat = JSON.parse(readFileSync(join(home.root, 'run', 'scheduler.json'), 'utf8')) as { webhooks?: string };
    expect(`http://${beat.webhooks}`).toBe(base);
    // the daemon listens on a port the system chose: only the heartbeat can tell `hook` where
    const sent = spawnSync(process.execPath, [BIN, 'hook', 'echo', '--data', 'found you', '--home', home.root], {
      encoding: 'utf8',
      env: { ...process.env, NIGHTSHIFT_HOME: '', HOOK_SECRET: SECRET },
    });
    expect(sent.status, sent.stderr).toBe(0);
    expect(sent.stdout).toMatch(/^HTTP 202 Accepted/);
  });

  test("doctor checks that each webhook agent's secret variable is set", () => {
    const doctor = (env: NodeJS.ProcessEnv) => {
      const out = spawnSync(process.execPath, [BIN, 'doctor', 'echo', '--json', '--home', home.root], {
        encoding: 'utf8',
        env: { ...process.env, NIGHTSHIFT_HOME: '', ...env },
      });
      const report = JSON.parse(out.stdout) as { agents: Array<{ checks: Array<{ id: string; ok: boolean }> }> };
      return report.agents[0]!.checks.find((c) => c.id === 'webhook_secret');
    };
    expect(doctor({ HOOK_SECRET: '' })).toMatchObject({ ok: false });
    expect(doctor({ HOOK_SECRET: SECRET })).toMatchObject({ ok: true });
  });

  test('under the global stop every webhook agent is 503 `stopped`; after start-all it runs again', async () => {
    const operator = (...args: string[]) => {
      const done = spawnSync(process.execPath, [BIN, ...args, '--home', home.root], { encoding: 'utf8' });
      expect(done.status, done.stderr).toBe(0);
    };
    operator('stop-all', '--reason', 'test');
    const stopped = await post('idle', 'hello');
    expect(stopped.status, stopped.text).toBe(503);
    expect(stopped.json.reason).toBe('stopped');
    expect(runs().filter((r) => r.agent === 'idle')).toHaveLength(0);
    operator('start-all', '--reason', 'test');
    expect((await post('idle', 'hello')).status).toBe(202);
  }, 20_000);
});
