import { spawn } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CronJob } from 'kubernetes-models/batch/v1';
import { afterAll, describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { BIN, cli } from '../support/cli.js';
import { makeRunRecord } from '../support/run-record.js';
import { HOME_MOUNT } from '../../src/governance/index.js';

/**
 * `nightshift export k8s`: every printed object is read back with the yaml package and validated against the
 * official Kubernetes schema (kubernetes-models, generated from Kubernetes' OpenAPI), and its names and labels
 * against Kubernetes' own patterns; then the container's command, run here with the container's environment
 * (the home "mounted" at a temp folder), performs a run.
 */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IMAGE = 'registry.example/nightshift:1';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the committed demo home: the CLI never runs on fixtures/ itself. */
function demoCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ns-k8s-'));
  dirs.push(dir);
  const home = join(dir, 'home');
  cpSync(new URL('../../fixtures/demo-home', import.meta.url), home, { recursive: true });
  return home;
}

async function freshHome(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ns-k8s-'));
  dirs.push(dir);
  const home = join(dir, 'home');
  expect((await cli(['init'], { env: { NIGHTSHIFT_HOME: home } })).code).toBe(0);
  return home;
}

function agentFile(home: string, name: string, trigger: string, extra = ''): void {
  writeFileSync(
    join(home, 'agents', `${name}.md`),
    `---\nname: ${name}\ndescription: Says OK.\nowner: Jo Smith <jo@example.com>\n${trigger}runner:\n  kind: command\n` +
      '  command: ["sh", "-c", "echo done; echo STATUS: OK; echo END_OF_RUN"]\n' +
      `limits:\n  time: 2m\n  cost_usd: 0\n${extra}---\nSay OK.\n`,
  );
}

interface Container {
  args: string[];
  env: Array<{ name: string; value?: string }>;
  envFrom?: Array<{ secretRef: { name: string } }>;
  volumeMounts: Array<{ name: string; mountPath: string }>;
}
interface Exported {
  metadata: { name: string; namespace?: string; labels: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    schedule: string;
    timeZone: string;
    suspend: boolean;
    concurrencyPolicy: string;
    startingDeadlineSeconds: number;
    jobTemplate: {
      spec: {
        backoffLimit: number;
        activeDeadlineSeconds: number;
        ttlSecondsAfterFinished: number;
        template: {
          spec: {
            restartPolicy: string;
            containers: Container[];
            volumes: Array<{ persistentVolumeClaim: { claimName: string } }>;
          };
        };
      };
    };
  };
}

/** Runs the export; every document is parsed, validated against the schema and checked for Kubernetes' names. */
async function exportK8s(home: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const ran = await cli(['export', 'k8s', '--image', IMAGE, ...args], { env: { NIGHTSHIFT_HOME: home, ...env } });
  const documents = parseAllDocuments(ran.stdout);
  if (!Array.isArray(documents)) throw new Error('no YAML stream');
  const objects = documents.map((doc) => {
    expect(doc.errors).toEqual([]);
    const object = doc.toJS() as Record<string, unknown>;
    expect(object).toMatchObject({ apiVersion: 'batch/v1', kind: 'CronJob' });
    new CronJob(object as ConstructorParameters<typeof CronJob>[0]).validate(); // throws, naming the path, if invalid
    const exported = object as unknown as Exported;
    expect(exported.metadata.name).toMatch(DNS_LABEL);
    expect(exported.metadata.name.length).toBeLessThanOrEqual(52);
    for (const value of Object.values(exported.metadata.labels)) expect(value).toMatch(LABEL_VALUE);
    return exported;
  });
  const byName = new Map(objects.map((object) => [object.metadata.name, object]));
  expect(byName.size).toBe(objects.length);
  return { ...ran, objects, byName };
}

describe('nightshift export k8s', () => {
  test('the demo fleet: a valid CronJob per cron agent and the watchdog; watch, when and invalid agents on stderr', async () => {
    const home = demoCopy();
    const ran = await exportK8s(home, ['--namespace', 'agents', '--home-claim', 'fleet-home']);
    expect(ran.code).toBe(1); // agents were left out: said, not hidden
    expect([...ran.byName.keys()].sort()).toEqual([
      'nightshift-check',
      'nightshift-inbox-digest',
      'nightshift-nightly-summarizer',
      'nightshift-research-digest',
      'nightshift-sales-pipeline',
      'nightshift-ticket-monitor',
      'nightshift-weekly-metrics',
    ]);
    expect(ran.stderr).toContain('error-log-watcher: a watch trigger (samples/app-errors/*.log) cannot be a CronJob');
    expect(ran.stderr).toContain('queue-depth-responder: a when trigger cannot be a CronJob');
    expect(ran.stderr).toContain('churn-predictor is invalid, left out of the export');
    expect(ran.stderr).toContain('no trigger (manual runs only, nothing to schedule): release-notes-drafter');

    const watchdog = ran.byName.get('nightshift-check')!;
    expect(watchdog.spec.schedule).toBe('* * * * *');
    expect(watchdog.spec.jobTemplate.spec.template.spec.containers[0]!.args).toEqual(['check', '--exit-zero']);
    expect(watchdog.spec.suspend).toBe(false);

    const digest = ran.byName.get('nightshift-inbox-digest')!;
    expect(digest.metadata.namespace).toBe('agents');
    expect(digest.metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'nightshift',
      'nightshift/agent': 'inbox-digest',
      'nightshift/owner': 'aycee',
    });
    expect(digest.spec).toMatchObject({
      schedule: '0 7 * * *',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 1800, // grace: 30m
    });
    const job = digest.spec.jobTemplate.spec;
    expect(job.backoffLimit).toBe(0);
    expect(job.template.spec.restartPolicy).toBe('Never');
    expect(job.ttlSecondsAfterFinished).toBeGreaterThan(0);
    // limits.time 5m + kill_grace 3s + 2 × 2s for the runner to return + 120s margin
    expect(job.activeDeadlineSeconds).toBe(300 + 3 + 4 + 120);
    const container = job.template.spec.containers[0]!;
    expect(container.args).toEqual(['run', 'inbox-digest', '--trigger', 'cron']);
    expect(container.env).toContainEqual({ name: 'NIGHTSHIFT_HOME', value: '/nightshift' });
    expect(container.volumeMounts).toEqual([{ name: 'home', mountPath: '/nightshift' }]);
    expect(job.template.spec.volumes).toEqual([{ name: 'home', persistentVolumeClaim: { claimName: 'fleet-home' } }]);
    expect(container.envFrom).toBeUndefined();

    // disabled in state.json → suspended, saying why
    const sales = ran.byName.get('nightshift-sales-pipeline')!;
    expect(sales.spec.suspend).toBe(true);
    expect(sales.metadata.annotations?.['nightshift/suspended']).toBe('disabled by sam');
  });

  test('named agents only; a paused agent is suspended; the global stop suspends every agent but not the watchdog', async () => {
    const home = demoCopy();
    const env = { NIGHTSHIFT_HOME: home };
    expect((await cli(['pause', 'weekly-metrics', '--reason', 'k8s test'], { env })).code).toBe(0);
    const named = await exportK8s(home, ['weekly-metrics', 'inbox-digest']);
    expect(named.code).toBe(0);
    expect(named.stderr).toBe('');
    expect([...named.byName.keys()].sort()).toEqual([
      'nightshift-check',
      'nightshift-inbox-digest',
      'nightshift-weekly-metrics',
    ]);
    expect(named.byName.get('nightshift-weekly-metrics')!.spec.suspend).toBe(true);
    expect(named.byName.get('nightshift-inbox-digest')!.spec.suspend).toBe(false);

    expect((await cli(['pause', 'inbox-digest', '--until', '2h', '--reason', 'k8s test'], { env })).code).toBe(0);
    const timed = await exportK8s(home, ['inbox-digest']);
    expect(timed.byName.get('nightshift-inbox-digest')!.spec.suspend).toBe(true);
    expect(timed.stderr).toMatch(/inbox-digest: paused until .*: exported with suspend: true/);

    expect((await cli(['stop-all', '--reason', 'k8s test'], { env })).code).toBe(0);
    const stopped = await exportK8s(home, ['nightly-summarizer']);
    expect(stopped.byName.get('nightshift-nightly-summarizer')!.spec.suspend).toBe(true);
    expect(stopped.byName.get('nightshift-check')!.spec.suspend).toBe(false);
    expect(stopped.stderr).toContain('the global stop is on');
  });

  test('a zone, a long name, a seconds schedule, Sunday as 7, and the Secret by name only', async () => {
    const home = await freshHome();
    const long = `${'quarterly-revenue-reconciliation'}-${'x'.repeat(30)}`;
    agentFile(home, 'ny-report', 'trigger:\n  cron: "0 9 * * 7"\n  timezone: America/New_York\n  grace: 5s\n');
    agentFile(home, long, 'trigger:\n  cron: "@hourly"\n');
    agentFile(home, `${long.slice(0, 50)}-y`, 'trigger:\n  cron: "@hourly"\n');
    agentFile(home, 'every-ten-seconds', 'trigger:\n  cron: "*/10 * * * * *"\n');
    const secretValue = 'sk-ant-k8s-export-test-0123456789abcdef';
    const ran = await exportK8s(home, ['--secret', 'nightshift-keys'], { ANTHROPIC_API_KEY: secretValue });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('every-ten-seconds: its schedule cannot be a CronJob');
    expect(ran.stderr).toContain('has a seconds field');

    const ny = ran.byName.get('nightshift-ny-report')!;
    expect(ny.spec.timeZone).toBe('America/New_York');
    expect(ny.spec.schedule).toBe('0 9 * * SUN');
    expect(ny.metadata.annotations?.['nightshift/cron']).toBe('0 9 * * 7');
    expect(ny.spec.startingDeadlineSeconds).toBe(10); // 5s of grace: the controller looks every 10 s
    expect(ny.metadata.labels['nightshift/owner']).toBe('Jo-Smith-jo-example.com');
    expect(ny.metadata.annotations?.['nightshift/owner']).toBe('Jo Smith <jo@example.com>');
    const container = ny.spec.jobTemplate.spec.template.spec.containers[0]!;
    expect(container.envFrom).toEqual([{ secretRef: { name: 'nightshift-keys' } }]);
    expect(ran.stdout).not.toContain(secretValue);

    const longJobs = [...ran.objects].filter((o) =>
      o.metadata.annotations?.['nightshift/agent']?.startsWith('quarterly'),
    );
    expect(longJobs).toHaveLength(2);
    expect(new Set(longJobs.map((o) => o.metadata.name)).size).toBe(2);
    for (const job of longJobs) expect(job.metadata.name.length).toBeLessThanOrEqual(52);
    // the same names on the next export
    const again = await exportK8s(home, ['--secret', 'nightshift-keys']);
    expect([...again.byName.keys()]).toEqual([...ran.byName.keys()]);
  });

  test('--json: the same objects as one v1 List', async () => {
    const home = demoCopy();
    const yaml = await exportK8s(home);
    const ran = await cli(['export', 'k8s', '--image', IMAGE, '--json'], { env: { NIGHTSHIFT_HOME: home } });
    expect(ran.code).toBe(1);
    const list = JSON.parse(ran.stdout) as { apiVersion: string; kind: string; items: unknown[] };
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List' });
    expect(list.items).toEqual(yaml.objects);
  });

  test('bad options are usage errors (exit 2)', async () => {
    const home = await freshHome();
    const env = { NIGHTSHIFT_HOME: home };
    expect((await cli(['export', 'k8s'], { env })).code).toBe(2); // --image is required
    const ns = await cli(['export', 'k8s', '--image', IMAGE, '--namespace', 'Agents_1'], { env });
    expect(ns.code).toBe(2);
    expect(ns.stderr).toContain('--namespace: "Agents_1" is not a DNS-1123 label');
    expect((await cli(['export', 'k8s', '--image', IMAGE, 'nope'], { env })).code).toBe(2);
  });

  test("the container's command with the container's environment performs a run", async () => {
    const home = await freshHome();
    agentFile(home, 'pod-run', 'trigger:\n  cron: "*/5 * * * *"\n');
    const ran = await exportK8s(home, ['pod-run', '--secret', 'nightshift-keys']);
    expect(ran.code).toBe(0);
    const job = ran.byName.get('nightshift-pod-run')!;
    const container = job.spec.jobTemplate.spec.template.spec.containers[0]!;
    const mount = container.volumeMounts[0]!.mountPath;
    expect(mount).toBe(HOME_MOUNT);
    const run = await runContainer(container, home);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const logs = await cli(['logs', 'pod-run', '--json'], { env: { NIGHTSHIFT_HOME: home } });
    const records = JSON.parse(logs.stdout) as Array<{ agent: string; status: string; trigger: string; host?: string }>;
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ agent: 'pod-run', status: 'OK', trigger: 'cron', host: 'nightshift-pod-run' });
  });

  test("a retry policy stays nightshift's: backoffLimit 0, a deadline that holds every attempt and wait, and the pod runs the retry itself", async () => {
    const home = await freshHome();
    agentFile(home, 'plain', 'trigger:\n  cron: "0 * * * *"\n');
    agentFile(
      home,
      'patient',
      'trigger:\n  cron: "0 * * * *"\n',
      'retry:\n  attempts: 2\n  backoff: 1m\n  factor: 2\n',
    );
    // fails (exit 9: RUNNER_FAILED) the first time, then says OK: the count lives in the home
    const counter = join(home, 'count');
    const flaky = `if [ -f ${counter} ]; then echo done; echo STATUS: OK; echo END_OF_RUN; else touch ${counter}; exit 9; fi`;
    writeFileSync(
      join(home, 'agents', 'flaky.md'),
      `---\nname: flaky\ndescription: Fails once.\ntrigger:\n  cron: "0 * * * *"\nrunner:\n  kind: command\n` +
        `  command: ["sh", "-c", ${JSON.stringify(flaky)}]\nlimits:\n  time: 2m\n  cost_usd: 0\n` +
        'retry:\n  attempts: 1\n  backoff: 10ms\n---\nSay OK.\n',
    );
    const ran = await exportK8s(home);
    expect(ran.code).toBe(0);
    const specOf = (name: string) => ran.byName.get(`nightshift-${name}`)!.spec.jobTemplate.spec;
    for (const name of ['plain', 'patient', 'flaky']) expect(specOf(name).backoffLimit).toBe(0);
    // three attempts of one run's wall time each, and the waits of 1m and 2m between them
    const wall = specOf('plain').activeDeadlineSeconds - 120;
    expect(specOf('patient').activeDeadlineSeconds).toBe(3 * wall + 60 + 120 + 120);

    const pod = await runContainer(specOf('flaky').template.spec.containers[0]!, home);
    expect(pod.code).toBe(0);
    const logs = await cli(['logs', 'flaky', '--json'], { env: { NIGHTSHIFT_HOME: home } });
    const records = JSON.parse(logs.stdout) as Array<{ status: string; attempt: number; first_run_id: string }>;
    expect(records.map((r) => [r.status, r.attempt])).toEqual([
      ['RUNNER_FAILED', 1],
      ['OK', 2],
    ]);
  });

  test('the Dockerfile makes the image the export assumes (a docker build is not part of the suite)', () => {
    const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
    const lines = dockerfile.split('\n').filter((line) => !line.startsWith('#'));
    const last = (word: string) => lines.filter((line) => line.startsWith(`${word} `)).at(-1);
    expect(last('FROM')).toMatch(/^FROM node:\$\{NODE_VERSION\}-slim$/);
    expect(dockerfile).toMatch(/^ARG NODE_VERSION=(22|24)$/m);
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(dockerfile).toContain('RUN npm run build');
    expect(dockerfile).toContain('COPY --from=build /src/dist ./dist');
    expect(last('USER')).toBe('USER node'); // uid 1000: the pods' runAsUser and fsGroup
    expect(last('VOLUME')).toBe(`VOLUME ${HOME_MOUNT}`);
    expect(dockerfile).toContain(`NIGHTSHIFT_HOME=${HOME_MOUNT}`);
    // the pods give only args: the entrypoint is nightshift
    expect(JSON.parse(last('ENTRYPOINT')!.slice('ENTRYPOINT '.length)).at(-1)).toBe('nightshift');
    const ignored = readFileSync(new URL('../../.dockerignore', import.meta.url), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git']));
  });

  test(
    "the watchdog's command knows Kubernetes schedules the home, and its beat tells every host that mounts it; " +
      'a silent watchdog is said',
    async () => {
      const home = await freshHome();
      agentFile(home, 'pod-run', 'trigger:\n  cron: "0 3 * * *"\n');
      // an agent defined an hour ago, and no daemon has ever beaten: a bare check says nobody schedules it
      const hourAgo = new Date(Date.now() - 3_600_000);
      utimesSync(join(home, 'agents', 'pod-run.md'), hourAgo, hourAgo);
      const before = await cli(['check', '--json'], { env: { NIGHTSHIFT_HOME: home } });
      expect(before.stdout).toContain('scheduler_down');
      const ran = await exportK8s(home, ['pod-run']);
      const watchdog = ran.byName.get('nightshift-check')!.spec.jobTemplate.spec.template.spec.containers[0]!;
      const pod = await runContainer(watchdog, home, ['--json']);
      expect(pod.stderr).toBe('');
      // the alert a check before the export opened is resolved, not left open by the pod
      const podCheck = JSON.parse(pod.stdout) as {
        open: { rule: string }[];
        events: { rule: string; event: string }[];
      };
      expect(podCheck.open.map((alert) => alert.rule)).not.toContain('scheduler_down');
      expect(podCheck.events).toEqual([expect.objectContaining({ rule: 'scheduler_down', event: 'resolve' })]);
      // the pod beat in the home: a host that mounts it (no NIGHTSHIFT_SCHEDULER) knows who schedules, and resolves the alert
      const openRules = async () =>
        (
          JSON.parse((await cli(['check', '--json'], { env: { NIGHTSHIFT_HOME: home } })).stdout) as {
            open: { rule: string }[];
          }
        ).open.map((alert) => alert.rule);
      expect(await openRules()).not.toContain('scheduler_down');
      const status = await cli(['status'], { env: { NIGHTSHIFT_HOME: home, NO_COLOR: '1' } });
      expect(status.stdout).toMatch(/Kubernetes schedules \(watchdog checked (now|\d+s ago)\)/);
      // ten minutes without a beat: the CronJobs are gone or failing, and both say so
      const silent = { beat_at: new Date(Date.now() - 600_000).toISOString(), host: 'nightshift-check' };
      writeFileSync(join(home, 'run', 'kubernetes.json'), JSON.stringify(silent));
      const quiet = await cli(['status'], { env: { NIGHTSHIFT_HOME: home, NO_COLOR: '1' } });
      expect(quiet.stdout).toMatch(/Kubernetes watchdog SILENT since 10m ago \(are the CronJobs applied\?\)/);
      expect(await openRules()).toContain('scheduler_down');
      // an open alert is news, not a failed Job: the pod exits 0 where a bare check exits 1
      const failed = {
        run_id: 'r-failed',
        agent: 'pod-run',
        status: 'ERROR',
        reason: 'upstream 503',
        started_at: new Date(Date.now() - 120_000).toISOString(),
        ended_at: new Date(Date.now() - 60_000).toISOString(),
        duration_ms: 60_000,
      } as const;
      mkdirSync(join(home, 'logs'), { recursive: true });
      appendFileSync(join(home, 'logs', 'runs.jsonl'), `${JSON.stringify(makeRunRecord(failed))}\n`);
      const alerting = await runContainer(watchdog, home, ['--json']);
      expect(JSON.parse(alerting.stdout).open.map((alert: { rule: string }) => alert.rule)).toContain('non_ok');
      expect(alerting.code).toBe(0);
      expect((await cli(['check'], { env: { NIGHTSHIFT_HOME: home, NIGHTSHIFT_SCHEDULER: 'kubernetes' } })).code).toBe(
        1,
      );
      const typo = await cli(['check'], { env: { NIGHTSHIFT_HOME: home, NIGHTSHIFT_SCHEDULER: 'k8s' } });
      expect(typo.code).toBe(2);
      expect(typo.stderr).toContain('NIGHTSHIFT_SCHEDULER="k8s" names no scheduler nightshift knows');
    },
  );
});

/**
 * A container's args run here as the image runs them (its ENTRYPOINT is `nightshift`: here bin/nightshift.js of
 * this checkout), with the container's variables and the claim "mounted" where this machine has the home. The
 * Secret's keys would come on top (envFrom); a command agent needs none.
 */
function runContainer(
  container: Container,
  home: string,
  extraArgs: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const mount = container.volumeMounts[0]!.mountPath;
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, NO_COLOR: '1' };
  for (const variable of container.env) {
    const value = variable.value ?? '';
    env[variable.name] = value === mount ? home : value;
  }
  expect(env.NIGHTSHIFT_HOME).toBe(home);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...container.args, ...extraArgs], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
