import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { afterRun, beforeRun } from '../../src/hooks/index.js';
import { withAlertsLock } from '../../src/hooks/alerts-lock.js';
import { readState } from '../../src/state/index.js';
import { formatWall } from '../../src/shared/index.js';
import { KEY_58, piecesIn } from '../support/secret-pieces.js';
import { makeScheduleHome, runRecord, type ScheduleHome } from '../support/schedule/home.js';

/** The hooks the harness calls around a run, against a real HTTP server standing in for healthchecks.io and Slack. */
let server: Server;
let base: string;
let got: Array<{ method: string; path: string; body: string }> = [];
let pingStatus = 200;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ method: req.method ?? '', path: req.url ?? '', body });
      res.statusCode = req.url?.startsWith('/ping') ? pingStatus : 200;
      res.end('OK');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let home: ScheduleHome;
beforeEach(async () => {
  got = [];
  pingStatus = 200;
  home = await makeScheduleHome(
    `timezone: UTC\nnotify:\n  webhook: ${base}/hook\n  healthchecks:\n    url: ${base}/ping/{agent}\n  timeout: 2s\n`,
  );
  await home.writeAgent('digest', { budget: { monthly_usd: 1 }, alerts: { failures_before_alert: 1 }, review: 'none' });
});
afterEach(() => home.remove());

/** The clock every hook and record here reads: a fixed day, never today's. */
const NOW = new Date('2026-05-10T12:00:00.000Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

const hooks = () =>
  got
    .filter((r) => r.path === '/hook')
    .map((r) => JSON.parse(r.body) as { text: string; alert: { key: string; event: string } });

describe('beforeRun / afterRun', () => {
  test('healthchecks: /start before, the bare URL after an OK run, with the run id', async () => {
    const id = randomUUID();
    await beforeRun(await home.open(), { agent: 'digest', run_id: id });
    const record = runRecord('digest', later(0), { run_id: id });
    await home.appendRuns([record]);
    const report = await afterRun(await home.open(), record, { now: later(5) });
    expect(report.errors).toEqual([]);
    expect(got.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /ping/digest/start?rid=${id}`,
      `POST /ping/digest?rid=${id}`,
    ]);
    expect(report.events).toEqual([]); // a normal run never alerts
  });

  test('a failed run: /fail with the end of its output (redacted), and the non-OK alert right away', async () => {
    const id = randomUUID();
    const output = `${'x'.repeat(20_000)}\nthe key was sk-test-0123456789abcdef\nSTATUS: ERROR\nEND_OF_RUN\n`;
    await home.writeRaw('outputs/digest/2026-05-10.md', output);
    const record = runRecord('digest', later(0), {
      run_id: id,
      status: 'ERROR',
      reason: 'upstream 503',
      output_file: 'outputs/digest/2026-05-10.md',
    });
    await home.appendRuns([record]);
    const report = await afterRun(await home.open(), record, {
      now: later(5),
      env: { ...process.env, TEST_API_KEY: 'sk-test-0123456789abcdef' },
    });
    const fail = got.find((r) => r.path.startsWith('/ping/digest/fail'))!;
    expect(fail.path).toBe(`/ping/digest/fail?rid=${id}`);
    expect(Buffer.byteLength(fail.body)).toBeLessThanOrEqual(10 * 1024 + 64);
    expect(fail.body.startsWith('digest ERROR: upstream 503')).toBe(true);
    expect(fail.body).toContain('STATUS: ERROR\nEND_OF_RUN\n');
    expect(fail.body).not.toContain('sk-test-0123456789abcdef');
    expect(report.events.map((e) => `${e.event} ${e.key}`)).toEqual(['open non_ok:digest']);
    expect(hooks().map((h) => h.alert.key)).toEqual(['non_ok:digest']);
    expect(hooks()[0]!.text).toBe('nightshift CRITICAL: digest: its last run ended ERROR (upstream 503)');
    // the next OK run resolves it, once
    const ok = runRecord('digest', later(2));
    await home.appendRuns([ok]);
    expect((await afterRun(await home.open(), ok, { now: later(5) })).events.map((e) => `${e.event} ${e.key}`)).toEqual(
      ['resolve non_ok:digest'],
    );
    expect(hooks().map((h) => `${h.alert.event} ${h.alert.key}`)).toEqual([
      'open non_ok:digest',
      'resolve non_ok:digest',
    ]);
    expect((await home.alerts()).map((e) => e.event)).toEqual(['open', 'resolve']);
  });

  test('the run that reaches the budget pauses the agent (by nightshift, from the harness) and alerts', async () => {
    const record = runRecord('digest', later(0), { cost_usd: 1.25 });
    await home.appendRuns([record]);
    const report = await afterRun(await home.open(), record, { now: later(5) });
    expect(report.changes).toEqual([
      expect.objectContaining({
        action: 'budget-pause',
        agent: 'digest',
        by: 'nightshift',
        source: 'harness',
        reason: 'budget',
      }),
    ]);
    expect((await readState((await home.open()).paths)).agents.digest).toMatchObject({
      state: 'paused',
      reason: 'budget',
    });
    const month = '2026-05';
    expect(report.events.map((e) => e.key)).toEqual([`budget_reached:digest:${month}`, `budget_warn:digest:${month}`]);
  });

  test('a failing healthchecks endpoint raises channel_failed (sent on the other channels), and never throws', async () => {
    pingStatus = 500;
    const record = runRecord('digest', later(0));
    await home.appendRuns([record]);
    const report = await afterRun(await home.open(), record, { now: later(5) });
    expect(report.pings).toEqual([
      expect.objectContaining({ ok: false, error: 'healthchecks ping success answered 500' }),
    ]);
    expect(report.events.map((e) => `${e.event} ${e.key}`)).toEqual(['open channel_failed:healthchecks']);
    expect(hooks().map((h) => h.alert.key)).toEqual(['channel_failed:healthchecks']);
    pingStatus = 200;
    const next = runRecord('digest', later(2));
    await home.appendRuns([next]);
    expect(
      (await afterRun(await home.open(), next, { now: later(5) })).events.map((e) => `${e.event} ${e.key}`),
    ).toEqual(['resolve channel_failed:healthchecks']);
  });

  test('SKIPPED runs are not pinged; an unknown agent or an unreachable service is reported, not thrown', async () => {
    const skipped = runRecord('digest', later(0), { status: 'SKIPPED', reason: 'paused' });
    await home.appendRuns([skipped]);
    await afterRun(await home.open(), skipped, { now: later(5) });
    expect(got).toEqual([]);
    const ghost = await afterRun(await home.open(), runRecord('ghost', later(0)), { now: later(5) });
    expect(ghost.events).toEqual([]);
    const offline = await makeScheduleHome(
      'timezone: UTC\nnotify:\n  healthchecks:\n    url: http://127.0.0.1:9/{agent}\n  timeout: 1s\n',
    );
    await offline.writeAgent('digest', { review: 'none' });
    const report = await beforeRun(await offline.open(), { agent: 'digest', run_id: randomUUID() });
    expect(report.pings[0]).toMatchObject({ ok: false });
    expect(report.events.map((e) => e.key)).toEqual(['channel_failed:healthchecks']);
    await offline.remove();
  });

  test('a run that changes no alert never waits for the alerts lock; one that opens an alert does', async () => {
    const quiet = await makeScheduleHome('timezone: UTC\n');
    await quiet.writeAgent('digest', { alerts: { failures_before_alert: 1 }, review: 'none' });
    const opened = await quiet.open();
    let released = false;
    let release!: () => void;
    const held = withAlertsLock(
      opened.paths,
      () =>
        new Promise<void>(
          (resolve) =>
            (release = () => {
              released = true;
              resolve();
            }),
        ),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const ok = runRecord('digest', later(0));
    await quiet.appendRuns([ok]);
    expect((await afterRun(opened, ok, { now: later(5) })).events).toEqual([]);
    expect(released).toBe(false); // done while another process held the lock
    const failed = runRecord('digest', later(2), { status: 'ERROR', reason: 'upstream 503' });
    await quiet.appendRuns([failed]);
    const opening = afterRun(opened, failed, { now: later(5) }).then((report) => ({ report, released }));
    setTimeout(() => release(), 300);
    const { report, released: releasedFirst } = await opening;
    await held;
    expect(releasedFirst).toBe(true);
    expect(report.events.map((e) => `${e.event} ${e.key}`)).toEqual(['open non_ok:digest']);
    await quiet.remove();
  });

  // Issue 12 §5: the /fail body is the output's last 10 KB, read from the middle of the file, and may start inside a key
  test.each([5, 30, 57])(
    'the /fail body starts %i characters before the end of a key: none of it is sent',
    async (kept) => {
      const record = runRecord('digest', later(0), {
        status: 'ERROR',
        reason: 'upstream 503',
        output_file: 'outputs/digest/2026-05-10.md',
      });
      const head = `digest ERROR: upstream 503 (run ${record.run_id})\n`;
      const tail = 10 * 1024 - Buffer.byteLength(head);
      // the file's last `tail` bytes begin `kept` characters before the key's end
      await home.writeRaw('outputs/digest/2026-05-10.md', `${'o'.repeat(500)}${KEY_58}${'t'.repeat(tail - kept)}`);
      await home.appendRuns([record]);
      await afterRun(await home.open(), record, { now: later(5), env: { ...process.env, ORDERS_API_KEY: KEY_58 } });
      const fail = got.find((b) => b.path.startsWith('/ping/digest/fail'));
      expect(fail?.body.startsWith(head)).toBe(true);
      expect(piecesIn(fail!.body, KEY_58)).toEqual([]);
      expect(fail!.body).not.toContain(KEY_58.slice(-Math.min(kept, 5)));
      expect(fail!.body).toContain(`[redacted:ORDERS_API_KEY]${'t'.repeat(20)}`);
    },
  );
});

describe('afterRun in a maintenance window (nightshift silence)', () => {
  test("the agent's window: the non-OK alert is recorded as held and no webhook is called; the run's healthchecks ping still goes", async () => {
    const { silenceAlerts } = await import('../../src/switches/index.js');
    await silenceAlerts(await home.open(), 'silence', 'digest', {
      reason: 'upgrading the runner',
      until: later(3600),
      by: 'jo',
      source: 'cli',
      now: NOW,
    });
    const record = runRecord('digest', later(0), { status: 'ERROR', reason: 'runner restarting' });
    await home.appendRuns([record]);
    const report = await afterRun(await home.open(), record, { now: later(5) });
    expect(report.errors).toEqual([]);
    expect(report.events.map((e) => `${e.event} ${e.key} ${e.held ?? ''}`)).toEqual([
      `open non_ok:digest silenced (digest maintenance) by jo until ${formatWall(later(3600), 'UTC')}: upgrading the runner`,
    ]);
    expect(hooks()).toEqual([]);
    // pings report the run itself to healthchecks.io, not an alert: they are not held
    expect(got.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual(['POST /ping/digest/fail']);
  });
});
