import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAgents } from '../../src/agents/index.js';
import { dueTimesBetween } from '../../src/cron/index.js';
import { foldAlerts } from '../../src/alerts/index.js';
import { makeDemoHome } from '../../fixtures/generator/make-home.js';
import { DEMO_TIMEZONE } from '../../fixtures/generator/constants.js';
import { openHome } from '../../src/home/index.js';
import type { AlertEvent, RunRecord } from '../../src/journal/index.js';
import { loadCosts } from '../../src/governance/index.js';
import { runCheck } from '../../src/watchdog/index.js';
import { parseStateText } from '../../src/state/format.js';
import { monthKey, wallTime } from '../../src/shared/time/index.js';
import { jsonl } from './support.js';

/**
 * `npm start` makes the demo home around "now". Whatever day that is — the
 * first or the last of a month, a Monday or a Sunday, a daylight-saving day,
 * before or after the morning runs — the fleet must look alive and tell the
 * same story, and the watchdog must agree with the alerts it finds open.
 */
/** [when, now, whether `costs` can see the drift yet: month against month, not on a month's first day] */
const NOWS: Array<[string, string, boolean]> = [
  ['the 1st, a Tuesday, before the morning runs', '2026-12-01T05:10:00Z', false],
  ['the 6th, a Sunday', '2026-12-06T09:45:00Z', true],
  ['the 31st, a Sunday night', '2027-01-31T22:30:00Z', true],
  ['the 1st, just after midnight', '2027-01-31T23:30:00Z', false],
  ['a Monday morning', '2027-02-15T07:30:00Z', true],
  ['spring forward in Berlin', '2027-03-28T01:30:00Z', true],
  ['fall back in Berlin, in the repeated hour', '2027-10-31T00:30:00Z', true],
];

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe.each(NOWS)('the demo home made on %s', (_label, iso, driftShows) => {
  const now = new Date(iso);
  let home = '';
  let runs: RunRecord[] = [];

  it('is made, and a second look by the watchdog opens, resends and resolves nothing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ns-demo-now-'));
    roots.push(root);
    home = join(root, 'home');
    const made = await makeDemoHome(home, now);
    runs = jsonl<RunRecord>(readFileSync(join(home, 'logs/runs.jsonl'), 'utf8'));
    const alertsBefore = readFileSync(join(home, 'logs/alerts.jsonl'), 'utf8');
    const again = await runCheck(await openHome(home), { now, channels: [], crontab: null as never });
    expect(again.events).toEqual([]);
    expect(readFileSync(join(home, 'logs/alerts.jsonl'), 'utf8')).toBe(alertsBefore);
    expect([...foldAlerts(jsonl<AlertEvent>(alertsBefore)).keys()].sort()).toEqual(
      made.check.open.map((a) => a.key).sort(),
    );
  });

  it('ends its history before now, with last night’s failure as the digest’s last run', () => {
    expect(runs.every((run) => Date.parse(run.ended_at) < now.getTime())).toBe(true);
    const digest = runs.filter((run) => run.agent === 'inbox-digest' && run.status !== 'SKIPPED').at(-1)!;
    expect(digest.status).toBe('TIMEOUT');
    expect(now.getTime() - Date.parse(digest.started_at)).toBeLessThan(26 * 3_600_000);
  });

  it('keeps every cron run on its agent’s schedule (weekly on Mondays, weekdays on weekdays)', async () => {
    const opened = await openHome(home);
    const entries = await loadAgents(opened.paths.agents, opened.defaults);
    for (const entry of entries) {
      if (!entry.ok) continue;
      const agent = entry.agent;
      const trigger = agent.trigger;
      if (trigger?.kind !== 'cron' || agent.name === 'weekly-metrics') continue; // weekly-metrics changed its hour mid-story
      for (const run of runs.filter((r) => r.agent === agent.name && r.trigger === 'cron')) {
        const started = Date.parse(run.started_at);
        const due = dueTimesBetween(
          trigger.expression,
          trigger.timezone,
          new Date(started - 60_000),
          new Date(started),
        );
        expect(due.length, `${agent.name} ${run.started_at}`).toBe(1);
      }
    }
    const weekly = runs.filter((r) => r.agent === 'weekly-metrics' && r.trigger === 'cron');
    expect(weekly.length).toBeGreaterThan(10);
    const weekdayOf = (iso: string) => {
      const w = wallTime(new Date(iso), DEMO_TIMEZONE);
      return new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
    };
    for (const run of weekly) expect(weekdayOf(run.started_at), run.started_at).toBe(1);
    expect(now.getTime() - Date.parse(weekly.at(-1)!.started_at)).toBeLessThan(7 * 86_400_000);
  });

  it('keeps the nightly agents current and ticket-monitor paused through now', () => {
    const nightly = runs.filter((r) => r.agent === 'nightly-summarizer').at(-1)!;
    expect(now.getTime() - Date.parse(nightly.started_at)).toBeLessThan(26 * 3_600_000);
    expect(wallTime(new Date(nightly.started_at), DEMO_TIMEZONE).hour).toBe(23);
    const state = parseStateText(readFileSync(join(home, 'state.json'), 'utf8'), 'state.json');
    expect(Date.parse(state.agents['ticket-monitor']!.paused_until!)).toBeGreaterThan(now.getTime());
  });

  it('shows the drifting agent’s cost as an anomaly in `costs` once the month has a day behind it', async () => {
    const { report } = await loadCosts(await openHome(home), { now });
    const flagged = report.rows.filter((row) => row.anomalies.length > 0).map((row) => row.name);
    expect(flagged.includes('research-digest')).toBe(driftShows);
  });

  it('leaves no month alert of an earlier month open', () => {
    const open = foldAlerts(jsonl<AlertEvent>(readFileSync(join(home, 'logs/alerts.jsonl'), 'utf8')));
    const month = monthKey(now, DEMO_TIMEZONE);
    for (const alert of open.values()) {
      const details = (alert.details ?? {}) as { month?: string };
      if (details.month) expect(details.month, alert.key).toBe(month);
    }
  });
});
