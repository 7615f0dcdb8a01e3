import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';
import { startReceiver } from '../support/otlp-receiver.js';

/**
 * What `nightshift run` loads, read from the real build: every module the
 * process loads is noted by a module hook, and each chunk's source map says
 * which packages are in it. The packages that read what people write (yaml,
 * zod) and put a schedule in words (cronstrue) are most of the product's
 * code by weight; a run whose agent file and nightshift.yaml the parse
 * caches know must not load them, nor the console's React and Ink.
 */
const HEAVY = ['yaml', 'zod', 'cronstrue', 'react', 'ink', 'prom-client'];

const HOOK = `data:text/javascript,${encodeURIComponent(`
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
  import { appendFileSync } from 'node:fs';
  export async function load(url, context, next) {
    if (url.startsWith('file:')) appendFileSync(process.env.NIGHTSHIFT_TEST_LOADED, url + '\\\\n');
    return next(url, context);
  }\`));
`)}`;

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'ns-run-loads-'));
  await mkdir(join(home, 'agents'));
  await writeFile(join(home, 'nightshift.yaml'), 'timezone: UTC\n');
  await writeFile(
    join(home, 'agents', 'noop.md'),
    [
      '---',
      'name: noop',
      'description: does nothing',
      'trigger:',
      '  cron: "0 3 * * *"',
      'runner:',
      '  kind: command',
      '  command: ["printf", "nothing to do\\nSTATUS: OK\\nEND_OF_RUN\\n"]',
      '---',
      'Nothing.',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

/** Central logs are off unless configured: none of the machine's OTEL_* settings reach the probe's run. */
const NO_OTEL = Object.fromEntries(
  Object.keys(process.env)
    .filter((name) => name.startsWith('OTEL_'))
    .map((name) => [name, '']),
);

/** The packages whose code a CLI process loaded (a run by default), from the chunks' source maps. */
async function packagesLoadedByRun(
  args: string[] = ['run', 'noop'],
  env: NodeJS.ProcessEnv = {},
): Promise<Set<string>> {
  const list = join(home, `loaded-${Date.now()}-${Math.random()}.txt`);
  const ran = spawnSync(process.execPath, ['--import', HOOK, BIN, ...args, '--home', home], {
    encoding: 'utf8',
    env: { ...process.env, ...NO_OTEL, NO_COLOR: '1', NIGHTSHIFT_TEST_LOADED: list, ...env },
    timeout: 60_000,
  });
  expect(ran.status, ran.stderr).toBe(0);
  const packages = new Set<string>();
  for (const url of (await readFile(list, 'utf8')).split('\n').filter(Boolean)) {
    const file = fileURLToPath(url);
    if (!file.includes('/dist/')) continue;
    const map = JSON.parse(await readFile(`${file}.map`, 'utf8')) as { sources: string[] };
    for (const source of map.sources) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1];
      if (name) packages.add(name);
    }
  }
  return packages;
}

describe('nightshift run (the build)', () => {
  it('parses with yaml, zod and the cron math when the caches are cold, and loads none of them once they are warm', async () => {
    // cold: the probe sees the parsers, so an empty answer below is not a blind probe
    const cold = await packagesLoadedByRun();
    expect([...cold].filter((name) => ['yaml', 'zod', 'cronstrue'].includes(name)).sort()).toEqual([
      'cronstrue',
      'yaml',
      'zod',
    ]);
    const warm = await packagesLoadedByRun();
    expect(warm.has('commander')).toBe(true);
    expect([...warm].filter((name) => HEAVY.includes(name))).toEqual([]);
  });

  it('loads OpenTelemetry only when OTLP export is configured (README "Central logs: OpenTelemetry")', async () => {
    const off = await packagesLoadedByRun();
    expect([...off].filter((name) => name.startsWith('@opentelemetry/'))).toEqual([]);
    // configured, with a receiver up: the probe sees the SDK and the exporter, so the empty answer above is not blind
    const receiver = await startReceiver();
    try {
      const on = await packagesLoadedByRun(['run', 'noop'], { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
      expect([...on].filter((name) => name.startsWith('@opentelemetry/')).sort()).toEqual(
        expect.arrayContaining(['@opentelemetry/exporter-logs-otlp-proto', '@opentelemetry/sdk-logs']),
      );
      await receiver.waitForRecords(1);
    } finally {
      await receiver.close();
    }
  });
});

describe('the reading commands (the build)', () => {
  it('status, costs and review load neither parser nor the console once the parse caches know the files', async () => {
    // cronstrue they may load: they print each schedule in words
    await packagesLoadedByRun(); // fills the parse caches
    for (const args of [
      ['status', '--json'],
      ['costs', '--json'],
      ['review', '--json', '--seed', '1'],
    ]) {
      const loaded = await packagesLoadedByRun(args);
      expect(loaded.has('commander')).toBe(true);
      const heavy = [...loaded].filter((name) => HEAVY.includes(name) && name !== 'cronstrue');
      expect([args.join(' '), heavy]).toEqual([args.join(' '), []]);
    }
  });
});
