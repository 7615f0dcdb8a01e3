import { createServer, type Server } from 'node:http';
import type { Home } from '../../home/index.js';
import type { RunTrail } from '../../journal/index.js';
import { UsageError } from '../../shared/index.js';
import { formatAddress, type ListenAddress } from './address.js';
import { loadMetricsInput } from './load.js';
import { renderMetrics, type RenderedMetrics } from './render.js';
import { metricSamples } from './samples.js';

/**
 * A collector for one home: every call works the values out afresh from the
 * journals, the alerts and state.json, except that calls within `cacheMs` of
 * the last one share it (two Prometheus servers scraping every second must not
 * read the fleet twice a second). The run trail is kept and refreshed.
 */
export function metricsCollector(home: Home, options: { cacheMs?: number } = {}): () => Promise<RenderedMetrics> {
  const cacheMs = options.cacheMs ?? 1000;
  let trail: RunTrail | undefined;
  let last: { at: number; result: Promise<RenderedMetrics> } | undefined;
  return () => {
    const now = Date.now();
    if (last && now - last.at < cacheMs) return last.result;
    const result = (async () => {
      const loaded = await loadMetricsInput(home, { trail });
      trail = loaded.trail;
      return renderMetrics(metricSamples(loaded.input));
    })();
    // a failed collect is not cached: the next scrape tries again
    result.catch(() => {
      if (last?.result === result) last = undefined;
    });
    last = { at: now, result };
    return result;
  };
}

export interface MetricsServer {
  /** where it listens, as HOST:PORT (the port the system gave when 0 was asked) */
  address: string;
  close(): Promise<void>;
}

/** Serves GET /metrics (the Prometheus text format) on `where` only. */
export async function serveMetrics(
  where: ListenAddress,
  collect: () => Promise<RenderedMetrics>,
  onError: (message: string) => void = () => {},
): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('only GET\n');
      return;
    }
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('nightshift metrics: GET /metrics\n');
      return;
    }
    if (path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: GET /metrics\n');
      return;
    }
    collect().then(
      (metrics) => {
        response.writeHead(200, { 'content-type': metrics.contentType });
        response.end(request.method === 'HEAD' ? undefined : metrics.text);
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        onError(`metrics: could not collect: ${message}`);
        // a 500 makes Prometheus mark the target down (up == 0), which is what an operator should see
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`could not collect the metrics: ${message}\n`);
      },
    );
  });
  await listen(server, where);
  const bound = server.address();
  const port = typeof bound === 'object' && bound !== null ? bound.port : where.port;
  return {
    address: formatAddress({ host: where.host, port }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, where: ListenAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const address = formatAddress(where);
      const why: Record<string, string> = {
        EADDRINUSE: 'the port is taken by another process',
        EADDRNOTAVAIL: 'no interface of this host has that address',
        EACCES: 'a port below 1024 needs privileges',
      };
      reject(
        new UsageError(`--metrics ${address}: cannot listen there: ${why[error.code ?? ''] ?? error.message}`, {
          field: '--metrics',
          expected: 'a free port on an address of this host',
          actual: `${address} (${error.code ?? error.message})`,
          fix: 'pick another port, e.g. --metrics 127.0.0.1:9464, or stop what holds it',
          cause: error,
        }),
      );
    });
    server.listen(where.port, where.host, () => resolve());
  });
}
