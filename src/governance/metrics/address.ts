import { isIP } from 'node:net';
import { UsageError } from '../../shared/index.js';

export interface ListenAddress {
  host: string;
  port: number;
}

const EXPECTED =
  'HOST:PORT with an IP address, e.g. 127.0.0.1:9464 or [::1]:9464 (a bare PORT or :PORT means 127.0.0.1)';

/**
 * `--metrics 127.0.0.1:9464`: where the metrics server listens, and only
 * there. An IP address, not a name: "localhost" may resolve to ::1 on one
 * host and 127.0.0.1 on another, and a scrape job names one of them.
 * The host defaults to 127.0.0.1: the metrics say what the fleet does and
 * costs, so reaching them from the network is a choice made out loud.
 */
export function parseListenAddress(
  text: string,
  flag = '--metrics',
  options: { anyPort?: boolean } = {},
): ListenAddress {
  const bad = (why: string): UsageError =>
    new UsageError(`${flag} ${JSON.stringify(text)}: ${why}`, {
      field: flag,
      expected: EXPECTED,
      actual: text,
      fix: `${flag} 127.0.0.1:9464`,
    });
  const trimmed = text.trim();
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(trimmed);
  let host: string;
  let portText: string;
  if (bracketed) {
    host = bracketed[1] as string;
    portText = bracketed[2] as string;
  } else if (/^:?\d+$/.test(trimmed)) {
    host = '127.0.0.1';
    portText = trimmed.replace(/^:/, '');
  } else {
    const colon = trimmed.lastIndexOf(':');
    if (colon <= 0) throw bad('no port');
    host = trimmed.slice(0, colon);
    portText = trimmed.slice(colon + 1);
    if (host.includes(':')) throw bad('an IPv6 address goes in brackets');
  }
  if (isIP(host) === 0) throw bad(`${JSON.stringify(host)} is not an IP address`);
  if (!/^\d+$/.test(portText)) throw bad(`${JSON.stringify(portText)} is not a port number`);
  const port = Number(portText);
  // port 0 (any free port, said in the log) where the caller allows it: tests, and a listener found from its log
  const lowest = options.anyPort ? 0 : 1;
  if (port < lowest || port > 65535) throw bad(`port ${port} is outside ${lowest}-65535`);
  return { host, port };
}

/** How an address is written back: brackets around IPv6. */
export function formatAddress({ host, port }: ListenAddress): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}
