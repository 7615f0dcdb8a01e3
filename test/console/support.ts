import type { AgentDefinition } from '../../src/agents/index.js';
import type { OpenAlert } from '../../src/alerts/index.js';
import type { FleetAgent, FleetSnapshot } from '../../src/fleet/index.js';
import type { RunRecord } from '../../src/journal/index.js';
import { initialState, reduce } from '../../src/console/state.js';
import type { Action, ConsoleState } from '../../src/console/state/types.js';
import { makeRunRecord } from '../support/run-record.js';

/** In-memory fleets for the reducer, selector and component tests: no disk, a fixed clock. */
export const NOW = Date.parse('2026-11-23T07:30:00.000Z');

export function run(agent: string, overrides: Partial<RunRecord> = {}): RunRecord {
  const started = overrides.started_at ?? new Date(NOW - 3_600_000).toISOString();
  return makeRunRecord({
    run_id: `${agent}-${started}`,
    agent,
    started_at: started,
    ended_at: new Date(Date.parse(started) + 42_000).toISOString(),
    duration_ms: 42_000,
    output_file: `outputs/${agent}/2026-11-23.md`,
    output_size_bytes: 340,
    tool_calls: ['Read'],
    llm_calls: 1,
    tokens: { input: 2100, output: 180 },
    cost_usd: 0.012,
    runner: 'claude',
    model: 'claude-haiku-4-5',
    ...overrides,
  });
}

export function alert(agent: string | null, overrides: Partial<OpenAlert> = {}): OpenAlert {
  return {
    key: `non_ok:${agent}`,
    rule: 'non_ok',
    agent,
    severity: 'critical',
    message: `${agent}: TIMEOUT`,
    opened_at: new Date(NOW - 7_200_000).toISOString(),
    last_sent_at: new Date(NOW - 7_200_000).toISOString(),
    sends: 1,
    ...overrides,
  };
}

function definition(name: string): AgentDefinition {
  return {
    name,
    file: `agents/${name}.md`,
    absolutePath: `/home/agents/${name}.md`,
    description: `${name} does a thing`,
    tools: ['Read'],
    writes: false,
    owner: 'aycee',
    timezone: 'Europe/Berlin',
    runner: { kind: 'claude', model: 'claude-haiku-4-5' },
    model: 'claude-haiku-4-5',
    limits: { time: 300_000, calls: 10, tool_calls: 50, cost_usd: 2, output_bytes: 102_400 },
    limitsSetInFile: [],
    budget: { monthly_usd: 5, warn_at: 0.8 },
    alerts: { output_drop: 0.5, failures_before_alert: 1 },
  } as unknown as AgentDefinition;
}

export function agent(name: string, overrides: Partial<FleetAgent> = {}): FleetAgent {
  const valid = overrides.valid ?? true;
  return {
    name,
    file: `agents/${name}.md`,
    valid,
    problem: valid ? null : `agents/${name}.md: trigger.cron: "61 * * * *" is not a valid cron expression`,
    problems: valid ? [] : ['bad cron'],
    faults: [],
    definition: valid ? definition(name) : null,
    owner: valid ? 'aycee' : null,
    description: valid ? `${name} does a thing` : null,
    trigger: valid ? 'every day at 23:00 Europe/Berlin' : 'invalid definition',
    triggerKind: valid ? 'cron' : null,
    operator: { state: 'enabled', reason: null, since: null, by: null, paused_until: null },
    display: valid ? 'enabled' : 'invalid',
    running: null,
    lastRun: valid ? run(name) : null,
    nextDue: valid ? new Date(NOW + 5 * 3_600_000).toISOString() : null,
    openAlerts: [],
    cost: { monthToDate: 1, budget: 5, fraction: 0.2, lastMonth: 1 },
    runsToday: 1,
    failureStreak: 0,
    ...overrides,
  } as FleetAgent;
}

export function snapshot(agents: FleetAgent[], overrides: Partial<FleetSnapshot> = {}): FleetSnapshot {
  return {
    generated_at: new Date(NOW).toISOString(),
    home: '/home',
    timezone: 'Europe/Berlin',
    month: '2026-11',
    global: { stopped: false, since: null, by: null, reason: null },
    scheduler: {
      state: 'up',
      pid: 1,
      started_at: new Date(NOW - 86_400_000).toISOString(),
      beat_at: new Date(NOW - 20_000).toISOString(),
    },
    totals: {
      agents: agents.length,
      invalid: agents.filter((a) => !a.valid).length,
      errors: agents.filter((a) => a.faults.length > 0).length,
      running: agents.filter((a) => a.running).length,
      monthToDate: agents.reduce((sum, a) => sum + a.cost.monthToDate, 0),
      runsToday: 3,
      openAlerts: agents.reduce((sum, a) => sum + a.openAlerts.length, 0),
    },
    agents,
    fleetAlerts: [],
    badLines: {},
    ...overrides,
  };
}

/** A small fleet with one of everything the table must tell apart. */
export function sampleFleet(): FleetAgent[] {
  return [
    agent('alpha'),
    agent('bravo', {
      lastRun: run('bravo', { status: 'TIMEOUT', reason: 'ran 300.0s, reaching the time limit of 5m' }),
      openAlerts: [alert('bravo')],
      cost: { monthToDate: 4.5, budget: 5, fraction: 0.9, lastMonth: 1 },
    }),
    agent('charlie', {
      operator: {
        state: 'paused',
        reason: 'migration',
        since: new Date(NOW - 86_400_000).toISOString(),
        by: 'jo',
        paused_until: null,
      },
      display: 'paused',
      nextDue: null,
    }),
    agent('delta', { valid: false }),
    agent('echo', {
      running: {
        run_id: 'r1',
        pid: 42,
        started_at: new Date(NOW - 65_000).toISOString(),
        elapsed_ms: 65_000,
        trigger: 'manual',
      },
      display: 'running',
      nextDue: new Date(NOW + 600_000).toISOString(),
    }),
    agent('foxtrot', {
      operator: {
        state: 'disabled',
        reason: 'broken',
        since: new Date(NOW - 86_400_000).toISOString(),
        by: 'sam',
        paused_until: null,
      },
      display: 'disabled',
      nextDue: null,
      cost: { monthToDate: 0, budget: null, fraction: null, lastMonth: 0 },
    }),
  ];
}

export function loaded(
  agents: FleetAgent[] = sampleFleet(),
  options: { readonly?: boolean; rows?: number; cols?: number; seed?: number } = {},
): ConsoleState {
  const start = initialState({
    now: NOW,
    cols: options.cols ?? 100,
    rows: options.rows ?? 30,
    readonly: options.readonly ?? false,
    noColor: false,
    home: '/home',
    seed: options.seed ?? 7,
  });
  return reduce({ ...start, pending: [] }, { type: 'fleet-loaded', snapshot: snapshot(agents) });
}

export function press(state: ConsoleState, ...keys: string[]): ConsoleState {
  return reduce(state, { type: 'keys', keys });
}

export function apply(state: ConsoleState, ...actions: Action[]): ConsoleState {
  return actions.reduce(reduce, state);
}

/** The effects the reducer asked for, and the state with them taken out (as the store does). */
export function takeEffects(state: ConsoleState): [ConsoleState, ConsoleState['pending']] {
  return [{ ...state, pending: [] }, state.pending];
}
