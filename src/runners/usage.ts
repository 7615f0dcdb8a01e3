import type { CostBasis, RunnerOutcome, RunnerUsage, Tokens } from './types.js';

export function zeroTokens(): Tokens {
  return { input: 0, output: 0, cache_read: 0, cache_write: 0 };
}

export function addTokens(a: Tokens, b: Tokens): Tokens {
  return {
    input: a.input + b.input,
    output: a.output + b.output,
    cache_read: a.cache_read + b.cache_read,
    cache_write: a.cache_write + b.cache_write,
  };
}

export function emptyUsage(costBasis: CostBasis = 'none'): RunnerUsage {
  return { llmCalls: 0, toolCalls: [], tokens: zeroTokens(), costUsd: 0, costBasis };
}

/** A runner that could not do its work at all: no usage, no process, and why. */
export function failedOutcome(reason: string): RunnerOutcome {
  return { usage: emptyUsage(), exitCode: null, signal: null, completed: false, reason };
}

/** Listeners get a copy: a harness that keeps a reference must not see it change under it. */
export function snapshotUsage(usage: RunnerUsage): RunnerUsage {
  return { ...usage, toolCalls: [...usage.toolCalls], tokens: { ...usage.tokens } };
}

/** A non-negative finite number, else 0: usage fields come from other programs' JSON. */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
