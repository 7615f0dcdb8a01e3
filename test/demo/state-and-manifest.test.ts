import { describe, expect, it } from 'vitest';
import { parseAgentText } from '../../src/agents/parse.js';
import type { ChangeRecord, ReviewRecord, RunRecord } from '../../src/journal/index.js';
import { DEMO_NOW, DEMO_TIMEZONE } from '../../fixtures/generator/constants.js';
import { defaultState, nextState, normalizeChange, type StateAction } from '../../src/state/index.js';
import { parseStateText } from '../../src/state/format.js';
import { STATE_ACTIONS } from '../../src/state/change.js';
import { demo, demoDefaults, file, jsonl } from './support.js';

describe('state.json and changes.jsonl', () => {
  it('agree: replaying the state-changing actions through nextState gives state.json, record by record', () => {
    let state = defaultState();
    const changes = jsonl<ChangeRecord>(file('logs/changes.jsonl')).filter((c) =>
      (STATE_ACTIONS as readonly string[]).includes(c.action),
    );
    expect(changes.length).toBeGreaterThanOrEqual(6);
    for (const record of changes) {
      const at = new Date(record.at);
      const afterEntry = record.after as { paused_until?: string | null } | undefined;
      const change = normalizeChange(
        {
          action: record.action as StateAction,
          agent: record.agent ?? undefined,
          reason: record.reason,
          until: ['pause', 'budget-pause'].includes(record.action) ? (afterEntry?.paused_until ?? null) : null,
          by: record.by,
          source: record.source,
        },
        at,
        record.by,
      );
      const transition = nextState(state, change, at);
      expect(transition.applied, `${record.action} ${record.agent} at ${record.at}`).toBe(true);
      if (!transition.applied) continue;
      expect(transition.before).toEqual(record.before);
      expect(transition.after).toEqual(record.after);
      state = transition.state;
    }
    expect(parseStateText(file('state.json'), 'state.json')).toEqual(state);
    expect(file('state.json')).toBe(`${JSON.stringify(state, null, 2)}\n`);
  });

  it('has ticket-monitor paused (with reason, who, and an end in the future) and sales-pipeline disabled', () => {
    const state = parseStateText(file('state.json'), 'state.json');
    expect(state.global.stopped).toBe(false);
    const paused = state.agents['ticket-monitor']!;
    expect(paused).toMatchObject({ state: 'paused', by: 'jo' });
    expect(paused.reason).toMatch(/\w/);
    expect(Date.parse(paused.paused_until!)).toBeGreaterThan(DEMO_NOW.getTime());
    expect(DEMO_NOW.getTime() - Date.parse(paused.since!)).toBeLessThan(7 * 86_400_000);
    expect(state.agents['sales-pipeline']).toMatchObject({ state: 'disabled', by: 'sam', paused_until: null });
    const listed = Object.entries(state.agents).filter(([, entry]) => entry.state !== 'enabled');
    expect(listed.map(([name]) => name).sort()).toEqual(['sales-pipeline', 'ticket-monitor']);
  });
});

describe('fixtures/demo-home.expect.json', () => {
  const manifest = () => demo().manifest;

  it('names agents that exist, with the states the home gives them', () => {
    const m = manifest();
    for (const name of m.agents) expect(demo().byPath.has(`agents/${name}.md`), name).toBe(true);
    for (const name of [
      ...Object.keys(m.doctor),
      m.failed_last_night,
      m.drifting_cost,
      ...m.paused,
      ...m.disabled,
      ...m.invalid,
      ...m.review_overdue,
      ...m.manual_only,
    ]) {
      expect(m.agents, name).toContain(name);
    }
    expect(m.paused).toEqual(['ticket-monitor']);
    expect(m.disabled).toEqual(['sales-pipeline']);
    expect(m.invalid).toEqual(['churn-predictor']);
    expect(Object.keys(m.doctor)).not.toContain('churn-predictor');
    expect(m.invalid_first_error['churn-predictor']).toMatch(/minute 61 is outside 0-59/);
    expect(m.statuses_covered).toHaveLength(18);
    expect(m.skip_reasons_covered).toEqual(['paused', 'disabled', 'stopped', 'budget', 'overlap', 'invalid']);
    expect(m.now).toBe(DEMO_NOW.toISOString());
    expect(m.timezone).toBe(DEMO_TIMEZONE);
  });

  it('lists exactly the readiness problems an independent check of the home finds', () => {
    const found: Record<string, string[]> = {};
    const reviews = jsonl<ReviewRecord>(file('logs/reviews.jsonl'));
    const runs = jsonl<RunRecord>(file('logs/runs.jsonl'));
    for (const name of Object.keys(manifest().doctor)) {
      const text = file(`agents/${name}.md`);
      const entry = parseAgentText(
        text,
        { name, file: `agents/${name}.md`, absolutePath: `agents/${name}.md` },
        demoDefaults(),
      );
      if (!entry.ok) throw new Error(`${name} should be valid`);
      const agent = entry.agent;
      const failing: string[] = [];
      const stops = sectionBullets(agent.prompt, 'Stop conditions');
      if (stops < 3) failing.push('stop_conditions');
      const format = section(agent.prompt, 'Output format');
      if (!/STATUS:/.test(format) || !/END_OF_RUN/.test(format)) failing.push('protocol');
      if (!['time', 'calls', 'cost_usd', 'output_bytes'].every((l) => agent.limitsSetInFile.includes(l as never)))
        failing.push('limits');
      // read-only first: any tool but these reads-only ones needs writes: true and a month of OK runs that goes on until now
      if (agent.tools.some((t) => !['Read', 'Grep', 'Glob', 'LS', 'NotebookRead'].includes(t.split('(')[0]!))) {
        const okDays = [
          ...new Set(runs.filter((r) => r.agent === name && r.status === 'OK').map((r) => r.started_at.slice(0, 10))),
        ].sort();
        const monthAgo = new Date(DEMO_NOW.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
        const proven = okDays.length > 0 && okDays[0]! <= monthAgo && okDays.some((day) => day > monthAgo);
        if (!agent.writes || !proven) failing.push('read_only');
      }
      if (!agent.owner) failing.push('owner');
      const runbook = demo().byPath.get(`runbooks/${name}.md`)?.content;
      if (!runbook?.includes(`nightshift disable ${name}`)) failing.push('runbook');
      if (!agent.budget) failing.push('budget');
      const last = reviews.filter((r) => r.agent === name).at(-1);
      const cadence = { daily: 1, weekly: 7, monthly: 30, quarterly: 91, none: Infinity }[agent.review];
      if (!last || DEMO_NOW.getTime() - Date.parse(last.at) > (cadence + 2) * 86_400_000) failing.push('review');
      if (!demo().files.some((f) => f.path.startsWith(`evals/${name}/`))) failing.push('evals');
      if (!/^\s+command: \[/m.test(file('nightshift.yaml'))) failing.push('alert_channel');
      const risk = agent.risk;
      if (
        !(['worst_hour', 'recovery_cost', 'detection', 'stop', 'worth_it'] as const).every(
          (k) => (risk[k] ?? '').trim().length > 0,
        )
      )
        failing.push('risk');
      found[name] = failing;
    }
    const order = manifest().doctor_checks as readonly string[];
    for (const list of Object.values(found)) list.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    expect(found).toEqual(manifest().doctor);
  });

  it('says which agent failed last night and which one drifts', () => {
    const runs = jsonl<RunRecord>(file('logs/runs.jsonl'));
    const last = runs.filter((r) => r.agent === manifest().failed_last_night && r.status !== 'SKIPPED').at(-1)!;
    expect(last.status).not.toBe('OK');
    expect(DEMO_NOW.getTime() - Date.parse(last.ended_at)).toBeLessThan(12 * 3_600_000);
    const others = manifest().agents.filter((a) => a !== manifest().failed_last_night);
    for (const agent of others) {
      const latest = runs.filter((r) => r.agent === agent && r.status !== 'SKIPPED').at(-1);
      if (latest && manifest().disabled.includes(agent)) continue;
      if (latest) expect(latest.status, agent).toBe('OK');
    }
    expect(manifest().open_alerts).toContain(`cost_anomaly:${manifest().drifting_cost}`);
  });
});

/** The lines under a level-1 heading, up to the next one; fenced blocks are content, not sections. */
function section(prompt: string, heading: string): string {
  const out: string[] = [];
  let inside = false;
  let fenced = false;
  for (const line of prompt.split('\n')) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced && /^#\s+/.test(line)) {
      inside = new RegExp(`^#\\s*${heading}\\s*$`, 'i').test(line);
      continue;
    }
    if (inside) out.push(line);
  }
  return out.join('\n');
}

function sectionBullets(prompt: string, heading: string): number {
  return section(prompt, heading)
    .split('\n')
    .filter((line) => /^\s*[-*]\s+\S/.test(line)).length;
}
