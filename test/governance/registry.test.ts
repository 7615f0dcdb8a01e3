import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_NOW } from '../../fixtures/generator/constants.js';
import {
  loadRegistry,
  renderRegistryMarkdown,
  renderRegistryText,
  writeRegistryFile,
} from '../../src/governance/index.js';
import { medianCostPerRun } from '../../src/governance/registry-cost-per-run.js';
import type { DaySummary } from '../../src/journal/index.js';
import { cli, copyDemoHome, DEMO_NOW_LOCAL, manifest, run, type TempHome } from './new-home-support.js';

const WINDOW = {
  fromMs: Date.parse('2026-10-24T00:00:00Z'),
  toMs: Date.parse('2026-11-23T00:00:00Z'),
  fromDay: '2026-10-24',
  toDay: '2026-11-23',
};

describe('medianCostPerRun', () => {
  test('exact over the window when the recent runs reach back past it; SKIPPED left out', () => {
    const recent = [
      run('a', '2026-11-22T10:00:00Z', { cost_usd: 0.3 }),
      run('a', '2026-11-21T10:00:00Z', { cost_usd: 0, status: 'SKIPPED' }),
      run('a', '2026-11-20T10:00:00Z', { cost_usd: 0.1 }),
      run('a', '2026-11-19T10:00:00Z', { cost_usd: 0.2 }),
      run('a', '2026-10-01T10:00:00Z', { cost_usd: 9 }), // before the window
    ];
    expect(medianCostPerRun(recent, [], WINDOW)).toEqual({ usd: 0.2, basis: 'runs', samples: 3 });
  });

  test('a busy agent (30 recent runs all inside the window) gets the median of daily cost per run', () => {
    const recent = Array.from({ length: 30 }, (_, i) =>
      run('a', new Date(Date.parse('2026-11-22T23:00:00Z') - i * 3_600_000).toISOString(), { cost_usd: 0.01 }),
    );
    const days: DaySummary[] = [
      { day: '2026-11-20', runs: 24, costUsd: 0.24, durationMs: 0, byStatus: { OK: 24 } },
      { day: '2026-11-21', runs: 24, costUsd: 0.48, durationMs: 0, byStatus: { OK: 20, SKIPPED: 4 } },
      { day: '2026-11-22', runs: 24, costUsd: 0.24, durationMs: 0, byStatus: { OK: 24 } },
      { day: '2026-09-01', runs: 24, costUsd: 99, durationMs: 0, byStatus: { OK: 24 } },
    ];
    expect(medianCostPerRun(recent, days, WINDOW)).toEqual({ usd: 0.01, basis: 'days', samples: 3 });
  });

  test('a daily agent whose 30 recent runs all fall in the window is still exact: one run a day', () => {
    const recent = Array.from({ length: 30 }, (_, i) =>
      run('a', new Date(Date.parse('2026-11-22T06:30:00Z') - i * 86_400_000).toISOString(), { cost_usd: 0.1 }),
    );
    const days: DaySummary[] = recent.map((r, i) => ({
      day: r.ended_at.slice(0, 10),
      runs: 1,
      costUsd: i < 10 ? 2 : 0.1,
      durationMs: 0,
      byStatus: { OK: 1 },
    }));
    expect(medianCostPerRun(recent, days, WINDOW)).toEqual({ usd: 0.1, basis: 'runs', samples: 30 });
  });

  test('no run in the window: no figure', () => {
    expect(medianCostPerRun([], [], WINDOW)).toEqual({ usd: null, basis: 'none', samples: 0 });
  });
});

describe('registry on a copy of the demo home', () => {
  let home: TempHome;
  beforeAll(async () => {
    home = await copyDemoHome();
  });
  afterAll(async () => home.remove());

  test("rows match the manifest's paused, disabled and invalid agents; every agent is listed", async () => {
    const expected = await manifest();
    const { registry } = await loadRegistry(await home.open(), { now: DEMO_NOW });
    expect(registry.rows.map((row) => row.name).sort()).toEqual([...expected.agents].sort());
    const inState = (state: string) =>
      registry.rows
        .filter((row) => row.state === state)
        .map((row) => row.name)
        .sort();
    expect(inState('paused')).toEqual([...expected.paused].sort());
    expect(inState('disabled')).toEqual([...expected.disabled].sort());
    expect(inState('invalid')).toEqual([...expected.invalid].sort());
    expect(registry.totals.byState.enabled).toBe(
      expected.agents.length - expected.paused.length - expected.disabled.length - expected.invalid.length,
    );
  });

  test('owner, trigger, cost per run, month-to-date and last review per row', async () => {
    const { registry } = await loadRegistry(await home.open(), { now: DEMO_NOW });
    const row = (name: string) => registry.rows.find((r) => r.name === name)!;
    expect(row('nightly-summarizer')).toMatchObject({
      owner: 'aycee',
      cron: '0 23 * * *',
      trigger: 'every day at 23:00 Europe/Berlin',
      monthToDate: 0,
    });
    expect(row('release-notes-drafter')).toMatchObject({ triggerKind: 'manual', cron: null, trigger: 'manual only' });
    expect(row('research-digest').monthToDate).toBeCloseTo(33, 0);
    expect(row('research-digest').costPerRun.usd).toBeGreaterThan(1);
    expect(row('research-digest').lastReview).toMatchObject({ by: 'sam', concern: true });
    expect(row('ticket-monitor')).toMatchObject({
      state: 'paused',
      stateBy: 'jo',
      pausedUntil: '2026-11-30T23:00:00.000Z',
    });
    expect(row('churn-predictor').problem).toContain('minute 61 is outside 0-59');
  });

  test('text and markdown say the same things; the markdown table has one line per agent', async () => {
    const { registry } = await loadRegistry(await home.open(), { now: DEMO_NOW });
    const text = renderRegistryText(registry, 200);
    expect(text).toMatch(/ticket-monitor\s+jo\s+.*paused until 2026-12-01 00:00/);
    expect(text).toContain('10 agents: 7 enabled, 1 paused, 1 disabled, 1 invalid');
    const markdown = renderRegistryMarkdown(registry);
    const tableRows = markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Agent'));
    expect(tableRows).toHaveLength(10);
    expect(markdown).toContain('| research-digest | aycee | every day at 06:30 Europe/Berlin (`30 6 * * *`) |');
    expect(markdown).toContain('**queue-depth-responder**');
    expect(markdown).toMatch(/queue-depth-responder\*\*.*\*\*No runbook\*\*/);
  });

  test('--write writes REGISTRY.md atomically with mode 0600', async () => {
    const { registry } = await loadRegistry(await home.open(), { now: DEMO_NOW });
    const path = await writeRegistryFile(home.root, renderRegistryMarkdown(registry));
    expect(path).toBe(join(home.root, 'REGISTRY.md'));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await home.read('REGISTRY.md')).toContain('# Background agent registry');
  });

  test('CLI: text, --json and --markdown --write', async () => {
    const text = await cli(['registry', '--home', home.root, '--now', DEMO_NOW_LOCAL]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('churn-predictor');
    const json = await cli(['registry', '--home', home.root, '--now', DEMO_NOW_LOCAL, '--json']);
    expect(JSON.parse(json.stdout).rows).toHaveLength(10);
    const written = await cli(['registry', '--home', home.root, '--now', DEMO_NOW_LOCAL, '--markdown', '--write']);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe(`Wrote ${join(home.root, 'REGISTRY.md')} (10 agents).\n`);
    expect((await stat(join(home.root, 'REGISTRY.md'))).mode & 0o777).toBe(0o600);
  });
});
