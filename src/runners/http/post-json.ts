import { keepHead, redact, type Secret } from '../../secrets/index.js';

/**
 * One model call over HTTP: a JSON POST whose response body is read as a
 * stream and abandoned past `capBytes` (a huge completion must not be
 * buffered whole), retried at most once on a network error, a 5xx or a 429.
 */
export interface PostOptions {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal;
  capBytes: number;
  /** redacted from an error body before it is cut to an excerpt: a server may echo the key */
  secrets?: readonly Secret[];
  /** wait before the one retry; a Retry-After header can lengthen it up to maxRetryDelayMs */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

export type PostResult =
  | { ok: true; status: number; json: unknown; attempts: number }
  | { ok: false; kind: 'http'; status: number; excerpt: string; attempts: number }
  | { ok: false; kind: 'network'; message: string; attempts: number }
  | { ok: false; kind: 'too-large'; cap: number; attempts: number }
  | { ok: false; kind: 'bad-json'; excerpt: string; attempts: number }
  | { ok: false; kind: 'aborted'; attempts: number };

type Attempt = PostResult & { retryable?: boolean; retryAfterMs?: number };

const EXCERPT = 300;

export async function postJson(options: PostOptions): Promise<PostResult> {
  const first = await attempt(options, 1);
  if (!first.retryable || options.signal.aborted) return strip(first);
  const delay = Math.min(
    options.maxRetryDelayMs ?? 5000,
    Math.max(options.retryDelayMs ?? 500, first.retryAfterMs ?? 0),
  );
  if (!(await abortableSleep(delay, options.signal))) return { ok: false, kind: 'aborted', attempts: 1 };
  return strip(await attempt(options, 2));
}

function strip(result: Attempt): PostResult {
  const { retryable: _r, retryAfterMs: _a, ...rest } = result;
  return rest as PostResult;
}

async function attempt(options: PostOptions, attempts: number): Promise<Attempt> {
  // our own controller, so the body read can be cut without touching the harness's signal
  const controller = new AbortController();
  const relay = (): void => controller.abort(options.signal.reason);
  if (options.signal.aborted) return { ok: false, kind: 'aborted', attempts };
  options.signal.addEventListener('abort', relay, { once: true });
  try {
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify(options.body),
        signal: controller.signal,
      });
    } catch (error) {
      if (options.signal.aborted) return { ok: false, kind: 'aborted', attempts };
      return { ok: false, kind: 'network', message: networkMessage(error), attempts, retryable: true };
    }
    const body = await readCapped(response, options.capBytes, controller);
    if (body === 'aborted' || options.signal.aborted) return { ok: false, kind: 'aborted', attempts };
    if (body === 'too-large') return { ok: false, kind: 'too-large', cap: options.capBytes, attempts };
    if (body === 'network')
      return {
        ok: false,
        kind: 'network',
        message: 'the connection broke while reading the response',
        attempts,
        retryable: true,
      };
    if (!response.ok) {
      const status = response.status;
      const retryable = status >= 500 || status === 429;
      const retryAfter = Number(response.headers.get('retry-after'));
      return {
        ok: false,
        kind: 'http',
        status,
        excerpt: excerpt(body, options.secrets ?? []),
        attempts,
        retryable,
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      };
    }
    try {
      return { ok: true, status: response.status, json: JSON.parse(body), attempts };
    } catch {
      return { ok: false, kind: 'bad-json', excerpt: excerpt(body, options.secrets ?? []), attempts };
    }
  } finally {
    options.signal.removeEventListener('abort', relay);
  }
}

async function readCapped(
  response: Response,
  capBytes: number,
  controller: AbortController,
): Promise<string | 'too-large' | 'aborted' | 'network'> {
  if (!response.body) return '';
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > capBytes) {
    controller.abort();
    return 'too-large';
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > capBytes) {
        controller.abort();
        return 'too-large';
      }
      chunks.push(value);
    }
  } catch {
    return controller.signal.aborted ? 'aborted' : 'network';
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Redacted whole before it is made one line and cut: a secret with a line break in it still matches. */
function excerpt(body: string, secrets: readonly Secret[]): string {
  return keepHead(redact(body, secrets).replace(/\s+/g, ' ').trim(), EXCERPT, secrets);
}

function networkMessage(error: unknown): string {
  const err = error as { message?: string; cause?: { code?: string; message?: string } };
  const code = err.cause?.code ?? err.cause?.message;
  return code ? `${err.message ?? 'fetch failed'} (${code})` : (err.message ?? String(error));
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
