import { connect } from 'node:net';

/**
 * Can a TCP connection to the receiver be opened within `waitMs`? null if so,
 * else why not. Asked before any OpenTelemetry code loads: the OTLP exporter
 * retries a refused connection after about a second (its backoff), which a
 * run's exit must not wait for, and a receiver that is down then costs the
 * exit a refused connect, not the loading of the SDK. A host that drops the
 * connect is waited for at most `waitMs`.
 */
export function unreachable(url: string, waitMs: number): Promise<string | null> {
  const target = new URL(url);
  const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (why: string | null): void => {
      socket.destroy();
      clearTimeout(timer);
      resolve(why);
    };
    const timer = setTimeout(() => done(`no connection to ${host}:${port} within ${waitMs} ms`), waitMs);
    timer.unref();
    socket.once('connect', () => done(null));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(`cannot connect to ${host}:${port}: ${error.code ?? error.message}`),
    );
  });
}
