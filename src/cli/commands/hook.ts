import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText } from '../output.js';
import { commonOptions } from '../context.js';
import { requireAgent } from '../agent-arg.js';

/**
 * `nightshift hook <agent> --data @file`: a test request to the daemon's
 * webhook listener, signed as a sender would sign it (X-Hub-Signature-256
 * over `<timestamp>.<body>`, X-Nightshift-Timestamp now) with the secret
 * from the variable the agent's trigger names. Prints the answer.
 */
export function registerHook(program: Command): void {
  program
    .command('hook <agent>')
    .description(
      "send a signed test request to the daemon's webhook listener for a webhook agent, and print the answer",
    )
    .option('--data <body>', 'the request body (required): @file reads a file (@- stdin), anything else as written')
    .option(
      '--url <url>',
      'where the daemon listens: a base like http://127.0.0.1:9465 or the full /hooks/<agent> URL ' +
        "(default: the address this home's daemon gives in run/scheduler.json, else 127.0.0.1:9465)",
    )
    .option('--bearer', 'send the secret as Authorization: Bearer instead of signing the body')
    .option('--json', 'print {status, body} as JSON')
    .addHelpText(
      'after',
      '\nThe secret is read from the environment variable named by trigger.webhook.secret_env; it is never printed.\n' +
        'Exit codes: 0 accepted (202), 1 refused (the status says why: README "Webhook trigger"), ' +
        '2 not a webhook agent, no secret, bad --data or --url, or nothing listening.',
    )
    .action(
      action(async (agent: string, opts: { data?: string; url?: string; bearer?: boolean }, command: Command) => {
        const { home, json } = commonOptions(command);
        const [{ openHome }, { loadAgentFile }, { UsageError, errorMessage }, daemon] = await Promise.all([
          import('../../home/index.js'),
          import('../../agents/index.js'),
          import('../../shared/index.js'),
          import('../../daemon/index.js'),
        ]);
        // checked after the home, as every command checks its home first
        const opened = await openHome(home);
        await requireAgent(opened.paths, agent);
        if (opts.data === undefined)
          throw new UsageError('--data is required: the body to send', {
            field: '--data',
            expected: '@file, @- (stdin) or the body itself',
            actual: 'nothing',
            fix: `nightshift hook ${agent} --data @payload.json`,
          });
        const entry = await loadAgentFile(opened.paths.agentFile(agent), opened.defaults);
        const trigger = entry.ok ? entry.agent.trigger : undefined;
        if (trigger?.kind !== 'webhook')
          throw new UsageError(`${agent} has no webhook trigger: nothing listens for it`, {
            file: `agents/${agent}.md`,
            field: 'trigger.webhook',
            expected: 'trigger: { webhook: { secret_env: NAME } } (and a valid file: `nightshift validate`)',
            actual: entry.ok ? (trigger?.kind ?? 'no trigger') : 'an invalid agent file',
            fix: `add a webhook trigger to agents/${agent}.md`,
          });
        const secret = process.env[trigger.secretEnv] ?? '';
        if (secret === '')
          throw new UsageError(`$${trigger.secretEnv} is not set: the request cannot be signed`, {
            field: trigger.secretEnv,
            expected: "the shared secret the daemon's environment has too",
            actual: 'unset or empty',
            fix: `export ${trigger.secretEnv}=… (the same value the daemon runs with)`,
          });
        const body = await readData(opts.data, UsageError);
        // without --url: where this home's daemon says it listens, else the default address
        const live = opts.url === undefined ? await daemon.liveWebhookAddress(opened.paths, new Date()) : null;
        const url = hookUrl(
          opts.url ?? (live === null ? undefined : `http://${live}`),
          agent,
          daemon.DEFAULT_WEBHOOK_LISTEN,
          UsageError,
        );
        const timestamp = String(Math.floor(Date.now() / 1000));
        const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
        if (opts.bearer) headers.authorization = `Bearer ${secret}`;
        else {
          headers[daemon.TIMESTAMP_HEADER] = timestamp;
          headers[daemon.SIGNATURE_HEADER] = daemon.signBody(secret, body, timestamp);
        }
        let response: Response;
        try {
          response = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(30_000) });
        } catch (error) {
          throw new UsageError(`nothing answered at ${url}: ${errorMessage(error)}`, {
            field: '--url',
            expected: 'the address `nightshift daemon` logs as "webhooks: listening on …"',
            actual: url,
            fix: 'start the daemon, or pass --url with the address it listens on',
          });
        }
        const text = await response.text();
        if (json) printJson({ status: response.status, body: parsed(text) });
        else printText(`HTTP ${response.status} ${response.statusText}\n${text.endsWith('\n') ? text : `${text}\n`}`);
        return response.status === 202 ? 0 : 1;
      }),
    );
}

async function readData(data: string, UsageError: typeof import('../../shared/index.js').UsageError): Promise<Buffer> {
  if (!data.startsWith('@')) return Buffer.from(data);
  const file = data.slice(1);
  try {
    return file === '-' ? await readStdin() : await readFile(file);
  } catch (error) {
    throw new UsageError(`--data ${data}: cannot read ${file}: ${(error as Error).message}`, {
      field: '--data',
      expected: 'a readable file after @',
      actual: file,
      fix: 'name a file that exists, or give the body itself without @',
    });
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function hookUrl(
  given: string | undefined,
  agent: string,
  fallback: { host: string; port: number },
  UsageError: typeof import('../../shared/index.js').UsageError,
): string {
  const base = given ?? `http://${fallback.host}:${fallback.port}`;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new UsageError(`--url ${JSON.stringify(base)} is not a URL`, {
      field: '--url',
      expected: 'http://HOST:PORT or http://HOST:PORT/hooks/<agent>',
      actual: base,
      fix: `--url http://127.0.0.1:${fallback.port}`,
    });
  }
  if (!/\/hooks\/[^/]+\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/$/, '')}/hooks/${agent}`;
  return url.toString();
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
