import { type ChatProtocol, type ChatTurn, runChatLoop } from './http/chat-loop.js';
import { resolveEndpoint } from './http/endpoint.js';
import { READ_INPUT } from './http/read-input-tool.js';
import { httpKeyVariable } from './key-variables.js';
import type { Runner, RunnerEvents, RunnerInput, RunnerOutcome } from './types.js';
import { count, failedOutcome } from './usage.js';

type OpenAIConfig = Extract<RunnerInput['agent']['runner'], { kind: 'openai' }>;
type Json = Record<string, unknown>;

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * Any OpenAI-compatible /chat/completions server (OpenAI, Ollama, vLLM,
 * llama.cpp, LM Studio, OpenRouter). Usage: prompt_tokens INCLUDES the cached
 * tokens, so input = prompt − cached and cached is priced as cache_read.
 */
export const openaiRunner: Runner = {
  kind: 'openai',
  async run(input: RunnerInput, events: RunnerEvents): Promise<RunnerOutcome> {
    const runner = input.agent.runner as Partial<OpenAIConfig>;
    const fail = failedOutcome;
    if (!input.agent.model)
      return fail(
        'a model is required for the openai runner: set model: or runner.model to the model id the server knows, like gpt-5-mini or llama3.1',
      );
    const resolved = resolveEndpoint({
      baseUrl: runner.base_url,
      defaultBaseUrl: OPENAI_DEFAULT_BASE_URL,
      path: (base) => `${base}/chat/completions`,
      keyEnv: httpKeyVariable('openai', runner.api_key_env),
      env: input.env,
      provider: 'the OpenAI API',
    });
    if (!resolved.ok) return fail(resolved.reason);
    const { endpoint } = resolved;
    const model = input.agent.model;
    const messages: unknown[] = [
      { role: 'system', content: input.systemPrompt },
      { role: 'user', content: input.task },
    ];
    const tools = input.inputPath
      ? [
          {
            type: 'function',
            function: { name: READ_INPUT.name, description: READ_INPUT.description, parameters: READ_INPUT.parameters },
          },
        ]
      : undefined;
    const protocol: ChatProtocol = {
      label: `the OpenAI-compatible server at ${endpoint.url}`,
      url: endpoint.url,
      headers: endpoint.key ? { authorization: `Bearer ${endpoint.key}` } : {},
      body: () => ({
        model,
        messages,
        stream: false,
        ...(tools ? { tools, tool_choice: 'auto' } : {}),
        ...(runner.max_tokens !== undefined ? { max_tokens: runner.max_tokens } : {}),
        ...(runner.temperature !== undefined ? { temperature: runner.temperature } : {}),
      }),
      parse: parseOpenAITurn,
      append: (json, _turn, results) => {
        // only the fields every compatible server accepts back (some reject `refusal`, `reasoning`, …)
        const message = firstMessage(json) ?? {};
        messages.push({
          role: 'assistant',
          content: message.content ?? null,
          ...(message.tool_calls ? { tool_calls: message.tool_calls } : {}),
        });
        for (const result of results) messages.push({ role: 'tool', tool_call_id: result.id, content: result.content });
      },
      hint: (status) => (status === 401 || status === 403 ? `check the key in $${endpoint.keyEnv}` : undefined),
    };
    return runChatLoop(protocol, input, events);
  },
};

function firstMessage(json: unknown): Json | undefined {
  const choices = (json as Json | null)?.choices;
  const first = Array.isArray(choices) ? (choices[0] as Json | undefined) : undefined;
  const message = first?.message;
  return typeof message === 'object' && message !== null ? (message as Json) : undefined;
}

/** A message's content is a string, or a list of parts whose text parts are joined; anything else has no text. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (typeof (part as Json)?.text === 'string' ? ((part as Json).text as string) : ''))
    .join('');
}

export function parseOpenAITurn(json: unknown): ChatTurn | string {
  if (typeof json !== 'object' || json === null) return 'the body is not a JSON object';
  const message = firstMessage(json);
  if (!message) return 'no choices[0].message';
  const text = contentText(message.content);
  const rawCalls = Array.isArray(message.tool_calls) ? (message.tool_calls as Json[]) : [];
  const toolCalls = rawCalls.map((call, index) => {
    const fn = (call.function ?? {}) as Json;
    return {
      id: typeof call.id === 'string' ? call.id : `call_${index}`,
      name: typeof fn.name === 'string' ? fn.name : 'unknown',
      args: parseArguments(fn.arguments),
    };
  });
  const usage = ((json as Json).usage ?? {}) as Json;
  const details = (usage.prompt_tokens_details ?? {}) as Json;
  const cached = count(details.cached_tokens);
  const cacheWrite = count(details.cache_write_tokens);
  const tokens = {
    input: Math.max(0, count(usage.prompt_tokens) - cached - cacheWrite),
    cache_read: cached,
    cache_write: cacheWrite,
    output: count(usage.completion_tokens),
  };
  const model = (json as Json).model;
  return { text, toolCalls, tokens, ...(typeof model === 'string' ? { model } : {}) };
}

function parseArguments(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw.trim() === '') return typeof raw === 'object' && raw !== null ? raw : {};
  try {
    return JSON.parse(raw);
  } catch {
    return {};
  }
}
