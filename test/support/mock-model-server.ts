import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A model server on 127.0.0.1 (random port) that speaks OpenAI
 * `/v1/chat/completions` and Anthropic `/v1/messages` (JSON, and SSE when the
 * request says stream:true — enough for the real `claude` CLI), plus
 * `/v1/messages/count_tokens`. It records every request. See README.md.
 *
 * Scenario per request, first match wins:
 *   1. a path prefix: base URL `${url}/s/<scenario>` (Anthropic) or `${url}/s/<scenario>/v1` (OpenAI)
 *   2. the header `x-mock-scenario: <scenario>`
 *   3. the server's scenario (option, or setScenario())
 */
export const MOCK_SCENARIOS = [
  'normal',
  'slow',
  'runaway',
  'huge',
  'error500-once',
  'error500',
  'error400',
  'error401',
  'hang',
  /** HTTP 529 with Anthropic's overloaded_error body, every time: the provider's own "try again later" */
  'overloaded',
] as const;
export type MockScenario = (typeof MOCK_SCENARIOS)[number];

export interface MockServerOptions {
  scenario?: MockScenario;
  /** `slow`: how long each answer waits (default 1500 ms) */
  delayMs?: number;
  /** `huge`: size of the final text (default 30 MB) */
  hugeBytes?: number;
  /** the final answer (default: a three-bullet day summary ending STATUS: OK / END_OF_RUN) */
  finalText?: string;
  /** the file_path a `Read` tool call asks for (default: the first absolute path in the first user message) */
  readPath?: string;
  /** when set and `Bash` is offered, the tool call is Bash with this command (a hang or an escape inside a tool) */
  bashCommand?: string;
  anthropicUsage?: {
    input_tokens: number;
    output_tokens: number;
    cache_creation_input_tokens: number;
    cache_read_input_tokens: number;
  };
  openaiUsage?: { prompt_tokens: number; completion_tokens: number; cached_tokens: number };
}

export interface RecordedRequest {
  method: string;
  /** path without the /s/<scenario> prefix and the query */
  path: string;
  api: 'openai' | 'anthropic' | 'count_tokens' | 'other';
  scenario: MockScenario;
  headers: Record<string, string | string[] | undefined>;
  /** parsed JSON body (undefined when it did not parse) */
  body: any;
  raw: string;
  /** what the server sent back: bytes written, and whether the client hung up before the end */
  response: { status?: number; bytes: number; finished: boolean; clientClosed: boolean };
}

export interface MockServer {
  url: string;
  port: number;
  /** base URLs that select a scenario by path */
  anthropicBaseUrl(scenario?: MockScenario): string;
  openaiBaseUrl(scenario?: MockScenario): string;
  requests: RecordedRequest[];
  setScenario(scenario: MockScenario): void;
  /** forget requests and the error500-once state */
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_FINAL_TEXT = [
  'Day summary (2026-04-18):',
  '- Deployed v1.42 to production',
  '- Root-caused the flaky auth test: a race in token refresh',
  '- Paired on the payments rounding bug',
  'STATUS: OK',
  'END_OF_RUN',
].join('\n');

const ANTHROPIC_USAGE = {
  input_tokens: 1200,
  output_tokens: 57,
  cache_creation_input_tokens: 300,
  cache_read_input_tokens: 5000,
};
const OPENAI_USAGE = { prompt_tokens: 1000, completion_tokens: 50, cached_tokens: 200 };

type Decision = { kind: 'tool'; name: string; input: Record<string, unknown> } | { kind: 'final'; text: string };

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  let scenario: MockScenario = options.scenario ?? 'normal';
  let failedOnce = false;
  let counter = 0;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks).toString('utf8')).catch(() => res.destroy());
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const fullPath = (req.url ?? '/').split('?')[0]!;
    const prefixed = /^\/s\/([^/]+)(\/.*)$/.exec(fullPath);
    const path = prefixed ? prefixed[2]! : fullPath;
    const header = req.headers['x-mock-scenario'];
    const chosen = (prefixed?.[1] ?? (typeof header === 'string' ? header : undefined) ?? scenario) as MockScenario;
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    const api: RecordedRequest['api'] = path.endsWith('/messages/count_tokens')
      ? 'count_tokens'
      : path.endsWith('/messages')
        ? 'anthropic'
        : path.endsWith('/chat/completions')
          ? 'openai'
          : 'other';
    const response: RecordedRequest['response'] = { bytes: 0, finished: false, clientClosed: false };
    requests.push({
      method: req.method ?? 'GET',
      path,
      api,
      scenario: chosen,
      headers: { ...req.headers },
      body,
      raw,
      response,
    });
    const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      response.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : (chunk as Buffer).length;
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.once('finish', () => {
      response.finished = true;
      response.status = res.statusCode;
    });
    res.once('close', () => {
      if (!res.writableFinished) response.clientClosed = true;
    });

    if (api === 'count_tokens') return json(res, 200, { input_tokens: 100 });
    if (api === 'other' || req.method !== 'POST')
      return json(res, 404, { error: { message: `mock: no route ${req.method} ${path}` } });

    switch (chosen) {
      case 'hang':
        return; // never answered; close() ends the socket
      case 'error500':
        return apiError(res, api, 500);
      case 'error400':
        return apiError(res, api, 400);
      case 'error401':
        return apiError(res, api, 401);
      case 'overloaded':
        return apiError(res, api, 529);
      case 'error500-once':
        if (!failedOnce) {
          failedOnce = true;
          return apiError(res, api, 500);
        }
        break;
      case 'slow':
        await wait(options.delayMs ?? 1500, res);
        break;
      default:
        break;
    }
    if (res.destroyed) return;
    const decision = decide(chosen, api, body);
    const id = `msg_01Mock${++counter}`;
    if (api === 'openai') return json(res, 200, openaiResponse(id, body, decision));
    if (body?.stream === true) return anthropicStream(res, id, body, decision);
    return json(res, 200, anthropicResponse(id, body, decision));
  }

  function decide(chosen: MockScenario, api: 'openai' | 'anthropic', body: any): Decision {
    const finalText = options.finalText ?? DEFAULT_FINAL_TEXT;
    if (chosen === 'huge') return { kind: 'final', text: 'x'.repeat(options.hugeBytes ?? 30 * 1024 * 1024) };
    const offered: string[] = (Array.isArray(body?.tools) ? body.tools : [])
      .map((t: any) => t?.function?.name ?? t?.name)
      .filter(Boolean);
    const tool = offered.includes('read_input')
      ? 'read_input'
      : options.bashCommand && offered.includes('Bash')
        ? 'Bash'
        : offered.includes('Read')
          ? 'Read'
          : undefined;
    const messages: any[] = Array.isArray(body?.messages) ? body.messages : [];
    const answered =
      api === 'openai'
        ? messages.some((m) => m?.role === 'tool')
        : messages.some((m) => Array.isArray(m?.content) && m.content.some((b: any) => b?.type === 'tool_result'));
    if (!tool || (answered && chosen !== 'runaway')) return { kind: 'final', text: finalText };
    if (tool === 'read_input') return { kind: 'tool', name: tool, input: {} };
    if (tool === 'Bash')
      return { kind: 'tool', name: tool, input: { command: options.bashCommand, description: 'Run the command' } };
    return { kind: 'tool', name: tool, input: { file_path: options.readPath ?? firstPath(messages) ?? '/dev/null' } };
  }

  function anthropicUsage(): typeof ANTHROPIC_USAGE {
    return options.anthropicUsage ?? ANTHROPIC_USAGE;
  }

  function anthropicResponse(id: string, body: any, decision: Decision): unknown {
    const content =
      decision.kind === 'final'
        ? [{ type: 'text', text: decision.text }]
        : [
            { type: 'text', text: 'I will read the input.' },
            { type: 'tool_use', id: `toolu_${id}`, name: decision.name, input: decision.input },
          ];
    return {
      id,
      type: 'message',
      role: 'assistant',
      model: body?.model ?? 'claude-sonnet-4-5',
      content,
      stop_reason: decision.kind === 'final' ? 'end_turn' : 'tool_use',
      stop_sequence: null,
      usage: anthropicUsage(),
    };
  }

  async function anthropicStream(res: ServerResponse, id: string, body: any, decision: Decision): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = async (event: string, data: unknown): Promise<void> => {
      if (res.destroyed) return;
      if (!res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`))
        await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
    };
    const usage = anthropicUsage();
    await send('message_start', {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model: body?.model ?? 'claude-sonnet-4-5',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    });
    const text = decision.kind === 'final' ? decision.text : 'I will read the input.';
    await send('content_block_start', {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '' },
    });
    for (let at = 0; at < text.length && !res.destroyed; at += 64 * 1024) {
      await send('content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: text.slice(at, at + 64 * 1024) },
      });
    }
    await send('content_block_stop', { type: 'content_block_stop', index: 0 });
    if (decision.kind === 'tool') {
      await send('content_block_start', {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: `toolu_${id}`, name: decision.name, input: {} },
      });
      await send('content_block_delta', {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(decision.input) },
      });
      await send('content_block_stop', { type: 'content_block_stop', index: 1 });
    }
    await send('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: decision.kind === 'final' ? 'end_turn' : 'tool_use', stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    });
    await send('message_stop', { type: 'message_stop' });
    res.end();
  }

  function openaiResponse(id: string, body: any, decision: Decision): unknown {
    const u = options.openaiUsage ?? OPENAI_USAGE;
    const message =
      decision.kind === 'final'
        ? { role: 'assistant', content: decision.text }
        : {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: `call_${id}`,
                type: 'function',
                function: { name: decision.name, arguments: JSON.stringify(decision.input) },
              },
            ],
          };
    return {
      id: `chatcmpl-${id}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body?.model ?? 'gpt-5-mini',
      choices: [{ index: 0, message, finish_reason: decision.kind === 'final' ? 'stop' : 'tool_calls' }],
      usage: {
        prompt_tokens: u.prompt_tokens,
        completion_tokens: u.completion_tokens,
        total_tokens: u.prompt_tokens + u.completion_tokens,
        prompt_tokens_details: { cached_tokens: u.cached_tokens },
      },
    };
  }

  function apiError(res: ServerResponse, api: 'openai' | 'anthropic', status: number): void {
    const named: Record<number, string> = {
      401: 'authentication_error',
      400: 'invalid_request_error',
      529: 'overloaded_error',
    };
    const type = named[status] ?? 'api_error';
    const payload =
      api === 'openai'
        ? { error: { message: `mock error ${status}`, type, code: 'mock' } }
        : { type: 'error', error: { type, message: `mock error ${status}` } };
    json(res, status, payload);
  }

  function wait(ms: number, res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
      res.once('close', () => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve();
      });
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    anthropicBaseUrl: (s) => (s ? `${url}/s/${s}` : url),
    openaiBaseUrl: (s) => (s ? `${url}/s/${s}/v1` : `${url}/v1`),
    requests,
    setScenario: (s) => {
      scenario = s;
    },
    reset: () => {
      requests.length = 0;
      failedOnce = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Big bodies go out chunked, without content-length, so a client must cap them while reading. */
function json(res: ServerResponse, status: number, payload: unknown): void {
  if (res.destroyed) return;
  const text = JSON.stringify(payload);
  if (text.length <= 1024 * 1024) {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  let at = 0;
  const pump = (): void => {
    while (at < text.length && !res.destroyed) {
      const piece = text.slice(at, at + 64 * 1024);
      at += piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

function firstPath(messages: any[]): string | undefined {
  const first = messages.find((m) => m?.role === 'user');
  const text =
    typeof first?.content === 'string'
      ? first.content
      : Array.isArray(first?.content)
        ? first.content.map((b: any) => b?.text ?? '').join(' ')
        : '';
  return /(\/[^\s'"`<>]+)/.exec(text)?.[1];
}
