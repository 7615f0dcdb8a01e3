import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli } from '../support/cli.js';

/**
 * Issue 16 point 4 against the real things: Debian's Prometheus scrapes
 * `nightshift daemon --metrics`, and its HTTP API answers nightshift_runs_total
 * by agent and status; nightshift's alertmanager channel raises an alert that
 * Debian's Alertmanager shows in /api/v2/alerts, then resolves it, and
 * Alertmanager tells its webhook receiver it is resolved, with endsAt.
 * Both binaries are started here on 127.0.0.1 with temp configs and storage
 * (the packages' systemd services are not used). Every wait polls a deadline.
 */
const PROMETHEUS = '/usr/bin/prometheus';
const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';
const HOST = 'e2e-host';

/** Installs the two packages when missing (CI: a fresh root machine); false only where they cannot be installed. */
function ensurePackages(): string | null {
  if (existsSync(PROMETHEUS) && existsSync(ALERTMANAGER)) return null;
  try {
    execFileSync(
      'sh',
      [
        '-c',
        'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus prometheus-alertmanager',
      ],
      { stdio: 'ignore', timeout: 300_000 },
    );
  } catch (error) {
    return `apt-get install prometheus prometheus-alertmanager failed: ${(error as Error).message.split('\n')[0]}`;
  }
  return existsSync(PROMETHEUS) && existsSync(ALERTMANAGER) ? null : 'installed, but the binaries are not in /usr/bin';
}

/**
 * Under faketime (scripts/test-dates.sh, or by hand) only nightshift's clock is faked: Prometheus and
 * Alertmanager are Go programs, which read the real clock, and two clocks a year apart are not a shared
 * fleet any test could describe. The alert's times are checked on the real clock.
 */
const fakedClock = /faketime/.test(process.env.LD_PRELOAD ?? '') || process.env.FAKETIME !== undefined;
const missing = fakedClock
  ? 'the clock is faked (faketime), which Prometheus and Alertmanager do not see'
  : ensurePackages();
if (missing) console.warn(`SKIPPED test/e2e-prometheus: ${missing}`);

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** Polls `probe` until it returns a value (not undefined) or the deadline passes; the last error says why. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms (last: ${String(last)})`);
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

interface Started {
  child: ChildProcess;
  output: () => string;
}

function start(argv: string[], env: NodeJS.ProcessEnv = {}): Started {
  const child = spawn(argv[0] as string, argv.slice(1), {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function stop(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null || started.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => started.child.once('exit', () => resolve()));
  started.child.kill('SIGTERM');
  const timer = setTimeout(() => started.child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

interface PromSeries {
  metric: Record<string, string>;
  value: [number, string];
}

interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  status: { state: string };
}

interface WebhookAlert {
  status: string;
  labels: Record<string, string>;
  endsAt: string;
}

describe.skipIf(missing !== null)('Prometheus scrapes the daemon; Alertmanager gets the alerts', () => {
  let dir: string;
  let home: string;
  let answer: string;
  let prometheus: Started | undefined;
  let alertmanager: Started | undefined;
  let daemon: Started | undefined;
  let promUrl: string;
  let amUrl: string;
  const received: WebhookAlert[] = [];
  const sink = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(...(JSON.parse(body) as { alerts: WebhookAlert[] }).alerts);
      response.end();
    });
  });
  const env = { NIGHTSHIFT_HOST: HOST };

  /** One run of `flaky`, whose command prints what `answer` holds: OK or ERROR. */
  async function runFlaky(status: 'OK' | 'ERROR'): Promise<void> {
    await writeFile(answer, `${status === 'OK' ? 'all done' : 'it broke'}\nSTATUS: ${status}\nEND_OF_RUN\n`);
    const ran = await cli(['run', 'flaky', '--home', home], { env });
    expect(ran.stdout + ran.stderr).toContain(status);
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ns-e2e-prom-'));
    home = join(dir, 'home');
    answer = join(dir, 'answer.txt');
    const [metricsPort, promPort, amPort, sinkPort] = [await freePort(), await freePort(), await freePort(), 0];
    await new Promise<void>((resolve) => sink.listen(sinkPort, '127.0.0.1', resolve));
    const sinkAddress = sink.address();
    if (typeof sinkAddress !== 'object' || sinkAddress === null) throw new Error('no sink port');
    promUrl = `http://127.0.0.1:${promPort}`;
    amUrl = `http://127.0.0.1:${amPort}`;

    // Alertmanager: one route to a webhook receiver here, resolved notifications on, no gossip
    await mkdir(join(dir, 'am-data'));
    await writeFile(
      join(dir, 'alertmanager.yml'),
      [
        'route:',
        '  receiver: sink',
        "  group_by: ['alertname', 'key']",
        '  group_wait: 0s',
        '  group_interval: 1s',
        '  repeat_interval: 1h',
        'receivers:',
        '  - name: sink',
        '    webhook_configs:',
        `      - url: http://127.0.0.1:${sinkAddress.port}/`,
        '        send_resolved: true',
        '',
      ].join('\n'),
    );
    alertmanager = start([
      ALERTMANAGER,
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'am-data')}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      '--cluster.listen-address=',
    ]);

    // the home: one manual agent whose command answers what answer.txt says, and the alertmanager channel
    await cli(['init', '--home', home], { env });
    await writeFile(
      join(home, 'nightshift.yaml'),
      ['timezone: UTC', 'notify:', '  alertmanager:', `    url: ${amUrl}`, '    labels: { team: night }', ''].join(
        '\n',
      ),
    );
    await writeFile(
      join(home, 'agents', 'flaky.md'),
      [
        '---',
        'name: flaky',
        'description: answers what answer.txt says',
        'runner:',
        '  kind: command',
        `  command: ["cat", ${JSON.stringify(answer)}]`,
        '---',
        'Nothing.',
        '',
      ].join('\n'),
    );
    // init's example agent has a schedule the daemon would fire if the clock came near it: a manual one instead
    await rm(join(home, 'agents', 'nightly-summarizer.md'));
    await writeFile(
      join(home, 'agents', 'idle.md'),
      [
        '---',
        'name: idle',
        'description: never run here',
        'runner:',
        '  kind: command',
        '  command: ["true"]',
        '---',
        'Nothing.',
        '',
      ].join('\n'),
    );
    await runFlaky('OK');
    await runFlaky('OK');

    daemon = start([process.execPath, BIN, 'daemon', '--home', home, '--metrics', `127.0.0.1:${metricsPort}`], env);
    await eventually('the daemon serves /metrics', async () =>
      daemon?.output().includes(`metrics on http://127.0.0.1:${metricsPort}/metrics`) ? true : undefined,
    );

    await mkdir(join(dir, 'prom-data'));
    await writeFile(
      join(dir, 'prometheus.yml'),
      [
        'global:',
        '  scrape_interval: 1s',
        '  evaluation_interval: 1s',
        'scrape_configs:',
        '  - job_name: nightshift',
        '    static_configs:',
        `      - targets: ['127.0.0.1:${metricsPort}']`,
        '',
      ].join('\n'),
    );
    prometheus = start([
      PROMETHEUS,
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'prom-data')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
    ]);
    await eventually('Alertmanager is ready', async () => ((await fetch(`${amUrl}/-/ready`)).ok ? true : undefined));
    await eventually('Prometheus is ready', async () => ((await fetch(`${promUrl}/-/ready`)).ok ? true : undefined));
  }, 90_000);

  afterAll(async () => {
    await Promise.all([stop(daemon), stop(prometheus), stop(alertmanager)]);
    await new Promise<void>((resolve) => sink.close(() => resolve()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** nightshift_runs_total as Prometheus has it now: agent/status → count. */
  async function runsTotal(): Promise<Map<string, number>> {
    const answer = (await getJson(`${promUrl}/api/v1/query?query=nightshift_runs_total`)) as {
      data: { result: PromSeries[] };
    };
    return new Map(answer.data.result.map((s) => [`${s.metric.agent}/${s.metric.status}`, Number(s.value[1])]));
  }

  it('Prometheus answers nightshift_runs_total by agent and status, scraped from daemon --metrics', async () => {
    const runs = await eventually('nightshift_runs_total{agent="flaky",status="OK"} == 2', async () => {
      const series = await runsTotal();
      return series.get('flaky/OK') === 2 ? series : undefined;
    });
    expect(runs.get('flaky/ERROR')).toBe(0);
    expect(runs.get('idle/OK')).toBe(0);
    // the scheduler beats, and Prometheus has its last beat
    const beat = (await getJson(`${promUrl}/api/v1/query?query=nightshift_scheduler_heartbeat_timestamp_seconds`)) as {
      data: { result: PromSeries[] };
    };
    expect(Number(beat.data.result[0]?.value[1])).toBeGreaterThan(Date.now() / 1000 - 600);
  }, 40_000);

  it('a failed run raises an alert that Alertmanager holds; the next OK run resolves it, with endsAt', async () => {
    await runFlaky('ERROR');
    const firing = await eventually('the non_ok alert in Alertmanager', async () => {
      const alerts = (await getJson(`${amUrl}/api/v2/alerts?filter=agent%3D%22flaky%22`)) as AmAlert[];
      return alerts.find((a) => a.labels.rule === 'non_ok');
    });
    expect(firing.labels).toMatchObject({
      alertname: 'nightshift_non_ok',
      agent: 'flaky',
      rule: 'non_ok',
      host: HOST,
      team: 'night',
      key: 'non_ok:flaky',
    });
    expect(['warning', 'critical']).toContain(firing.labels.severity);
    expect(firing.annotations.summary).toContain('flaky');
    expect(firing.annotations.description).toContain('flaky');
    expect(firing.status.state).toBe('active');
    // firing until nightshift says otherwise: endsAt lies beyond Alertmanager's 5-minute resolve timeout
    expect(Date.parse(firing.endsAt) - Date.now()).toBeGreaterThan(3_600_000);

    // Prometheus sees the open alert and the failed run too
    await eventually('nightshift_open_alerts and the ERROR run in Prometheus', async () => {
      const open = (await getJson(`${promUrl}/api/v1/query?query=nightshift_open_alerts%7Bagent%3D%22flaky%22%7D`)) as {
        data: { result: PromSeries[] };
      };
      const runs = await runsTotal();
      return open.data.result.some((s) => s.metric.rule === 'non_ok' && s.value[1] === '1') &&
        runs.get('flaky/ERROR') === 1
        ? true
        : undefined;
    });

    await runFlaky('OK');
    await eventually('the alert gone from the active alerts', async () => {
      const alerts = (await getJson(`${amUrl}/api/v2/alerts?filter=agent%3D%22flaky%22`)) as AmAlert[];
      return alerts.some((a) => a.labels.rule === 'non_ok') ? undefined : true;
    });
    const resolved = await eventually('the resolved notification at the webhook receiver', async () =>
      received.find((a) => a.status === 'resolved' && a.labels.key === 'non_ok:flaky'),
    );
    expect(Date.parse(resolved.endsAt)).toBeGreaterThan(Date.parse(firing.startsAt));
    expect(Date.parse(resolved.endsAt)).toBeLessThanOrEqual(Date.now());
    // the receiver was told of the firing alert first, and of no severity it never fired under
    expect(received.some((a) => a.status === 'firing' && a.labels.key === 'non_ok:flaky')).toBe(true);
    expect(new Set(received.map((a) => a.labels.severity))).toEqual(new Set([firing.labels.severity]));
  }, 60_000);
});
