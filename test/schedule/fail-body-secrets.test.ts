import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { afterRun } from '../../src/schedule/index.js';
import { KEY_58, piecesIn } from '../support/secret-pieces.js';
import { makeScheduleHome, runRecord, type ScheduleHome } from './support/home.js';

/**
 * Issue 12 §5 for the healthchecks /fail body: the last 10 KB of the run's
 * output, read from the middle of the file, may start inside a key. No piece
 * of it is sent. A real HTTP server on 127.0.0.1 stands in for healthchecks.io.
 */
let server: Server;
let base: string;
let bodies: Array<{ path: string; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      bodies.push({ path: req.url ?? '', body });
      res.end('OK');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let home: ScheduleHome;
beforeEach(async () => {
  bodies = [];
  home = await makeScheduleHome(`timezone: UTC\nnotify:\n  healthchecks:\n    url: ${base}/ping/{agent}\n  timeout: 2s\n`);
  await home.writeAgent('digest', { review: 'none' });
});
afterEach(() => home.remove());

test.each([5, 30, 57])('the /fail body starts %i characters before the end of a key: none of it is sent', async (kept) => {
  const record = runRecord('digest', new Date(), { status: 'ERROR', reason: 'upstream 503', output_file: 'outputs/digest/2026-05-10.md' });
  const head = `digest ERROR: upstream 503 (run ${record.run_id})\n`;
  const tail = 10 * 1024 - Buffer.byteLength(head);
  // the file's last `tail` bytes begin `kept` characters before the key's end
  await home.writeRaw('outputs/digest/2026-05-10.md', `${'o'.repeat(500)}${KEY_58}${'t'.repeat(tail - kept)}`);
  await home.appendRuns([record]);
  await afterRun(await home.open(), record, { env: { ...process.env, ORDERS_API_KEY: KEY_58 } });
  const fail = bodies.find((b) => b.path.startsWith('/ping/digest/fail'));
  expect(fail?.body.startsWith(head)).toBe(true);
  expect(piecesIn(fail!.body, KEY_58)).toEqual([]);
  expect(fail!.body).not.toContain(KEY_58.slice(-Math.min(kept, 5)));
  expect(fail!.body).toContain(`[redacted:ORDERS_API_KEY]${'t'.repeat(20)}`);
});
