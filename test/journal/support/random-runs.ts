import type { RunRecord, RunStatus } from '../../../src/journal/records.js';
import { RUN_STATUSES } from '../../../src/journal/records.js';

/** Seeded generator (mulberry32): every failure reproduces. */
export { mulberry32 as seeded } from '../../../src/shared/prng.js';

export function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

export function makeRun(random: () => number, overrides: Partial<RunRecord> = {}): RunRecord {
  const ended =
    overrides.ended_at ?? new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 90 * 86_400_000)).toISOString();
  const duration = Math.floor(random() * 100_000);
  const status: RunStatus = random() < 0.6 ? 'OK' : random() < 0.3 ? 'SKIPPED' : pick(random, RUN_STATUSES);
  const run: RunRecord = {
    v: 1,
    run_id: `r-${Math.floor(random() * 1e12).toString(36)}`,
    agent: pick(random, ['alpha', 'beta', 'gamma-2', 'delta']),
    trigger: pick(random, ['cron', 'manual', 'watch']),
    started_at: new Date(Date.parse(ended) - duration).toISOString(),
    ended_at: ended,
    duration_ms: duration,
    status,
    reason: status === 'SKIPPED' ? pick(random, ['paused', 'budget', 'overlap']) : null,
    limit_hit: status === 'TIMEOUT' ? { limit: 'time', max: 300_000, observed: 300_100 } : null,
    input_file: random() < 0.8 ? '/tmp/in.txt' : null,
    input_size_bytes: random() < 0.8 ? Math.floor(random() * 50_000) : null,
    output_file: status === 'OK' ? 'outputs/x/2026-01-01.md' : null,
    output_size_bytes: status === 'OK' ? Math.floor(random() * 5000) : 0,
    tool_calls: random() < 0.5 ? ['Read'] : [],
    llm_calls: Math.floor(random() * 5),
    tokens:
      random() < 0.5
        ? { input: Math.floor(random() * 5000), output: Math.floor(random() * 500) }
        : { input: 10, output: 2, cache_read: 400 },
    cost_usd: Math.round(random() * 100_000) / 1_000_000,
    cost_basis: random() < 0.5 ? 'reported' : undefined,
    runner: 'claude',
    model: 'claude-haiku-4-5',
    exit_code: status === 'OK' ? 0 : random() < 0.5 ? 1 : null,
    // from the duration, not from `random`: the seeded sequences other tests rely on stay as they were
    containment: ([undefined, null, 'cgroup', 'sweep'] as const)[duration % 4],
    prompt_sha256: 'a'.repeat(64),
    definition_sha256: null,
    host: 'box',
    version: '0.1.0',
    ...overrides,
  };
  if (run.cost_basis === undefined) delete run.cost_basis;
  if (run.containment === undefined) delete run.containment;
  return run;
}

/**
 * A line for a journal as writers other than appendRunRecord might write it:
 * mostly canonical, sometimes with keys reordered, whitespace, escapes,
 * unknown keys or an exponent, all still valid records.
 */
export function lineFor(random: () => number, run: RunRecord): string {
  const roll = random();
  if (roll < 0.75) return JSON.stringify(run);
  if (roll < 0.8) return JSON.stringify(Object.fromEntries(Object.entries(run).reverse()));
  if (roll < 0.85) return JSON.stringify(run, null, 1).replaceAll('\n', ' ');
  if (roll < 0.9) return JSON.stringify({ ...run, reason: 'said "no"\\ here ünïcode 🌙' });
  if (roll < 0.95) return JSON.stringify({ ...run, extra_field: { nested: true } });
  return JSON.stringify(run).replace(/"cost_usd":[0-9.e-]+/, '"cost_usd":1e-7');
}

/** Lines that are not run records, of every kind a reader must survive. */
export function badLine(random: () => number): string {
  const run = makeRun(random);
  return pick(random, [
    'garbage',
    '{"v":1,',
    JSON.stringify({ ...run, status: 'MAYBE' }),
    JSON.stringify({ ...run, cost_usd: '0.1' }),
    JSON.stringify({ ...run, ended_at: 'yesterday-ish' }),
    JSON.stringify({ ...run, llm_calls: 1.5 }),
    JSON.stringify({ ...run, agent: '' }),
    '[1,2,3]',
    'null',
    JSON.stringify(run).replace('"cost_usd":', '"cost_usd":1e999,"x":'),
    `${JSON.stringify(run)} trailing`,
  ]);
}
