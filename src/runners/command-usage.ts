import { costOf, priceFor } from './prices.js';
import type { PriceTable, RunnerUsage, Tokens } from './types.js';
import { count, zeroTokens } from './usage.js';

/**
 * The one documented way a `command` runner reports usage: a JSON line on
 * stderr,
 *
 *   {"nightshift":{"llm_calls":2,"tool_calls":["Read"],"tokens":{"input":100,"output":20},"cost_usd":0.01,"model":"x"}}
 *
 * Values are cumulative for the run: each such line replaces the previous one.
 * Every field is optional. tokens may hold input, output, cache_read and
 * cache_write. Without cost_usd, tokens are priced with the price table
 * (model: the line's, else the agent's).
 */
export interface UsageLine {
  llmCalls?: number;
  toolCalls?: string[];
  tokens?: Tokens;
  costUsd?: number;
  model?: string;
}

export function parseUsageLine(line: string): UsageLine | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{') || !trimmed.includes('"nightshift"')) return null;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const body = (value as Record<string, unknown>).nightshift;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const fields = body as Record<string, unknown>;
  const usage: UsageLine = {};
  if (typeof fields.llm_calls === 'number') usage.llmCalls = Math.floor(count(fields.llm_calls));
  if (Array.isArray(fields.tool_calls))
    usage.toolCalls = fields.tool_calls.map((name) => (typeof name === 'string' ? name : 'unknown'));
  if (typeof fields.tokens === 'object' && fields.tokens !== null) {
    const t = fields.tokens as Record<string, unknown>;
    usage.tokens = {
      input: count(t.input),
      output: count(t.output),
      cache_read: count(t.cache_read),
      cache_write: count(t.cache_write),
    };
  }
  if (typeof fields.cost_usd === 'number' && Number.isFinite(fields.cost_usd) && fields.cost_usd >= 0)
    usage.costUsd = fields.cost_usd;
  if (typeof fields.model === 'string' && fields.model.length > 0) usage.model = fields.model;
  return usage;
}

export function usageFromLine(line: UsageLine, prices: PriceTable, agentModel: string | undefined): RunnerUsage {
  const tokens = line.tokens ?? zeroTokens();
  const model = line.model ?? agentModel;
  const base = { llmCalls: line.llmCalls ?? 0, toolCalls: line.toolCalls ?? [], tokens };
  if (line.costUsd !== undefined)
    return { ...base, costUsd: line.costUsd, costBasis: 'reported', ...(model ? { pricedModel: model } : {}) };
  if (line.tokens) {
    const lookup = priceFor(prices, model);
    return { ...base, costUsd: costOf(tokens, lookup.price), costBasis: lookup.basis, pricedModel: lookup.model };
  }
  return { ...base, costUsd: 0, costBasis: 'none' };
}
