import { costOf, priceFor } from '../prices.js';
import { roundTokenUsd } from '../../shared/index.js';
import type { PriceTable, RunnerUsage, Tokens, ToolCallSeen } from '../types.js';
import { count, snapshotUsage, zeroTokens } from '../usage.js';

/**
 * Reads Claude Code's `--output-format stream-json --verbose` output (2.1.330,
 * shared/notes/agent-clis.md §1) one line at a time. Pure: no I/O, no clock.
 *
 * - A line is parsed as JSON, never matched by prefix: key order varies between
 *   versions. Malformed lines are counted and skipped.
 * - Model calls are distinct `message.id`s over `assistant` lines, except
 *   `model: "<synthetic>"` (an API error the CLI reports as a message).
 *   Subagent lines (parent_tool_use_id set) count too.
 * - Tool calls are `tool_use` blocks in assistant lines.
 * - The running cost is estimated from the price table: input and cache
 *   tokens from the first assistant line of each message (they are final
 *   there), output tokens from the largest count seen on its lines or in a
 *   `stream_event` message_delta (final, with --include-partial-messages).
 * - The final cost is the LAST `result` line's total_cost_usd: each result
 *   carries the running total, so results are never summed.
 */
export interface ClaudeResult {
  isError: boolean;
  subtype: string;
  /** the final answer (or, with is_error, the error text) */
  text?: string;
  totalCostUsd?: number;
  /** summed over modelUsage; undefined when the result has no modelUsage */
  tokens?: Tokens;
  /** the model with the largest share of the reported cost */
  model?: string;
  errors: string[];
  terminalReason?: string;
  apiErrorStatus?: number;
  resultIndex?: number;
}

export interface ClaudeStreamStats {
  lines: number;
  malformed: number;
  /** lines dropped by the reader for being too long (reported by the caller) */
  oversize: number;
  results: number;
  synthetic: number;
}

interface MessageTally {
  model?: string;
  counted: boolean;
  tokens: Tokens;
  costUsd: number;
  fallback: boolean;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export class ClaudeStreamParser {
  readonly stats: ClaudeStreamStats = { lines: 0, malformed: 0, oversize: 0, results: 0, synthetic: 0 };
  private readonly messages = new Map<string, MessageTally>();
  /** the message a bare message_delta belongs to, per parent_tool_use_id */
  private readonly openMessage = new Map<string, string>();
  private readonly toolUseIds = new Set<string>();
  private readonly toolCalls: string[] = [];
  /** tool calls seen since the last takeToolCalls(), with their inputs (for the live view) */
  private newTools: ToolCallSeen[] = [];
  private llmCalls = 0;
  private tokens: Tokens = zeroTokens();
  private estimateUsd = 0;
  private usedFallback = false;
  private lastModel: string | undefined;
  private initModel: string | undefined;
  private last: ClaudeResult | undefined;

  constructor(private readonly prices: PriceTable) {}

  /** One stdout line. True when the usage changed (so it is worth reporting). */
  push(line: string): boolean {
    if (line.trim().length === 0) return false;
    this.stats.lines += 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.stats.malformed += 1;
      return false;
    }
    if (!isObject(value)) {
      this.stats.malformed += 1;
      return false;
    }
    switch (value.type) {
      case 'system':
        if (value.subtype === 'init' && typeof value.model === 'string') this.initModel = value.model;
        return false;
      case 'assistant':
        return this.assistant(value);
      case 'stream_event':
        return this.streamEvent(value);
      case 'result':
        this.result(value);
        return true;
      default:
        return false;
    }
  }

  /** The reader dropped a line that was too long to hold. */
  noteOversizeLine(): void {
    this.stats.lines += 1;
    this.stats.oversize += 1;
  }

  /** The tool calls seen since the last call, in order, with their inputs; emptied. */
  takeToolCalls(): ToolCallSeen[] {
    const taken = this.newTools;
    this.newTools = [];
    return taken;
  }

  lastResult(): ClaudeResult | undefined {
    return this.last;
  }

  /** What the stream shows so far, cost estimated from the price table. */
  runningUsage(): RunnerUsage {
    // a result already seen is a floor: the CLI's own total so far
    const reported = this.last?.totalCostUsd ?? 0;
    return snapshotUsage({
      llmCalls: this.llmCalls,
      toolCalls: this.toolCalls,
      tokens: this.tokens,
      costUsd: roundTokenUsd(Math.max(this.estimateUsd, reported)),
      costBasis: this.usedFallback ? 'fallback' : 'table',
      ...(this.pricedModel() ? { pricedModel: this.pricedModel() } : {}),
    });
  }

  /** The figures for the record: the last result's cost and tokens when there is one, else the estimate. */
  finalUsage(): RunnerUsage {
    const running = this.runningUsage();
    const result = this.last;
    if (!result || result.totalCostUsd === undefined) return running;
    const model = result.model ?? running.pricedModel;
    return snapshotUsage({
      llmCalls: this.llmCalls,
      toolCalls: this.toolCalls,
      tokens: result.tokens ?? this.tokens,
      costUsd: result.totalCostUsd,
      costBasis: 'reported',
      ...(model ? { pricedModel: model } : {}),
    });
  }

  private pricedModel(): string | undefined {
    return this.lastModel ?? this.initModel;
  }

  private assistant(line: Json): boolean {
    const message = line.message;
    if (!isObject(message)) {
      this.stats.malformed += 1;
      return false;
    }
    const model = text(message.model);
    if (model === '<synthetic>') {
      this.stats.synthetic += 1;
      return false;
    }
    const id = text(message.id);
    let changed = false;
    if (id !== undefined) {
      const tally = this.tally(id, model);
      const usage = isObject(message.usage) ? message.usage : {};
      if (!tally.counted) {
        tally.counted = true;
        this.llmCalls += 1;
        if (model) tally.model = model;
        tally.tokens = {
          input: count(usage.input_tokens),
          cache_write: count(usage.cache_creation_input_tokens),
          cache_read: count(usage.cache_read_input_tokens),
          output: Math.max(tally.tokens.output, count(usage.output_tokens)),
        };
        this.addToTotals(tally, zeroTokens(), 0);
        changed = true;
      } else {
        changed = this.raiseOutput(tally, count(usage.output_tokens)) || changed;
      }
      if (tally.model) this.lastModel = tally.model;
    }
    const content = Array.isArray(message.content) ? message.content : [];
    content.forEach((block, index) => {
      if (!isObject(block) || block.type !== 'tool_use') return;
      const key = text(block.id) ?? `${id ?? 'no-id'}#${index}#${this.stats.lines}`;
      if (this.toolUseIds.has(key)) return;
      this.toolUseIds.add(key);
      this.toolCalls.push(text(block.name) ?? 'unknown');
      this.newTools.push({ name: text(block.name) ?? 'unknown', input: block.input });
      changed = true;
    });
    return changed;
  }

  private streamEvent(line: Json): boolean {
    const event = line.event;
    if (!isObject(event)) return false;
    const scope = text(line.parent_tool_use_id) ?? '';
    if (event.type === 'message_start' && isObject(event.message)) {
      const id = text(event.message.id);
      if (id === undefined) return false;
      this.openMessage.set(scope, id);
      const model = text(event.message.model);
      if (model !== '<synthetic>') this.tally(id, model);
      return false;
    }
    if (event.type === 'message_delta' && isObject(event.usage)) {
      const id = text(line.api_message_id) ?? this.openMessage.get(scope);
      if (id === undefined) return false;
      const tally = this.messages.get(id);
      if (!tally) return false;
      return this.raiseOutput(tally, count(event.usage.output_tokens));
    }
    return false;
  }

  private result(line: Json): void {
    this.stats.results += 1;
    const modelUsage = isObject(line.modelUsage) ? line.modelUsage : undefined;
    let tokens: Tokens | undefined;
    let topModel: string | undefined;
    let topCost = -1;
    if (modelUsage) {
      tokens = zeroTokens();
      for (const [model, usage] of Object.entries(modelUsage)) {
        if (!isObject(usage)) continue;
        tokens.input += count(usage.inputTokens);
        tokens.output += count(usage.outputTokens);
        tokens.cache_read += count(usage.cacheReadInputTokens);
        tokens.cache_write += count(usage.cacheCreationInputTokens);
        const cost = count(usage.costUSD);
        if (cost > topCost) {
          topCost = cost;
          topModel = model;
        }
      }
    }
    const cost = line.total_cost_usd;
    this.last = {
      isError: line.is_error === true,
      subtype: text(line.subtype) ?? 'unknown',
      ...(text(line.result) !== undefined ? { text: text(line.result) } : {}),
      ...(typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 ? { totalCostUsd: cost } : {}),
      ...(tokens ? { tokens } : {}),
      ...(topModel ? { model: topModel } : {}),
      errors: Array.isArray(line.errors) ? line.errors.filter((e): e is string => typeof e === 'string') : [],
      ...(text(line.terminal_reason) ? { terminalReason: text(line.terminal_reason) } : {}),
      ...(typeof line.api_error_status === 'number' ? { apiErrorStatus: line.api_error_status } : {}),
      ...(typeof line.result_index === 'number' ? { resultIndex: line.result_index } : {}),
    };
  }

  private tally(id: string, model: string | undefined): MessageTally {
    let tally = this.messages.get(id);
    if (!tally) {
      tally = { counted: false, tokens: zeroTokens(), costUsd: 0, fallback: false, ...(model ? { model } : {}) };
      this.messages.set(id, tally);
    }
    return tally;
  }

  private raiseOutput(tally: MessageTally, output: number): boolean {
    if (output <= tally.tokens.output) return false;
    const before = { ...tally.tokens };
    const beforeCost = tally.costUsd;
    tally.tokens.output = output;
    if (!tally.counted) return false;
    this.addToTotals(tally, before, beforeCost);
    return true;
  }

  /** Re-prices one message and moves the totals by the difference: O(1) per line, however long the run. */
  private addToTotals(tally: MessageTally, before: Tokens, beforeCost: number): void {
    const lookup = priceFor(this.prices, tally.model ?? this.initModel);
    tally.costUsd = costOf(tally.tokens, lookup.price);
    tally.fallback = lookup.basis === 'fallback';
    if (tally.fallback) this.usedFallback = true;
    this.estimateUsd += tally.costUsd - beforeCost;
    this.tokens = {
      input: this.tokens.input + tally.tokens.input - before.input,
      output: this.tokens.output + tally.tokens.output - before.output,
      cache_read: this.tokens.cache_read + tally.tokens.cache_read - before.cache_read,
      cache_write: this.tokens.cache_write + tally.tokens.cache_write - before.cache_write,
    };
  }
}
