import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMetrics } from '../../src/governance/metrics/render.js';
import { formatAddress, parseListenAddress } from '../../src/governance/metrics/address.js';
import { metricSamples, type MetricFamily } from '../../src/governance/metrics/samples.js';
import { serveMetrics } from '../../src/governance/metrics/serve.js';
import { writeMetricsTextfile } from '../../src/governance/metrics/textfile.js';
import { RUN_STATUSES } from '../../src/journal/index.js';
import { agent, alert, NOW, run, snapshot } from '../console/support.js';
import { cli } from '../support/cli.js';

/** The metric computation is pure: a fleet snapshot and run counts in, samples out. */
const fleet = snapshot(
  [
    agent('digest', {
      lastRun: run('digest', { status: 'ERROR', ended_at: new Date(NOW - 60_000).toISOString() }),
      openAlerts: [alert('digest'), alert('digest', { key: 'run_cost:digest', rule: 'run_cost', severity: 'warning' })],
      cost: { monthToDate: 3.25, budget: 10, fraction: 0.325, lastMonth: 1 },
      nextDue: new Date(NOW + 3_600_000).toISOString(),
    }),
    agent('quiet', {
      display: 'paused',
      lastRun: null,
      nextDue: null,
      cost: { monthToDate: 0, budget: null, fraction: null, lastMonth: 0 },
      running: { run_id: 'r1', pid: 42, started_at: new Date(NOW).toISOString(), elapsed_ms: 0, trigger: 'manual' },
    }),
  ],
  { fleetAlerts: [alert(null, { key: 'scheduler_down', rule: 'scheduler_down', severity: 'critical' })] },
);
const runsByStatus = new Map([
  ['digest', { OK: 5, ERROR: 2 }],
  ['gone', { OK: 1 }],
]);

function byName(families: MetricFamily[], name: string): MetricFamily {
  const found = families.find((f) => f.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

function value(family: MetricFamily, labels: Record<string, string>): number | undefined {
  return family.samples.find((s) => JSON.stringify(s.labels) === JSON.stringify(labels))?.value;
}

describe('metricSamples', () => {
  const families = metricSamples({ snapshot: fleet, runsByStatus });

  it('names every metric by Prometheus conventions: nightshift_ prefix, units in the name, _total on counters', () => {
    for (const family of families) {
      expect(family.name).toMatch(/^nightshift_[a-z_]+$/);
      if (family.type === 'counter') expect(family.name).toMatch(/_total$/);
      else expect(family.name).not.toMatch(/_total$/);
      for (const sample of family.samples)
        expect(Object.keys(sample.labels).sort()).toEqual([...family.labelNames].sort());
    }
    expect(families.map((f) => f.name)).toEqual([
      'nightshift_runs_total',
      'nightshift_last_run_timestamp_seconds',
      'nightshift_last_run_status',
      'nightshift_month_cost_usd',
      'nightshift_month_budget_usd',
      'nightshift_next_due_timestamp_seconds',
      'nightshift_agent_running',
      'nightshift_agent_state',
      'nightshift_open_alerts',
      'nightshift_scheduler_heartbeat_timestamp_seconds',
      'nightshift_scheduler_state',
      'nightshift_fleet_stopped',
    ]);
  });

  it('counts runs per agent and status, every status present (zeros too), agents whose file is gone included', () => {
    const runs = byName(families, 'nightshift_runs_total');
    expect(value(runs, { agent: 'digest', status: 'OK' })).toBe(5);
    expect(value(runs, { agent: 'digest', status: 'ERROR' })).toBe(2);
    expect(value(runs, { agent: 'digest', status: 'TIMEOUT' })).toBe(0);
    expect(value(runs, { agent: 'quiet', status: 'OK' })).toBe(0);
    expect(value(runs, { agent: 'gone', status: 'OK' })).toBe(1);
    expect(runs.samples).toHaveLength(3 * RUN_STATUSES.length);
  });

  it('gives the last run as a time in unix seconds and its status as a 0/1 enum', () => {
    expect(value(byName(families, 'nightshift_last_run_timestamp_seconds'), { agent: 'digest' })).toBe(
      (NOW - 60_000) / 1000,
    );
    const status = byName(families, 'nightshift_last_run_status');
    expect(value(status, { agent: 'digest', status: 'ERROR' })).toBe(1);
    expect(value(status, { agent: 'digest', status: 'OK' })).toBe(0);
    // no run yet: no series, not a made-up status
    expect(status.samples.some((s) => s.labels.agent === 'quiet')).toBe(false);
  });

  it('gives cost this month, the budget where there is one, and the next due time of agents that will run', () => {
    expect(value(byName(families, 'nightshift_month_cost_usd'), { agent: 'digest' })).toBe(3.25);
    expect(value(byName(families, 'nightshift_month_cost_usd'), { agent: 'quiet' })).toBe(0);
    expect(byName(families, 'nightshift_month_budget_usd').samples).toEqual([
      { labels: { agent: 'digest' }, value: 10 },
    ]);
    expect(byName(families, 'nightshift_next_due_timestamp_seconds').samples).toEqual([
      { labels: { agent: 'digest' }, value: (NOW + 3_600_000) / 1000 },
    ]);
    expect(value(byName(families, 'nightshift_agent_running'), { agent: 'quiet' })).toBe(1);
    expect(value(byName(families, 'nightshift_agent_state'), { agent: 'quiet', state: 'paused' })).toBe(1);
    expect(value(byName(families, 'nightshift_agent_state'), { agent: 'quiet', state: 'enabled' })).toBe(0);
  });

  it('counts open alerts by agent, rule and severity; fleet-wide ones under an empty agent', () => {
    expect(byName(families, 'nightshift_open_alerts').samples).toEqual([
      { labels: { agent: 'digest', rule: 'non_ok', severity: 'critical' }, value: 1 },
      { labels: { agent: 'digest', rule: 'run_cost', severity: 'warning' }, value: 1 },
      { labels: { agent: '', rule: 'scheduler_down', severity: 'critical' }, value: 1 },
    ]);
  });

  it("gives the scheduler's last beat and state; no beat at all is no sample, not 1970", () => {
    expect(byName(families, 'nightshift_scheduler_heartbeat_timestamp_seconds').samples).toEqual([
      { labels: {}, value: (NOW - 20_000) / 1000 },
    ]);
    expect(value(byName(families, 'nightshift_scheduler_state'), { state: 'up' })).toBe(1);
    const never = metricSamples({
      snapshot: snapshot([], {
        scheduler: { state: 'never', pid: null, started_at: null, beat_at: null },
        global: { stopped: true, since: null, by: null, reason: null },
      }),
      runsByStatus: new Map(),
    });
    expect(byName(never, 'nightshift_scheduler_heartbeat_timestamp_seconds').samples).toEqual([]);
    expect(value(byName(never, 'nightshift_scheduler_state'), { state: 'never' })).toBe(1);
    expect(value(byName(never, 'nightshift_fleet_stopped'), {})).toBe(1);
  });
});

describe('renderMetrics (prom-client)', () => {
  it('writes the Prometheus text format: HELP, TYPE, samples; empty families left out', async () => {
    const { text, contentType } = await renderMetrics(metricSamples({ snapshot: fleet, runsByStatus }));
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# TYPE nightshift_runs_total counter\n');
    expect(text).toContain('nightshift_runs_total{agent="digest",status="ERROR"} 2\n');
    expect(text).toContain('# TYPE nightshift_month_cost_usd gauge\n');
    expect(text).toContain('nightshift_month_cost_usd{agent="digest"} 3.25\n');
    expect(text).toContain('nightshift_open_alerts{agent="",rule="scheduler_down",severity="critical"} 1\n');
    const empty = await renderMetrics([
      { name: 'nightshift_x_seconds', help: 'x', type: 'gauge', labelNames: [], samples: [] },
    ]);
    expect(empty.text).not.toContain('nightshift_x_seconds');
  });
});

describe('parseListenAddress', () => {
  it('takes HOST:PORT with an IP address, [v6]:PORT, and a bare port on 127.0.0.1', () => {
    expect(parseListenAddress('127.0.0.1:9464')).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(parseListenAddress('[::1]:9464')).toEqual({ host: '::1', port: 9464 });
    expect(parseListenAddress('9464')).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(parseListenAddress(':9464')).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(formatAddress({ host: '::1', port: 1 })).toBe('[::1]:1');
  });

  it.each([
    ['localhost:9464', 'not an IP address'],
    ['127.0.0.1', 'no port'],
    ['127.0.0.1:http', 'not a port number'],
    ['127.0.0.1:70000', 'outside 1-65535'],
    ['::1:9464', 'brackets'],
  ])('refuses %s, saying why and how to fix it', (text, why) => {
    expect(() => parseListenAddress(text)).toThrow(why);
    try {
      parseListenAddress(text);
    } catch (error) {
      expect(error).toMatchObject({ exitCode: 2, field: '--metrics', actual: text, fix: '--metrics 127.0.0.1:9464' });
    }
  });
});

describe('serveMetrics', () => {
  it('serves GET /metrics on the address given only; a taken port is a usage error naming it', async () => {
    let collects = 0;
    const server = await serveMetrics({ host: '127.0.0.1', port: 0 }, async () => {
      collects++;
      return { text: 'nightshift_fleet_stopped 0\n', contentType: 'text/plain; version=0.0.4; charset=utf-8' };
    });
    try {
      const response = await fetch(`http://${server.address}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('version=0.0.4');
      expect(await response.text()).toBe('nightshift_fleet_stopped 0\n');
      expect((await fetch(`http://${server.address}/other`)).status).toBe(404);
      expect(collects).toBe(1);
      const port = Number(server.address.split(':')[1]);
      await expect(
        serveMetrics({ host: '127.0.0.1', port }, async () => ({ text: '', contentType: '' })),
      ).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('the port is taken') });
    } finally {
      await server.close();
    }
  });

  it('answers 500 with the reason when collecting fails, so Prometheus marks the target down', async () => {
    const errors: string[] = [];
    const server = await serveMetrics(
      { host: '127.0.0.1', port: 0 },
      async () => {
        throw new Error('state.json is corrupt');
      },
      (message) => errors.push(message),
    );
    try {
      const response = await fetch(`http://${server.address}/metrics`);
      expect(response.status).toBe(500);
      expect(await response.text()).toContain('state.json is corrupt');
      expect(errors).toEqual(['metrics: could not collect: state.json is corrupt']);
    } finally {
      await server.close();
    }
  });
});

describe('nightshift metrics / daemon --metrics (the built CLI)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ns-metrics-'));
    await cli(['init', '--home', join(dir, 'home')]);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--textfile DIR writes DIR/nightshift.prom whole (temp + rename), readable by node_exporter', async () => {
    const ran = await cli(['metrics', '--home', join(dir, 'home'), '--textfile', dir, '--json']);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const file = join(dir, 'nightshift.prom');
    expect(JSON.parse(ran.stdout)).toMatchObject({ written: file });
    const text = await readFile(file, 'utf8');
    expect(text).toContain('nightshift_runs_total{agent="nightly-summarizer",status="OK"} 0');
    expect(text).toContain('nightshift_month_budget_usd{agent="nightly-summarizer"} 5');
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const nowhere = await cli(['metrics', '--home', join(dir, 'home'), '--textfile', join(dir, 'missing')]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain(`--textfile ${join(dir, 'missing')}: no such directory`);
    // the same text on stdout without --textfile
    const printed = await cli(['metrics', '--home', join(dir, 'home')]);
    expect(printed.stdout).toContain('# TYPE nightshift_runs_total counter');
  });

  it('daemon --metrics with a bad address says why before scheduling anything (exit 2)', async () => {
    const ran = await cli(['daemon', '--home', join(dir, 'home'), '--metrics', 'localhost:9464']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('--metrics "localhost:9464": "localhost" is not an IP address');
    expect(ran.stdout).not.toContain('metrics on');
  });

  it.each(['--metrics', '--listen'])(
    'daemon %s on a taken port exits 2 and leaves run/scheduler.json as it found it',
    async (flag) => {
      const taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const address = `127.0.0.1:${(taken.address() as AddressInfo).port}`;
      const home = join(dir, 'home');
      const scheduler = join(home, 'run', 'scheduler.json');
      try {
        // never ran: still never ran
        await rm(scheduler, { force: true });
        const first = await cli(['daemon', '--home', home, flag, address]);
        expect(first.code).toBe(2);
        expect(first.stderr).toContain('the port is taken');
        expect(existsSync(scheduler)).toBe(false);
        // the last daemon's clean stop stays the last thing said, byte for byte
        const before =
          '{"pid":4242,"started_at":"2026-11-01T00:00:00.000Z","beat_at":"2026-11-02T00:00:00.000Z",' +
          '"host":"elsewhere","version":"0.1.0","stopped_at":"2026-11-02T00:00:00.000Z"}\n';
        await writeFile(scheduler, before);
        const second = await cli(['daemon', '--home', home, flag, address]);
        expect(second.code).toBe(2);
        expect(await readFile(scheduler, 'utf8')).toBe(before);
      } finally {
        await new Promise((resolve) => taken.close(resolve));
      }
    },
  );
});

/** A textfile written while nothing else is there: the function alone, no CLI. */
it('writeMetricsTextfile names the file it wrote', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ns-textfile-'));
  try {
    expect(await writeMetricsTextfile(dir, 'x 1\n')).toBe(join(dir, 'nightshift.prom'));
    expect(await readFile(join(dir, 'nightshift.prom'), 'utf8')).toBe('x 1\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
