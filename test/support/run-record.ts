import type { RunRecord } from '../../src/journal/records.js';

/**
 * A complete, valid run record (every field of DESIGN §3): the given fields
 * over plain defaults. Each room's test support adds the defaults its tests
 * read (a runner, costs, output sizes).
 */
export function makeRunRecord(
  fields: Pick<RunRecord, 'run_id' | 'agent' | 'started_at' | 'ended_at' | 'duration_ms'> & Partial<RunRecord>,
): RunRecord {
  return {
    v: 1,
    trigger: 'cron',
    status: 'OK',
    reason: null,
    limit_hit: null,
    input_file: null,
    input_size_bytes: null,
    output_file: null,
    output_size_bytes: 0,
    tool_calls: [],
    llm_calls: 0,
    tokens: { input: 0, output: 0 },
    cost_usd: 0,
    runner: 'command',
    model: null,
    exit_code: 0,
    prompt_sha256: null,
    definition_sha256: null,
    host: 'test',
    version: '0.1.0',
    ...fields,
  };
}
