import { describe, expect, it } from 'vitest';
import { foldAlerts } from '../../src/alerts/index.js';
import { formatProblem } from '../../src/agents/index.js';
import { parseAgentText } from '../../src/agents/parse.js';
import { sha256Hex as sha256 } from '../../src/shared/index.js';
import {
  alertEventSchema,
  type AlertEvent,
  changeRecordSchema,
  type ChangeRecord,
  RUN_STATUSES,
  reviewRecordSchema,
  type RunRecord,
  runRecordSchema,
  SKIP_REASONS,
} from '../../src/journal/index.js';
import { DEMO_NOW, DEMO_SEED, DEMO_TIMEZONE } from '../../fixtures/generator/constants.js';
import { generateDemoHome } from '../../fixtures/generator/generate.js';
import { DEMO_EVAL_AGENTS } from '../../fixtures/generator/evals.js';
import { heartbeatSchema } from '../../src/fleet/heartbeat.js';
import { dayKey, monthKey, monthRange } from '../../src/shared/index.js';
import { demo, demoDefaults, file, jsonl } from './support.js';

const runs = () => jsonl<RunRecord>(file('logs/runs.jsonl'));
const alerts = () => jsonl<AlertEvent>(file('logs/alerts.jsonl'));
const changes = () => jsonl<ChangeRecord>(file('logs/changes.jsonl'));
const LIMIT_STATUSES = ['TIMEOUT', 'CALL_LIMIT', 'COST_LIMIT', 'OUTPUT_LIMIT'];

describe('generateDemoHome', () => {
  it('gives byte-identical files for the same seed and now, and different ones for another seed', async () => {
    const again = await generateDemoHome({ seed: DEMO_SEED, now: DEMO_NOW });
    expect(again).toEqual(demo().files);
    const other = await generateDemoHome({ seed: DEMO_SEED + 1, now: DEMO_NOW });
    expect(other.find((f) => f.path === 'logs/runs.jsonl')?.content).not.toBe(file('logs/runs.jsonl'));
  });

  it('lays out the home of DESIGN §1 with private modes and an executable kill switch', () => {
    const paths = demo().files.map((f) => f.path);
    for (const path of [
      'nightshift.yaml',
      'state.json',
      'run/scheduler.json',
      'logs/runs.jsonl',
      'logs/alerts.jsonl',
      'logs/changes.jsonl',
      'logs/reviews.jsonl',
      'scripts/disable-agent.sh',
    ]) {
      expect(paths).toContain(path);
    }
    expect(paths.filter((p) => p.startsWith('run/') && p.endsWith('.lock'))).toEqual([]);
    // eval cases only for the agents that have them; a 10 MB input is described (input.gen.yaml), never committed
    expect(new Set(paths.filter((p) => p.startsWith('evals/')).map((p) => p.split('/')[1]))).toEqual(
      new Set(DEMO_EVAL_AGENTS),
    );
    for (const f of demo().files) expect(f.mode, f.path).toBe(f.path.startsWith('scripts/') ? 0o700 : 0o600);
    expect(file('scripts/disable-agent.sh')).toMatch(/^#!\/bin\/sh\n/);
    expect(file('scripts/disable-agent.sh')).not.toMatch(/\/(usr|home|work)\//);
    const bytes = demo().files.reduce((sum, f) => sum + Buffer.byteLength(f.content), 0);
    expect(bytes).toBeLessThan(6 * 1024 * 1024);
  });

  it('writes a nightshift.yaml that validates, in Berlin time, with a command channel', () => {
    const defaults = demoDefaults();
    expect(defaults.timezone).toBe(DEMO_TIMEZONE);
    expect(file('nightshift.yaml')).toMatch(/^ {2}command: \[/m);
  });

  it('has valid agent files except churn-predictor, whose first error is its cron minute', () => {
    const agentFiles = demo().files.filter((f) => f.path.startsWith('agents/'));
    expect(agentFiles.length).toBeGreaterThanOrEqual(10);
    for (const f of agentFiles) {
      const name = f.path.slice('agents/'.length, -'.md'.length);
      const entry = parseAgentText(f.content, { name, file: f.path, absolutePath: `/demo/${f.path}` }, demoDefaults());
      if (name === 'churn-predictor') {
        expect(entry.ok).toBe(false);
        if (entry.ok) continue;
        expect(formatProblem(entry.problems[0]!)).toMatch(
          /trigger\.cron: "61 \* \* \* \*" is not a valid cron expression: minute 61/,
        );
        expect(entry.problems.some((p) => p.field === 'limts' && /did you mean "limits"/.test(p.message))).toBe(true);
      } else {
        expect(entry.ok, entry.ok ? '' : entry.problems.map(formatProblem).join('\n')).toBe(true);
      }
    }
  });

  it('uses every runner kind and trigger kind the story calls for', () => {
    const byName = new Map(
      demo()
        .files.filter((f) => f.path.startsWith('agents/') && !f.path.includes('churn'))
        .map((f) => {
          const name = f.path.slice(7, -3);
          const entry = parseAgentText(f.content, { name, file: f.path, absolutePath: f.path }, demoDefaults());
          if (!entry.ok) throw new Error(name);
          return [name, entry.agent] as const;
        }),
    );
    expect(byName.get('nightly-summarizer')?.runner.kind).toBe('extractive');
    expect(byName.get('weekly-metrics')?.model).toBe('claude-haiku-4-5');
    expect(byName.get('research-digest')?.model).toBe('claude-sonnet-4-5');
    expect(byName.get('error-log-watcher')?.trigger?.kind).toBe('watch');
    expect(byName.get('error-log-watcher')?.runner).toMatchObject({
      kind: 'openai',
      base_url: 'http://127.0.0.1:11434/v1',
    });
    expect(byName.get('queue-depth-responder')?.trigger?.kind).toBe('when');
    expect(byName.get('queue-depth-responder')?.runner.kind).toBe('command');
    expect(byName.get('release-notes-drafter')?.trigger).toBeUndefined();
  });
});

describe('the journals', () => {
  it('hold only records their schemas accept, runs in ended_at order', () => {
    const checks: Array<[string, { safeParse(v: unknown): { success: boolean } }]> = [
      ['logs/runs.jsonl', runRecordSchema],
      ['logs/alerts.jsonl', alertEventSchema],
      ['logs/changes.jsonl', changeRecordSchema],
      ['logs/reviews.jsonl', reviewRecordSchema],
    ];
    for (const [path, schema] of checks) {
      const records = jsonl(file(path));
      expect(records.length, path).toBeGreaterThan(5);
      for (const record of records)
        expect(schema.safeParse(record).success, `${path}: ${JSON.stringify(record).slice(0, 200)}`).toBe(true);
      const times = records.map((r) => String(r.ended_at ?? r.at));
      expect(times, path).toEqual([...times].sort());
    }
  });

  it('covers 90 days, every status, every skip reason, with limit_hit and reasons where they belong', () => {
    const all = runs();
    const first = Date.parse(all[0]!.started_at);
    expect(first).toBeGreaterThanOrEqual(DEMO_NOW.getTime() - 90 * 86_400_000);
    expect(first).toBeLessThan(DEMO_NOW.getTime() - 88 * 86_400_000);
    expect(all.every((r) => Date.parse(r.ended_at) < DEMO_NOW.getTime())).toBe(true);
    expect(new Set(all.map((r) => r.status))).toEqual(new Set(RUN_STATUSES));
    const skips = new Set(all.filter((r) => r.status === 'SKIPPED').map((r) => r.reason?.split(':')[0]));
    expect(skips).toEqual(new Set(SKIP_REASONS));
    for (const r of all) {
      expect(r.limit_hit !== null, `${r.agent} ${r.status}`).toBe(LIMIT_STATUSES.includes(r.status));
      if (r.status !== 'OK') expect(r.reason, `${r.agent} ${r.status}`).toMatch(/\w/);
      else expect(r.reason).toBeNull();
      expect(r.host).toBe('demo-host');
      expect(r.version).toBe('0.1.0');
      expect(r.run_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(all.map((r) => r.run_id)).size).toBe(all.length);
  });

  it('prices runs by runner: extractive, command and the local model are free, haiku at $1/$5', () => {
    for (const r of runs()) {
      if (r.runner === 'extractive' || r.runner === 'command' || r.model === 'llama3.1:8b')
        expect(r.cost_usd, r.agent).toBe(0);
      if (r.model === 'claude-haiku-4-5') {
        const t = r.tokens;
        const usd = (t.input * 1 + t.output * 5 + (t.cache_write ?? 0) * 1.25 + (t.cache_read ?? 0) * 0.1) / 1e6;
        expect(r.cost_usd).toBeCloseTo(usd, 5);
      }
    }
  });

  it('has an output file for every run that names one, of exactly the recorded size, and no stray outputs', () => {
    const named = new Set<string>();
    for (const r of runs()) {
      if (r.output_file === null) {
        expect(r.output_size_bytes).toBe(0);
        continue;
      }
      named.add(r.output_file);
      expect(r.output_file).toMatch(new RegExp(`^outputs/${r.agent}/\\d{4}-\\d{2}-\\d{2}(T\\d{6})?(-\\d+)?\\.md$`));
      expect(Buffer.byteLength(file(r.output_file)), r.output_file).toBe(r.output_size_bytes);
      const text = file(r.output_file);
      if (r.status === 'OK') expect(text.endsWith('STATUS: OK\nEND_OF_RUN\n')).toBe(true);
      if (r.status === 'NO_END') expect(text).not.toContain('END_OF_RUN');
      if (r.status === 'EMPTY') expect(text.length).toBeLessThan(120);
      if (r.status === 'PARTIAL') expect(text).toMatch(/Anomalies|Data notes/);
    }
    const stray = demo().files.filter((f) => f.path.startsWith('outputs/') && !named.has(f.path));
    expect(stray.map((f) => f.path)).toEqual([]);
  });

  it('dates daily agents by local day and the others by local date and time', () => {
    for (const r of runs().filter((run) => run.output_file)) {
      const stamp = r.output_file!.split('/')[2]!;
      expect(stamp.startsWith(dayKey(new Date(r.started_at), DEMO_TIMEZONE)), r.output_file!).toBe(true);
      const daily = [
        'nightly-summarizer',
        'weekly-metrics',
        'inbox-digest',
        'research-digest',
        'sales-pipeline',
      ].includes(r.agent);
      expect(/T\d{6}/.test(stamp), r.output_file!).toBe(!daily);
    }
  });

  it('leaves a gap the night the scheduler was down, with its missed alert opened and resolved', () => {
    const keys = demo().manifest.missed;
    expect(keys).toHaveLength(1);
    const due = Date.parse(keys[0]!.split(':').slice(2).join(':'));
    const nightly = runs().filter((r) => r.agent === 'nightly-summarizer');
    expect(nightly.some((r) => Math.abs(Date.parse(r.started_at) - due) < 6 * 3_600_000)).toBe(false);
    const events = alerts().filter((a) => a.key === keys[0]);
    expect(events.map((a) => a.event)).toEqual(expect.arrayContaining(['open', 'resolve']));
    expect(
      alerts()
        .filter((a) => a.rule === 'scheduler_down')
        .map((a) => a.event),
    ).toEqual(['open', 'resolve']);
  });

  it('steers research-digest from about $3 last month to about $30 this month, on course for far more than 3x', () => {
    const month = monthKey(DEMO_NOW, DEMO_TIMEZONE);
    const sum = (m: string) =>
      runs()
        .filter((r) => r.agent === 'research-digest' && monthKey(new Date(r.started_at), DEMO_TIMEZONE) === m)
        .reduce((total, r) => total + r.cost_usd, 0);
    const october = sum('2026-10');
    const november = sum(month);
    expect(october).toBeGreaterThan(3 * 0.8);
    expect(october).toBeLessThan(3 * 1.2);
    expect(november).toBeGreaterThan(30 * 0.8);
    expect(november).toBeLessThan(30 * 1.2);
    const { start, end } = monthRange(month, DEMO_TIMEZONE);
    const projected = (november / (DEMO_NOW.getTime() - start.getTime())) * (end.getTime() - start.getTime());
    expect(projected).toBeGreaterThan(3 * october * 3);
    expect(runs().filter((r) => r.agent === 'research-digest' && r.status === 'COST_LIMIT')).toHaveLength(1);
  });

  it('has inbox-digest fail this morning at 07:00 Berlin with a limit hit and an open non_ok alert', () => {
    const last = runs()
      .filter((r) => r.agent === 'inbox-digest')
      .at(-1)!;
    expect(dayKey(new Date(last.started_at), DEMO_TIMEZONE)).toBe(dayKey(DEMO_NOW, DEMO_TIMEZONE));
    expect(new Date(last.started_at).toLocaleTimeString('en-GB', { timeZone: DEMO_TIMEZONE }).slice(0, 5)).toBe(
      '07:00',
    );
    expect(last.status).toBe('TIMEOUT');
    expect(last.limit_hit).toMatchObject({ limit: 'time', max: 300_000 });
    expect(foldAlerts(alerts()).get('non_ok:inbox-digest')?.details).toMatchObject({ run_id: last.run_id });
  });

  it('has exactly the open alerts of the story at now, each event sent to the log and the command channel', () => {
    const open = [...foldAlerts(alerts()).keys()].sort();
    expect(open).toEqual([
      'budget_warn:research-digest',
      'cost_anomaly:research-digest',
      'non_ok:inbox-digest',
      'review_overdue:weekly-metrics',
    ]);
    expect(open).toEqual(demo().manifest.open_alerts);
    for (const rule of ['missed', 'output_drop', 'run_cost']) {
      expect(
        alerts().some((a) => a.rule === rule && a.event === 'resolve'),
        rule,
      ).toBe(true);
    }
    expect(alerts().some((a) => a.event === 'resend')).toBe(true);
    for (const a of alerts())
      expect(a.channels).toEqual([
        { channel: 'log', ok: true },
        { channel: 'command', ok: true },
      ]);
  });

  it('records the change kinds the story needs: pause, disable, stop-all/start-all, schedule, definition, kill', () => {
    const actions = new Set(changes().map((c) => c.action));
    for (const action of [
      'pause',
      'resume',
      'disable',
      'stop-all',
      'start-all',
      'schedule',
      'definition',
      'kill',
      'budget-pause',
      'auto-resume',
    ]) {
      expect(actions, action).toContain(action);
    }
    const schedule = changes().find((c) => c.action === 'schedule')!;
    expect(schedule).toMatchObject({
      agent: 'weekly-metrics',
      before: { cron: '0 8 * * 1' },
      after: { cron: '0 9 * * 1' },
    });
    expect(schedule.reason).toMatch(/\w/);
    const kill = changes().find((c) => c.action === 'kill')!;
    const killed = runs().find((r) => r.run_id === (kill.before as { run_id: string }).run_id);
    expect(killed?.status).toBe('KILLED');
    expect(new Set(changes().map((c) => c.by))).toEqual(new Set(['aycee', 'sam', 'jo', 'nightshift']));
  });

  it('refuses runs while the fleet is stopped, while paused and while disabled', () => {
    const all = runs();
    const stop = changes().find((c) => c.action === 'stop-all')!;
    const start = changes().find((c) => c.action === 'start-all')!;
    const during = all.filter((r) => r.started_at > stop.at && r.started_at < start.at);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((r) => r.status === 'SKIPPED' && r.reason?.startsWith('stopped:'))).toBe(true);
    const pause = changes().find((c) => c.action === 'pause' && c.agent === 'ticket-monitor')!;
    const since = all.filter((r) => r.agent === 'ticket-monitor' && r.started_at > pause.at);
    expect(since.length).toBeGreaterThan(0);
    expect(since.every((r) => r.status === 'SKIPPED' && r.reason?.startsWith('paused:'))).toBe(true);
    const disable = changes().find((c) => c.action === 'disable')!;
    const after = all.filter((r) => r.agent === 'sales-pipeline' && r.started_at > disable.at);
    expect(after.every((r) => r.status === 'SKIPPED' && r.reason?.startsWith('disabled:'))).toBe(true);
    const before = all.filter((r) => r.agent === 'sales-pipeline' && r.started_at < disable.at).slice(-8);
    expect(before.map((r) => r.status)).toEqual(expect.arrayContaining(['RUNNER_FAILED', 'CRASHED']));
  });

  it('stamps runs with the definition in force: the older file before a schedule or definition change', () => {
    for (const agent of ['weekly-metrics', 'research-digest']) {
      const change = changes().find(
        (c) => c.agent === agent && (c.action === 'schedule' || c.action === 'definition'),
      )!;
      const current = sha256(file(`agents/${agent}.md`));
      const own = runs().filter((r) => r.agent === agent);
      const before = new Set(own.filter((r) => r.started_at < change.at).map((r) => r.definition_sha256));
      const after = new Set(own.filter((r) => r.started_at > change.at).map((r) => r.definition_sha256));
      expect([...after]).toEqual([current]);
      expect(before.size).toBe(1);
      expect(before.has(current)).toBe(false);
    }
  });

  it('has a fresh scheduler heartbeat', () => {
    const beat = heartbeatSchema.parse(JSON.parse(file('run/scheduler.json')));
    expect(DEMO_NOW.getTime() - Date.parse(beat.beat_at)).toBe(20_000);
    expect(beat).toMatchObject({ host: 'demo-host', version: '0.1.0' });
  });
});
