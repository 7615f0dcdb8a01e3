import { retryableApiError } from '../retryable.js';
import { redact } from '../../secrets/index.js';
import { runnerSecrets } from '../key-variables.js';
import { costOf, priceFor } from '../prices.js';
import { roundTokenUsd } from '../../shared/index.js';
import type { RunnerEvents, RunnerInput, RunnerOutcome, RunnerUsage, Tokens } from '../types.js';
import { addTokens, emptyUsage, snapshotUsage } from '../usage.js';
import { postJson, type PostResult } from './post-json.js';
import { InputReader, NoInputReader, type ToolResult } from './read-input-tool.js';

/** One answer of the model, whatever the wire format. */
export interface ChatTurn {
  text: string;
  toolCalls: Array<{ id: string; name: string; args: unknown }>;
  tokens: Tokens;
  /** the model id the server says answered */
  model?: string;
}

/** What differs between the OpenAI and the Anthropic wire formats. */
export interface ChatProtocol {
  /** for reasons: "the OpenAI-compatible server at …" */
  label: string;
  url: string;
  headers: Record<string, string>;
  /** the request body for the next call, from the conversation so far */
  body(): unknown;
  /** a parsed response body, or why it is not a usable answer */
  parse(json: unknown): ChatTurn | string;
  /** records the model's turn and the tool results in the conversation */
  append(json: unknown, turn: ChatTurn, results: Array<ToolResult & { id: string }>): void;
  /** a hint for an HTTP status, e.g. which variable holds the key for a 401 */
  hint?(status: number): string | undefined;
}

/**
 * The harness-side agent loop of the HTTP runners: call; if the model asked
 * for tools, run them and call again; stop at the first answer without tool
 * calls. One HTTP response = one model call (a failed attempt that is retried
 * is not counted: it did no model work). The loop itself has no limit: the
 * harness aborts `input.signal` when calls, cost or time run out.
 */
export async function runChatLoop(
  protocol: ChatProtocol,
  input: RunnerInput,
  events: RunnerEvents,
): Promise<RunnerOutcome> {
  // the key variable is among them, so a server that echoes the key back never puts it in a reason
  const secrets = runnerSecrets(input);
  const tools = input.inputPath
    ? new InputReader(input.inputPath, input.agent.input?.maxBytes ?? 1024 * 1024)
    : new NoInputReader();
  const capBytes = input.agent.limits.output_bytes * 4 + 1024 * 1024;
  // 'none' until a call is priced: a run refused before its first answer cost nothing to anyone
  let usage: RunnerUsage = emptyUsage('none');
  const done = (completed: boolean, reason?: string): RunnerOutcome => ({
    usage: snapshotUsage(usage),
    exitCode: null,
    signal: null,
    completed,
    ...(reason ? { reason: redact(reason, secrets) } : {}),
  });

  for (;;) {
    if (input.signal.aborted) return done(false, 'stopped by the harness');
    const response = await postJson({
      url: protocol.url,
      headers: protocol.headers,
      body: protocol.body(),
      signal: input.signal,
      capBytes,
      secrets,
    });
    if (!response.ok) {
      if (response.kind === 'aborted') return done(false, 'stopped by the harness');
      return done(false, failureReason(protocol, response));
    }
    const turn = protocol.parse(response.json);
    if (typeof turn === 'string') return done(false, `${protocol.label} sent an answer nightshift cannot use: ${turn}`);
    usage = priced(usage, turn, input);
    events.usage(snapshotUsage(usage));
    if (turn.toolCalls.length === 0) {
      if (turn.text.length > 0) events.output(turn.text);
      return done(true);
    }
    const results: Array<ToolResult & { id: string }> = [];
    for (const call of turn.toolCalls) {
      events.tool?.({ name: call.name, input: call.args });
      usage = { ...usage, toolCalls: [...usage.toolCalls, call.name] };
      events.usage(snapshotUsage(usage));
      results.push({ id: call.id, ...(await tools.call(call.name, call.args)) });
    }
    protocol.append(response.json, turn, results);
  }
}

function priced(usage: RunnerUsage, turn: ChatTurn, input: RunnerInput): RunnerUsage {
  let lookup = priceFor(input.prices, input.agent.model);
  if (lookup.basis === 'fallback' && turn.model) {
    const answered = priceFor(input.prices, turn.model);
    if (answered.basis === 'table') lookup = answered;
  }
  const basis = usage.costBasis === 'fallback' || lookup.basis === 'fallback' ? 'fallback' : 'table';
  return {
    llmCalls: usage.llmCalls + 1,
    toolCalls: usage.toolCalls,
    tokens: addTokens(usage.tokens, turn.tokens),
    costUsd: roundTokenUsd(usage.costUsd + costOf(turn.tokens, lookup.price)),
    costBasis: basis,
    pricedModel: lookup.model,
  };
}

function failureReason(
  protocol: ChatProtocol,
  response: Exclude<PostResult, { ok: true } | { kind: 'aborted' }>,
): string {
  const tries = response.attempts > 1 ? ' (after one retry)' : '';
  switch (response.kind) {
    case 'http': {
      const hint = protocol.hint?.(response.status);
      // 429, 529, overloaded_error: the provider says a later try may work; the retry policy acts on RUNNER_FAILED
      const retryable = retryableApiError(response.status, response.excerpt);
      const answered =
        `${protocol.label} answered HTTP ${response.status}${tries}` +
        `${hint ? ` — ${hint}` : ''}${response.excerpt ? `: ${response.excerpt}` : ''}`;
      return retryable === null ? answered : `${retryable}: ${answered}`;
    }
    case 'network':
      return `cannot reach ${protocol.label}${tries}: ${response.message}`;
    case 'too-large':
      return `${protocol.label} sent a response over ${response.cap} bytes (limits.output_bytes × 4 + 1 MB); it was cut off`;
    case 'bad-json':
      return `${protocol.label} sent a response that is not JSON: ${response.excerpt}`;
  }
}
