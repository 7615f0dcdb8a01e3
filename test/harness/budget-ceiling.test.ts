import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runAgent } from '../../src/harness/index.js';
import { appendRecord } from '../../src/journal/index.js';
import { SAMPLE_LOG } from '../../src/home/templates/example-agent.js';
import { pidsOfRun } from '../support/procs.js';
import { makeRunRecord } from '../support/run-record.js';
import { FAKE_CLAUDE } from '../support/runner-harness.js';
import { startMockServer } from '../support/mock-model-server.js';
import { makeHome, type TestHome } from './support/home.js';

/**
 * The per-run cost ceiling is never above what is left of the month's
 * budget, whichever runner reports the cost as it goes: the fake Claude
 * (real stream-json lines), the Anthropic API runner against the mock model
 * server, and a command printing its usage line after each call. The month is a fixed one (March 2026, UTC home), never today's.
 */
const MONTH_DAY = '2026-03-15T';
const NOW = new Date(`${MONTH_DAY}12:00:00.000Z`);

let home: TestHome;
beforeEach(async () => {
  home = await makeHome();
  await home.writeFile('log.txt', SAMPLE_LOG);
});
afterEach(async () => home.remove());

/** $0.98 of a $1 budget spent earlier in the month: $0.02 left, under the file's $2 per run. */
async function spentEarlier(usd: number): Promise<void> {
  await appendRecord(
    (await home.open()).paths.runsJournal,
    makeRunRecord({
      run_id: 'earlier',
      agent: 'agent',
      started_at: `${MONTH_DAY}08:00:00.000Z`,
      ended_at: `${MONTH_DAY}08:00:01.000Z`,
      duration_ms: 1000,
      cost_usd: usd,
    }),
  );
}

async function runWithNotes(env: NodeJS.ProcessEnv) {
  const notes: string[] = [];
  const record = await runAgent({
    agent: 'agent',
    home: await home.open(),
    env,
    now: () => NOW,
    onNote: (note) => notes.push(note),
  });
  expect(pidsOfRun(record.run_id)).toEqual([]);
  return { record, notes };
}

const LIMITS = { cost_usd: 2, calls: 100, tool_calls: 1000, time: '20s' };
const BUDGET = { monthly_usd: 1, warn_at: 0.8 };

describe('the budget lowers the cost ceiling of a run', () => {
  test('fake claude, runaway: COST_LIMIT at the $0.02 left, not at limits.cost_usd $2; the record says why', async () => {
    await spentEarlier(0.98);
    await home.writeAgent('agent', {
      tools: 'Read',
      input: { path: 'log.txt' },
      runner: { kind: 'claude', executable: FAKE_CLAUDE, model: 'claude-sonnet-4-5', max_turns: 1000 },
      limits: LIMITS,
      budget: BUDGET,
    });
    const { record, notes } = await runWithNotes({ ...process.env, FAKE_CLAUDE_SCENARIO: 'runaway' });
    expect(record).toMatchObject({ status: 'COST_LIMIT', limit_hit: { limit: 'cost_usd', max: 0.02 } });
    expect(record.limit_hit!.observed).toBeGreaterThan(0.02);
    // stopped at the first report over the ceiling: far below the file's own limit
    expect(record.cost_usd).toBeLessThan(0.1);
    expect(record.reason).toContain('limits.cost_usd $2 lowered to $0.02');
    expect(record.reason).toContain('of the $1 budget left this month');
    expect(notes.some((note) => note.startsWith('cost ceiling of this run is $0.02'))).toBe(true);
  });

  test('the anthropic runner, a model server that keeps calling tools: COST_LIMIT at the $0.02 left', async () => {
    const server = await startMockServer();
    try {
      await spentEarlier(0.98);
      await home.writeAgent('agent', {
        tools: 'Read',
        input: { path: 'log.txt' },
        runner: {
          kind: 'anthropic',
          model: 'claude-sonnet-4-5',
          base_url: server.anthropicBaseUrl('runaway'),
          api_key_env: 'ANTHROPIC_API_KEY',
        },
        limits: LIMITS,
        budget: BUDGET,
      });
      const { record } = await runWithNotes({ ...process.env, ANTHROPIC_API_KEY: 'sk-test-0123456789abcdef' });
      // $0.00708 a call: the third report ($0.02124) is the first over the ceiling
      expect(record).toMatchObject({ status: 'COST_LIMIT', llm_calls: 3, limit_hit: { limit: 'cost_usd', max: 0.02 } });
      expect(record.reason).toContain('limits.cost_usd $2 lowered to $0.02');
    } finally {
      await server.close();
    }
  });

  test('a command that prints its usage line as it goes is stopped at the lowered ceiling', async () => {
    await spentEarlier(0.9);
    // one usage line per "call", $0.03 more each time, forever
    const script =
      'let cost = 0; setInterval(() => { cost += 0.03; ' +
      'process.stderr.write(JSON.stringify({ nightshift: { llm_calls: 1, cost_usd: cost } }) + "\\n"); }, 20);';
    await home.writeAgent('agent', {
      runner: { kind: 'command', command: [process.execPath, '-e', script] },
      limits: LIMITS,
      budget: BUDGET,
    });
    const { record } = await runWithNotes(process.env);
    expect(record).toMatchObject({ status: 'COST_LIMIT', limit_hit: { limit: 'cost_usd', max: 0.1 } });
    expect(record.limit_hit!.observed).toBeCloseTo(0.12, 6);
    expect(record.reason).toContain('lowered to $0.1');
  });

  test('a budget with more left than limits.cost_usd changes nothing and says nothing', async () => {
    await spentEarlier(0.1);
    await home.writeAgent('agent', {
      runner: {
        kind: 'command',
        command: [
          process.execPath,
          '-e',
          'process.stderr.write(JSON.stringify({ nightshift: { cost_usd: 0.05 } }) + "\\n"); console.log("x\\nSTATUS: OK\\nEND_OF_RUN")',
        ],
      },
      limits: { ...LIMITS, cost_usd: 0.5 },
      budget: BUDGET,
    });
    const { record, notes } = await runWithNotes(process.env);
    expect(record).toMatchObject({ status: 'OK', cost_usd: 0.05 });
    expect(notes.filter((note) => note.includes('cost ceiling'))).toEqual([]);
  });
});
