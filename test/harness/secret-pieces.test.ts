import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cli } from '../support/cli.js';
import { KEY_58, piecesIn } from '../support/secret-pieces.js';
import { makeHome, nodeAgent, type TestHome } from './support/home.js';

/**
 * Issue 12 §5, end to end through `nightshift run` as a user runs it: a key in
 * a long stderr line (or an HTTP server's error body) that a cut slices leaves
 * no piece of 8 or more of its characters in runs.jsonl, alerts.jsonl, the
 * notify command's stdin, the webhook body, the healthchecks /fail body or
 * what the command prints — for names that say "secret", for a runner's key
 * variable, and for a variable nightshift.yaml lists.
 */
let server: Server;
let base: string;
let received: Array<{ path: string; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body });
      if (req.url === '/v1/chat/completions') {
        // a server that echoes the key it was sent, so far into its message that the 300-character excerpt cuts it
        const key = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `${'e'.repeat(249)}${key} is not valid ${'f'.repeat(100)}` } }));
        return;
      }
      res.end('OK');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let home: TestHome | null = null;
beforeEach(() => {
  received = [];
});
afterEach(async () => {
  await home?.remove();
  home = null;
});

/** A home whose alerts go to a notify command and a webhook, and to healthchecks; `secrets.env` when given. */
async function alertingHome(listed: string[]): Promise<TestHome> {
  const lines = [
    'timezone: UTC',
    'harness:\n  kill_grace: 1s',
    `notify:\n  command: "cat >> notify-stdin.jsonl"\n  webhook: ${base}/hook\n  healthchecks:\n    url: ${base}/ping/{agent}\n  timeout: 5s`,
    ...(listed.length > 0 ? [`secrets:\n  env: [${listed.join(', ')}]`] : []),
  ];
  return makeHome(`${lines.join('\n')}\n`);
}

const read = (relative: string) => readFile(join(home!.root, relative), 'utf8').catch(() => '');

/** A command that prints the key in the middle of one long stderr line, `after` characters from its end, and fails. */
function leakingCommand(variable: string, after: number): Record<string, unknown> {
  return nodeAgent(
    `process.stderr.write('x'.repeat(300) + ' rejected key ' + process.env.${variable} + ' ' + 'z'.repeat(${after - 1}) + '\\n'); process.exit(1)`,
  );
}

/** Everything nightshift stored or sent for the run. */
async function everything(printed: string): Promise<Record<string, string>> {
  return {
    'runs.jsonl': await read('logs/runs.jsonl'),
    'alerts.jsonl': await read('logs/alerts.jsonl'),
    'notify stdin': await read('notify-stdin.jsonl'),
    'webhook body': received
      .filter((r) => r.path === '/hook')
      .map((r) => r.body)
      .join('\n'),
    'healthchecks /fail body': received
      .filter((r) => r.path.startsWith('/ping/agent/fail'))
      .map((r) => r.body)
      .join('\n'),
    printed,
  };
}

async function expectNoPiece(variable: string, front: Record<string, unknown>, listed: string[] = []): Promise<void> {
  home = await alertingHome(listed);
  await home.writeAgent('agent', front);
  const ran = await cli(['run', 'agent', '--home', home.root], { env: { [variable]: KEY_58 } });
  expect(ran.stderr).not.toContain('is not valid');
  const sent = await everything(ran.stdout + ran.stderr);
  for (const [where, text] of Object.entries(sent)) {
    // the run happened and its failure was alerted on every channel
    if (where !== 'printed') expect(text.length, `${where} is empty`).toBeGreaterThan(0);
    expect(piecesIn(text, KEY_58), `pieces of the key in ${where}`).toEqual([]);
  }
  // the operator still sees which key it was
  const record = JSON.parse(sent['runs.jsonl']!.trim()) as { status: string; reason: string };
  expect(record.status).toBe('RUNNER_FAILED');
  expect(record.reason).toContain(`[redacted:${variable}]`);
  expect(JSON.parse(sent['notify stdin']!.split('\n')[0]!)).toMatchObject({ key: 'non_ok:agent', event: 'open' });
}

describe('no piece of a secret is stored or sent', () => {
  test.each([
    // the one-line reason keeps the last 400 characters: 30 of the key's 58 fell inside it
    ['DEPLOY_TOKEN', 370],
    ['APP_SECRET', 370],
    // the reason's stderr part keeps the last 500: the same, one cut further
    ['DB_PASSWORD', 470],
    ['STRIPE_KEY', 470],
  ])('a command runner prints $%s in a long stderr line, cut %i characters after it', async (variable, after) => {
    await expectNoPiece(variable, leakingCommand(variable, after));
  });

  test('a variable not named like a secret, listed in nightshift.yaml secrets.env', async () => {
    await expectNoPiece('DATABASE_URL', leakingCommand('DATABASE_URL', 370), ['SENTRY_DSN', 'DATABASE_URL']);
  });

  test("the HTTP runner's key variable (runner.api_key_env, any name), echoed by the server in an error body the excerpt cuts", async () => {
    await expectNoPiece('LLM_CREDENTIAL', {
      runner: { kind: 'openai', model: 'gpt-5-mini', base_url: `${base}/v1`, api_key_env: 'LLM_CREDENTIAL' },
    });
    // the key did go to the server, in the header it belongs in
    expect(received.some((r) => r.path === '/v1/chat/completions')).toBe(true);
  });
});
