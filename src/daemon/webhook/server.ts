import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAgentName } from '../../home/index.js';
import { errorMessage, UsageError } from '../../shared/index.js';
import type { WebhookHandler, HookAnswer } from './handle.js';

/**
 * The daemon's HTTP listener: node's http server, one route, `POST
 * /hooks/<agent>`. Everything else gets the same 404 as an unknown agent.
 * The body is read up to the agent's max_bytes and no further: over it, the
 * answer is 413 and the connection is closed under the sender.
 */
export interface ListenAddress {
  host: string;
  port: number;
}

const NOT_FOUND: HookAnswer = { status: 404, body: { error: 'not found' } };

export class WebhookServer {
  private constructor(
    private readonly server: Server,
    readonly address: ListenAddress,
  ) {}

  static async start(where: ListenAddress, handler: WebhookHandler): Promise<WebhookServer> {
    const server = createServer((request, response) => void serve(request, response, handler));
    // a slow sender holds a socket, never the daemon: the whole request (headers and body) within 30 s
    server.requestTimeout = 30_000;
    server.headersTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      const failed = (error: NodeJS.ErrnoException): void => reject(listenError(where, error));
      server.once('error', failed);
      server.listen(where.port, where.host, () => {
        server.off('error', failed);
        resolve();
      });
    });
    const bound = server.address() as AddressInfo;
    return new WebhookServer(server, { host: bound.address, port: bound.port });
  }

  /** Stops taking connections and ends idle ones; a request being answered finishes. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }
}

/** HOST:PORT as a URL writes it ([::1]:9465 for IPv6). */
export function hostPort(where: ListenAddress): string {
  return where.host.includes(':') ? `[${where.host}]:${where.port}` : `${where.host}:${where.port}`;
}

function listenError(where: ListenAddress, error: NodeJS.ErrnoException): UsageError {
  const address = hostPort(where);
  const why: Record<string, string> = {
    EADDRINUSE: 'the port is taken by another process',
    EADDRNOTAVAIL: 'no interface of this host has that address',
    EACCES: 'a port below 1024 needs privileges',
  };
  return new UsageError(`--listen ${address}: cannot listen there: ${why[error.code ?? ''] ?? error.message}`, {
    field: '--listen',
    expected: 'a free port on an address of this host',
    actual: `${address} (${error.code ?? error.message})`,
    fix: 'pick another port, e.g. --listen 127.0.0.1:9466, or stop what holds it',
    cause: error,
  });
}

async function serve(request: IncomingMessage, response: ServerResponse, handler: WebhookHandler): Promise<void> {
  try {
    const match = /^\/hooks\/([^/?#]+)\/?(?:\?.*)?$/.exec(request.url ?? '');
    const name = match ? decodeURIComponent(match[1] as string) : null;
    if (request.method !== 'POST' || name === null || !isAgentName(name)) {
      handler.countUnknown();
      return answer(response, NOT_FOUND, true);
    }
    const limit = handler.maxBytes(name);
    if (limit === null) {
      handler.countUnknown();
      return answer(response, NOT_FOUND, true);
    }
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limit) return answer(response, handler.tooLarge(name), true);
    const body = await readBody(request, limit);
    if (body === null) return answer(response, handler.tooLarge(name), true);
    const header = (key: string): string | undefined => {
      const value = request.headers[key];
      return Array.isArray(value) ? value[0] : value;
    };
    answer(
      response,
      await handler.handle(name, {
        body,
        signature: header('x-hub-signature-256'),
        authorization: header('authorization'),
        timestamp: header('x-nightshift-timestamp'),
      }),
      false,
    );
  } catch (error) {
    handler.problem(`webhook request ${request.method} ${request.url}: ${errorMessage(error)}`);
    if (!response.headersSent) answer(response, { status: 500, body: { error: 'internal error' } }, true);
  }
}

/** The body, or null once it grows past `limit` (what came so far is dropped, the rest never read). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        request.pause();
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

function answer(response: ServerResponse, reply: HookAnswer, close: boolean): void {
  const text = `${JSON.stringify(reply.body)}\n`;
  response.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...(reply.retryAfter === undefined ? {} : { 'retry-after': String(reply.retryAfter) }),
    // a refused sender's unread body is not waited for: the connection ends with the answer
    ...(close ? { connection: 'close' } : {}),
  });
  response.end(text, () => {
    if (close) response.socket?.destroySoon();
  });
}
