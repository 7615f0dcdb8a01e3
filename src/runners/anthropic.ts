import { type ChatProtocol, type ChatTurn, runChatLoop } from './http/chat-loop.js';
import { resolveEndpoint } from './http/endpoint.js';
import { READ_INPUT } from './http/read-input-tool.js';
import { httpKeyVariable } from './key-variables.js';
import type { Runner, RunnerEvents, RunnerInput, RunnerOutcome } from './types.js';
import { count, failedOutcome } from './usage.js';

type AnthropicConfig = Extract<RunnerInput['agent']['runner'], { kind: 'anthropic' }>;
type Json = Record<string, unknown>;

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';
export const ANTHROPIC_VERSION = '2023-06-01';
/** The Messages API requires max_tokens; this is used when runner.max_tokens is not set. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

/**
 * The Anthropic Messages API. Usage: input_tokens EXCLUDES cache reads and
 * writes (verified against Claude Code's cost arithmetic), so the four
 * buckets are priced separately as they come.
 */
export const anthropicRunner: Runner = {
  kind: 'anthropic',
  async run(input: RunnerInput, events: RunnerEvents): Promise<RunnerOutcome> {
    const runner = input.agent.runner as Partial<AnthropicConfig>;
    const fail = failedOutcome;
    if (!input.agent.model)
      return fail(
        'a model is required for the anthropic runner: set model: or runner.model to a model id like claude-haiku-4-5',
      );
    const resolved = resolveEndpoint({
      baseUrl: runner.base_url,
      defaultBaseUrl: ANTHROPIC_DEFAULT_BASE_URL,
      // the SDKs' and Claude Code's convention: the base has no /v1
      path: (base) => (base.endsWith('/v1') ? `${base}/messages` : `${base}/v1/messages`),
      keyEnv: httpKeyVariable('anthropic', runner.api_key_env),
      env: input.env,
      provider: 'the Anthropic API',
    });
    if (!resolved.ok) return fail(resolved.reason);
    const { endpoint } = resolved;
    const model = input.agent.model;
    const messages: unknown[] = [{ role: 'user', content: input.task }];
    const tools = input.inputPath
      ? [{ name: READ_INPUT.name, description: READ_INPUT.description, input_schema: READ_INPUT.parameters }]
      : undefined;
    const protocol: ChatProtocol = {
      label: `the Anthropic API at ${endpoint.url}`,
      url: endpoint.url,
      headers: { 'anthropic-version': ANTHROPIC_VERSION, ...(endpoint.key ? { 'x-api-key': endpoint.key } : {}) },
      body: () => ({
        model,
        max_tokens: runner.max_tokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
        system: input.systemPrompt,
        messages,
        stream: false,
        ...(tools ? { tools } : {}),
        ...(runner.temperature !== undefined ? { temperature: runner.temperature } : {}),
      }),
      parse: parseAnthropicTurn,
      append: (json, _turn, results) => {
        messages.push({ role: 'assistant', content: (json as Json).content });
        messages.push({
          role: 'user',
          content: results.map((r) => ({
            type: 'tool_result',
            tool_use_id: r.id,
            content: r.content,
            ...(r.isError ? { is_error: true } : {}),
          })),
        });
      },
      hint: (status) => (status === 401 || status === 403 ? `check the key in $${endpoint.keyEnv}` : undefined),
    };
    return runChatLoop(protocol, input, events);
  },
};

export function parseAnthropicTurn(json: unknown): ChatTurn | string {
  if (typeof json !== 'object' || json === null) return 'the body is not a JSON object';
  const body = json as Json;
  if (!Array.isArray(body.content)) return 'no content array';
  let text = '';
  const toolCalls: ChatTurn['toolCalls'] = [];
  body.content.forEach((block: unknown, index: number) => {
    const b = (block ?? {}) as Json;
    if (b.type === 'text' && typeof b.text === 'string') text += b.text;
    if (b.type === 'tool_use')
      toolCalls.push({
        id: typeof b.id === 'string' ? b.id : `toolu_${index}`,
        name: typeof b.name === 'string' ? b.name : 'unknown',
        args: b.input ?? {},
      });
  });
  const usage = (body.usage ?? {}) as Json;
  const tokens = {
    input: count(usage.input_tokens),
    cache_write: count(usage.cache_creation_input_tokens),
    cache_read: count(usage.cache_read_input_tokens),
    output: count(usage.output_tokens),
  };
  return { text, toolCalls, tokens, ...(typeof body.model === 'string' ? { model: body.model } : {}) };
}
