import type { AgentDefinition } from '../agents/index.js';
import type { Rng } from './prng.js';
import { roundUsd } from '../shared/index.js';

/**
 * What one run of each demo agent looks like in numbers: how long it takes,
 * how big its input is, how many model and tool calls it makes, how many
 * tokens it burns. The ranges follow each runner's nature: the extractive
 * summarizer and the shell script are instant and free, the local 8B model is
 * free but slow, haiku costs cents, and Sonnet over a growing feed costs
 * dollars.
 */
export interface Tokens {
  input: number;
  output: number;
  cache_read?: number;
  cache_write?: number;
}

export interface Usage {
  durationMs: number;
  /** null when the input was never looked at (SKIPPED) */
  inputSize: number | null;
  llmCalls: number;
  toolCalls: string[];
  tokens: Tokens;
  exitCode: number | null;
  costBasis: 'reported' | 'table' | 'none';
}

export interface ProfileContext {
  rng: Rng;
  status: string;
  variant: string | null;
  /** the research feed carries the big listing from this run on */
  grownFeed: boolean;
  /** days since the feed grew (0 on the first day), for the slow climb of the feed's size */
  daysSinceGrowth: number;
}

/** USD per million tokens, as the built-in table and nightshift.yaml price these models. */
const PRICES: Record<string, { input: number; output: number; cache_write: number; cache_read: number }> = {
  'claude-haiku-4-5': { input: 1, output: 5, cache_write: 1.25, cache_read: 0.1 },
  'claude-sonnet-4-5': { input: 3, output: 15, cache_write: 3.75, cache_read: 0.3 },
  'llama3.1:8b': { input: 0, output: 0, cache_write: 0, cache_read: 0 },
};

export function costOf(model: string | undefined, tokens: Tokens): number {
  const price = model ? PRICES[model] : undefined;
  if (!price) return 0;
  const usd = (tokens.input * price.input + tokens.output * price.output + (tokens.cache_write ?? 0) * price.cache_write + (tokens.cache_read ?? 0) * price.cache_read) / 1e6;
  return roundUsd(usd);
}

/** Statuses the harness decides before any model call: no tokens, a few milliseconds. */
const PREFLIGHT = new Set(['EMPTY', 'TOO_LARGE']);

export function usageFor(agent: AgentDefinition, ctx: ProfileContext): Usage {
  const { rng, status } = ctx;
  const none: Usage = { durationMs: rng.int(2, 9), inputSize: null, llmCalls: 0, toolCalls: [], tokens: { input: 0, output: 0 }, exitCode: null, costBasis: 'none' };
  if (status === 'SKIPPED') return none;
  if (PREFLIGHT.has(status)) return { ...none, durationMs: rng.int(3, 40), inputSize: preflightSize(agent, ctx) };

  switch (agent.name) {
    case 'nightly-summarizer':
      return { ...none, durationMs: rng.int(240, 1400), inputSize: rng.int(640, 2600) };
    case 'queue-depth-responder':
      return { ...none, durationMs: rng.int(380, 2400), inputSize: rng.int(101, 290) * 47, exitCode: 0 };
    case 'error-log-watcher':
      return errorLogUsage(ctx);
    default:
      return claudeUsage(agent, ctx);
  }
}

function preflightSize(agent: AgentDefinition, ctx: ProfileContext): number {
  if (ctx.status === 'EMPTY') return 0;
  const max = agent.input?.maxBytes ?? 1024 * 1024;
  return Math.round(max * ctx.rng.float(1.8, 7.5));
}

function errorLogUsage(ctx: ProfileContext): Usage {
  const { rng } = ctx;
  const base: Usage = {
    durationMs: ctx.variant === 'slow' ? rng.int(64_000, 76_000) : rng.int(11_000, 58_000),
    inputSize: rng.int(3_000, 180_000),
    llmCalls: rng.int(2, 4),
    toolCalls: ['read_input'],
    tokens: { input: rng.int(3_100, 9_400), output: rng.int(240, 720) },
    exitCode: null,
    costBasis: 'table',
  };
  if (ctx.variant === 'ollama-down') return { ...base, durationMs: rng.int(8, 60), llmCalls: 0, toolCalls: [], tokens: { input: 0, output: 0 } };
  if (ctx.status === 'OUTPUT_LIMIT') return { ...base, durationMs: rng.int(95_000, 130_000), llmCalls: 1, tokens: { input: rng.int(4_000, 6_000), output: 16_384 } };
  return base;
}

/** The claude runner: a cached system prompt and tool list, the input read in one or more chunks. */
function claudeUsage(agent: AgentDefinition, ctx: ProfileContext): Usage {
  const { rng } = ctx;
  const shape = CLAUDE_SHAPES[agent.name] ?? CLAUDE_SHAPES['release-notes-drafter']!;
  let calls = rng.int(shape.calls[0], shape.calls[1]);
  let input = rng.int(shape.input[0], shape.input[1]);
  let output = rng.int(shape.output[0], shape.output[1]);
  let inputSize = rng.int(shape.inputSize[0], shape.inputSize[1]);
  let duration = rng.int(shape.seconds[0], shape.seconds[1]) * 1000 + rng.int(0, 999);

  if (agent.name === 'research-digest' && ctx.grownFeed) {
    // The cs.LG listing more than doubled the feed, and it keeps growing.
    const growth = 1 + ctx.daysSinceGrowth * 0.05;
    calls = Math.min(rng.int(9, 16) + Math.floor(ctx.daysSinceGrowth / 4), 22);
    input = Math.round(rng.int(160_000, 210_000) * growth);
    output = Math.round(rng.int(5_500, 8_000) * growth);
    inputSize = Math.round(rng.int(120_000, 150_000) * growth);
    duration = Math.round(rng.int(170, 260) * growth * 1000);
  }
  if (ctx.variant === 'storm' || ctx.variant === 'flood') {
    // A 2-3 MB export is most of a million tokens; a flood that times out has read only part of it.
    calls = rng.int(12, 18);
    input = ctx.variant === 'storm' ? rng.int(560_000, 720_000) : rng.int(300_000, 380_000);
    output = rng.int(5_500, 8_500);
    inputSize = rng.int(2_100_000, 3_400_000);
    duration = rng.int(185, 262) * 1000;
  }
  const reads = Math.max(1, Math.min(calls - 1, Math.ceil(inputSize / 250_000)));
  const toolCalls = [...Array.from({ length: reads }, () => 'Read'), ...(shape.extraTools ?? [])];
  return {
    durationMs: duration,
    inputSize,
    llmCalls: calls,
    toolCalls,
    tokens: { input, output, cache_read: calls * rng.int(9_000, 12_500), cache_write: rng.int(4_200, 7_800) },
    exitCode: 0,
    costBasis: 'reported',
  };
}

interface ClaudeShape {
  calls: [number, number];
  input: [number, number];
  output: [number, number];
  inputSize: [number, number];
  seconds: [number, number];
  extraTools?: string[];
}

const CLAUDE_SHAPES: Record<string, ClaudeShape> = {
  'weekly-metrics': { calls: [3, 6], input: [1_400, 3_800], output: [1_200, 2_300], inputSize: [1_250, 1_480], seconds: [48, 150] },
  'inbox-digest': { calls: [3, 7], input: [9_000, 31_000], output: [1_500, 2_900], inputSize: [55_000, 260_000], seconds: [52, 170] },
  'research-digest': { calls: [4, 8], input: [15_000, 24_000], output: [1_700, 2_600], inputSize: [34_000, 61_000], seconds: [70, 150], extraTools: ['Grep'] },
  'ticket-monitor': { calls: [2, 4], input: [4_000, 9_000], output: [600, 1_200], inputSize: [18_000, 72_000], seconds: [18, 55] },
  'sales-pipeline': { calls: [3, 7], input: [6_000, 14_000], output: [900, 1_800], inputSize: [70_000, 95_000], seconds: [40, 120], extraTools: ['Bash'] },
  'release-notes-drafter': { calls: [3, 6], input: [5_000, 11_000], output: [1_100, 2_000], inputSize: [4_000, 14_000], seconds: [60, 160] },
};
