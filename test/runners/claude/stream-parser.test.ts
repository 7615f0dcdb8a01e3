import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { judgeClaudeRun } from '../../../src/runners/claude/outcome.js';
import { ClaudeStreamParser } from '../../../src/runners/claude/stream-parser.js';
import { buildPriceTable } from '../../../src/runners/prices.js';
import { CAPTURES_DIR } from '../../support/runner-harness.js';

function parse(file: string): ClaudeStreamParser {
  const parser = new ClaudeStreamParser(buildPriceTable());
  for (const line of readFileSync(`${CAPTURES_DIR}${file}`, 'utf8').split('\n')) parser.push(line);
  return parser;
}

const exit = (code: number | null) => ({ code, signal: null });

// Expected numbers, worked out by hand from the capture files:
// every captured model call is claude-sonnet-4-5 with 1200 input, 300 cache-write,
// 5000 cache-read tokens; assistant lines carry output_tokens 1 (the message_start
// snapshot), the final count 57 only arrives in message_delta (partial.jsonl) or the
// result's modelUsage. Estimate per call without message_delta:
//   1200·3 + 300·3.75 + 5000·0.30 + 1·15 = 6240 → $0.00624
// with message_delta (57 output): 1200·3 + 300·3.75 + 5000·0.30 + 57·15 = 7080 → $0.00708
describe('ClaudeStreamParser on the real 2.1.330 captures', () => {
  test('stream.jsonl: 2 calls (msg_01Mock35, msg_01Mock36), 1 Bash, cost from the result', () => {
    const p = parse('stream.jsonl');
    expect(p.runningUsage()).toMatchObject({
      llmCalls: 2,
      toolCalls: ['Bash'],
      tokens: { input: 2400, cache_write: 600, cache_read: 10000, output: 2 },
      costBasis: 'table',
      pricedModel: 'claude-sonnet-4-5',
    });
    // the running figure is max(estimate 0.01248, reported 0.01416) once a result was seen
    expect(p.runningUsage().costUsd).toBeCloseTo(0.01416, 10);
    expect(p.finalUsage()).toEqual({
      llmCalls: 2,
      toolCalls: ['Bash'],
      tokens: { input: 2400, output: 114, cache_read: 10000, cache_write: 600 },
      costUsd: 0.01416,
      costBasis: 'reported',
      pricedModel: 'claude-sonnet-4-5',
    });
    expect(p.lastResult()).toMatchObject({
      isError: false,
      subtype: 'success',
      text: 'The tool finished. Done.',
      resultIndex: 0,
    });
    expect(p.stats).toMatchObject({ lines: 6, malformed: 0, results: 1, synthetic: 0 });
    expect(judgeClaudeRun(p.lastResult(), exit(0), p.stats, false)).toEqual({ completed: true });
  });

  test('stream.jsonl: the estimate before the result line is 2 × $0.00624', () => {
    const parser = new ClaudeStreamParser(buildPriceTable());
    const lines = readFileSync(`${CAPTURES_DIR}stream.jsonl`, 'utf8').trim().split('\n');
    for (const line of lines.slice(0, 5)) parser.push(line);
    expect(parser.runningUsage().costUsd).toBeCloseTo(0.01248, 10);
    expect(parser.finalUsage().costBasis).toBe('table');
  });

  test('partial.jsonl: message_delta gives the final 57 output tokens, so the estimate equals the CLI cost', () => {
    const p = parse('partial.jsonl');
    const lines = readFileSync(`${CAPTURES_DIR}partial.jsonl`, 'utf8').trim().split('\n');
    const beforeResult = new ClaudeStreamParser(buildPriceTable());
    for (const line of lines.slice(0, -1)) beforeResult.push(line);
    expect(beforeResult.runningUsage()).toMatchObject({
      llmCalls: 2,
      toolCalls: ['Bash'],
      tokens: { input: 2400, output: 114, cache_read: 10000, cache_write: 600 },
    });
    expect(beforeResult.runningUsage().costUsd).toBeCloseTo(0.01416, 10);
    expect(p.finalUsage()).toMatchObject({ llmCalls: 2, toolCalls: ['Bash'], costUsd: 0.01416, costBasis: 'reported' });
    expect(p.stats).toMatchObject({ lines: 23, malformed: 0, results: 1 });
  });

  test('maxturns.jsonl: 1 call, 1 Bash, error_max_turns → not completed, "stopped at max turns"', () => {
    const p = parse('maxturns.jsonl');
    expect(p.finalUsage()).toMatchObject({
      llmCalls: 1,
      toolCalls: ['Bash'],
      costUsd: 0.00708,
      costBasis: 'reported',
      tokens: { input: 1200, output: 57, cache_read: 5000, cache_write: 300 },
    });
    expect(judgeClaudeRun(p.lastResult(), exit(1), p.stats, false)).toEqual({
      completed: false,
      reason: 'claude stopped at max turns: Reached maximum number of turns (1)',
    });
  });

  test('budget.jsonl: usage is zeroed in the result, modelUsage is not; cost 0.00708', () => {
    const p = parse('budget.jsonl');
    expect(p.finalUsage()).toMatchObject({
      llmCalls: 1,
      toolCalls: ['Bash'],
      costUsd: 0.00708,
      tokens: { input: 1200, output: 57, cache_read: 5000, cache_write: 300 },
    });
    expect(judgeClaudeRun(p.lastResult(), exit(1), p.stats, false)).toEqual({
      completed: false,
      reason: 'claude stopped at its --max-budget-usd: Reached maximum budget ($0.001)',
    });
  });

  test('denied.jsonl: a permission denial still ends in success; 2 calls, 1 Bash', () => {
    const p = parse('denied.jsonl');
    expect(p.finalUsage()).toMatchObject({ llmCalls: 2, toolCalls: ['Bash'], costUsd: 0.01416 });
    expect(judgeClaudeRun(p.lastResult(), exit(0), p.stats, false).completed).toBe(true);
  });

  test('apierr400.jsonl: the <synthetic> message is no model call; is_error → the API error text', () => {
    const p = parse('apierr400.jsonl');
    expect(p.finalUsage()).toEqual({
      llmCalls: 0,
      toolCalls: [],
      tokens: { input: 0, output: 0, cache_read: 0, cache_write: 0 },
      costUsd: 0,
      costBasis: 'reported',
      // no call was priced; the model named by the init line is what would have been
      pricedModel: 'claude-sonnet-4-5',
    });
    expect(p.stats.synthetic).toBe(1);
    expect(judgeClaudeRun(p.lastResult(), exit(1), p.stats, false)).toEqual({
      completed: false,
      reason: 'claude reported is_error: API Error: 400 mock error 400',
    });
  });

  test('sigTERM.jsonl: only the init line → no result, never completed', () => {
    const p = parse('sigTERM.jsonl');
    expect(p.finalUsage()).toMatchObject({
      llmCalls: 0,
      toolCalls: [],
      costUsd: 0,
      costBasis: 'table',
      pricedModel: 'claude-sonnet-4-5',
    });
    expect(judgeClaudeRun(p.lastResult(), exit(143), p.stats, false)).toEqual({
      completed: false,
      reason: 'claude ended without a result line (exit 143)',
    });
    expect(judgeClaudeRun(p.lastResult(), exit(0), p.stats, false)).toEqual({
      completed: false,
      reason: 'claude ended without a result line (exit 0)',
    });
  });
});

describe('ClaudeStreamParser on constructed lines', () => {
  const assistant = (id: string, content: unknown[], extra: Record<string, unknown> = {}, model = 'claude-haiku-4-5') =>
    JSON.stringify({
      message: {
        content,
        usage: { output_tokens: 3, cache_read_input_tokens: 0, input_tokens: 100, cache_creation_input_tokens: 0 },
        model,
        id,
      },
      ...extra,
      type: 'assistant',
    });

  test('key order does not matter, and garbage is counted, never fatal', () => {
    const p = new ClaudeStreamParser(buildPriceTable());
    const lines = [
      'not json',
      '{"type":"assistant"',
      '[1,2]',
      'null',
      '"text"',
      '{"type":"assistant","message":null}',
      '',
      '   ',
      assistant('m1', [{ type: 'text', text: 'hi' }]),
    ];
    for (const line of lines) p.push(line);
    expect(p.stats.malformed).toBe(6);
    expect(p.runningUsage().llmCalls).toBe(1);
  });

  test('subagent lines (parent_tool_use_id set) count as calls and their tools as tool calls', () => {
    const p = new ClaudeStreamParser(buildPriceTable());
    p.push(assistant('main1', [{ type: 'tool_use', id: 't1', name: 'Agent', input: {} }]));
    p.push(assistant('sub1', [{ type: 'tool_use', id: 't2', name: 'Read', input: {} }], { parent_tool_use_id: 't1' }));
    p.push(assistant('sub2', [{ type: 'text', text: 'report' }], { parent_tool_use_id: 't1' }));
    p.push(assistant('main2', [{ type: 'text', text: 'done' }]));
    expect(p.runningUsage()).toMatchObject({ llmCalls: 4, toolCalls: ['Agent', 'Read'] });
  });

  test('a repeated tool_use block is one tool call; a repeated message id is one model call', () => {
    const p = new ClaudeStreamParser(buildPriceTable());
    const line = assistant('m1', [{ type: 'tool_use', id: 't1', name: 'Read', input: {} }]);
    p.push(line);
    p.push(line);
    expect(p.runningUsage()).toMatchObject({ llmCalls: 1, toolCalls: ['Read'] });
  });

  test('push() says when usage changed, so the runner reports only changes', () => {
    const p = new ClaudeStreamParser(buildPriceTable());
    expect(p.push('{"type":"system","subtype":"init","model":"claude-haiku-4-5"}')).toBe(false);
    expect(p.push(assistant('m1', [{ type: 'text', text: 'a' }]))).toBe(true);
    expect(p.push(assistant('m1', [{ type: 'text', text: 'b' }]))).toBe(false);
    expect(p.push('{"type":"user","message":{"role":"user","content":[]}}')).toBe(false);
  });

  test('an unknown model is priced at the fallback and says so', () => {
    const p = new ClaudeStreamParser(buildPriceTable());
    p.push(assistant('m1', [], {}, 'claude-nonexistent-9'));
    expect(p.runningUsage()).toMatchObject({ costBasis: 'fallback', pricedModel: 'claude-nonexistent-9' });
    // claude-opus-5 rates: 100 input · $5 + 3 output · $25 per 1e6
    expect(p.runningUsage().costUsd).toBeCloseTo((100 * 5 + 3 * 25) / 1e6, 12);
  });

  test('two results: the LAST one counts, never the sum', () => {
    const p = new ClaudeStreamParser(buildPriceTable());
    const result = (index: number, text: string) =>
      JSON.stringify({
        total_cost_usd: 0.021712,
        is_error: false,
        subtype: 'success',
        result: text,
        result_index: index,
        type: 'result',
        modelUsage: {},
      });
    p.push(assistant('m1', [{ type: 'text', text: 'a' }]));
    p.push(result(0, 'first'));
    p.push(assistant('m2', [{ type: 'text', text: 'b' }]));
    p.push(result(1, 'second'));
    expect(p.finalUsage().costUsd).toBe(0.021712);
    expect(p.lastResult()).toMatchObject({ text: 'second', resultIndex: 1 });
    expect(p.stats.results).toBe(2);
  });
});
