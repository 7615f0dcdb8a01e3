import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

/**
 * A home shared by several hosts (issue 16 point 1): each host appends only to
 * its own journals (logs/<kind>@<host>.jsonl), and every reader merges them.
 * Two "hosts" here are NIGHTSHIFT_HOST=a and =b on one local folder.
 */
let home: string;

const agent = (name: string, command: string[], extra: string[] = []): string =>
  [
    '---',
    `name: ${name}`,
    `description: ${name} for the shared-home test`,
    'trigger:',
    '  cron: "0 3 * * *"',
    'runner:',
    '  kind: command',
    `  command: ${JSON.stringify(command)}`,
    ...extra,
    '---',
    'Nothing.',
    '',
  ].join('\n');

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'ns-shared-'));
  await mkdir(join(home, 'agents'));
  await writeFile(join(home, 'nightshift.yaml'), 'timezone: UTC\n');
  await writeFile(join(home, 'agents', 'good.md'), agent('good', ['printf', 'all fine\\nSTATUS: OK\\nEND_OF_RUN\\n']));
  await writeFile(
    join(home, 'agents', 'bad.md'),
    agent('bad', ['sh', '-c', 'echo broken; exit 3'], ['alerts:', '  failures_before_alert: 1']),
  );
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const on = (host: string | null, args: string[]) =>
  cli([...args, '--home', home], host === null ? {} : { env: { NIGHTSHIFT_HOST: host } });

/** name → size and mtime of every file under logs/ (not the index): what a command wrote. */
async function snapshot(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const names = await readdir(join(home, 'logs')).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const info = await stat(join(home, 'logs', name));
    if (info.isFile()) files.set(name, `${info.size}:${info.mtimeMs}`);
  }
  return files;
}

function written(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([name, mark]) => before.get(name) !== mark).map(([name]) => name);
}

async function lines(name: string): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(join(home, 'logs', name), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('a home shared by hosts a and b', () => {
  it('each host appends only to its own journals; status, logs, costs, review, registry and check see both', async () => {
    const byHost = new Map<string, string[]>();
    const steps: Array<[string, string[]]> = [
      ['a', ['run', 'good']],
      ['b', ['run', 'bad']],
      ['b', ['run', 'good']],
      ['a', ['review', 'mark', 'good', '--note', 'fine']],
      ['b', ['review', 'mark', 'bad', '--note', 'broken', '--concern']],
      ['a', ['pause', 'good', '--reason', 'a rests it']],
      ['b', ['resume', 'good', '--reason', 'b wakes it']],
      ['a', ['check']],
      ['b', ['check']],
    ];
    for (const [host, args] of steps) {
      const before = await snapshot();
      const ran = await on(host, args);
      expect([args, ran.stderr]).toEqual([args, expect.not.stringContaining('internal error')]);
      const files = written(before, await snapshot());
      byHost.set(host, [...(byHost.get(host) ?? []), ...files]);
      // what it says it recorded is where it recorded it
      const told = /Recorded in (\S+)\./.exec(ran.stdout)?.[1];
      if (told !== undefined)
        expect([args, told]).toEqual([args, expect.stringMatching(new RegExp(`@${host}\\.jsonl$`))]);
      // every file this command wrote is its host's own
      for (const file of files)
        expect([args, file]).toEqual([args, expect.stringMatching(new RegExp(`@${host}\\.jsonl$`))]);
    }
    // no file is written by two hosts, and the single journals were never made
    const a = new Set(byHost.get('a'));
    const b = new Set(byHost.get('b'));
    expect([...a].filter((name) => b.has(name))).toEqual([]);
    const names = [...(await snapshot()).keys()].sort();
    expect(names).toEqual([
      'alerts@b.jsonl',
      'changes@a.jsonl',
      'changes@b.jsonl',
      'reviews@a.jsonl',
      'reviews@b.jsonl',
      'runs@a.jsonl',
      'runs@b.jsonl',
    ]);
    expect((await lines('runs@a.jsonl')).map((r) => [r.agent, r.host])).toEqual([['good', 'a']]);
    expect((await lines('runs@b.jsonl')).map((r) => [r.agent, r.host])).toEqual([
      ['bad', 'b'],
      ['good', 'b'],
    ]);
    // b's run opened the alert; a's check saw it open (no second open anywhere)
    expect((await lines('alerts@b.jsonl')).map((e) => [e.event, e.key])).toEqual([['open', 'non_ok:bad']]);

    const status = await on(null, ['status']);
    expect(status.stdout).toMatch(/3 runs today · 1 open alert/);
    expect(status.stdout).toMatch(/bad +RUNNER_FAILED/);

    const logs = await on(null, ['logs', '--json']);
    const runs = JSON.parse(logs.stdout) as Array<{ agent: string; host: string; ended_at: string }>;
    expect(runs.map((r) => `${r.agent}@${r.host}`)).toEqual(['good@a', 'bad@b', 'good@b']);
    const table = await on(null, ['logs']);
    expect(table.stdout).toMatch(/HOST/);
    expect(table.stdout).toMatch(/good +a +OK/);

    const costs = await on(null, ['costs', '--json']);
    expect(costs.code).toBe(0);
    expect(costs.stdout).toMatch(/"runs": ?3|"runs":3/);

    const registry = await on(null, ['registry']);
    expect(registry.stdout).toMatch(/good .* enabled .* by root/);
    expect(registry.stdout).toMatch(/bad .* by root/);

    const review = await on(null, ['review']);
    expect(review.stdout).toMatch(/3 runs, 1 not OK/);
    expect(review.stdout).toMatch(/"fine"/);
    expect(review.stdout).toMatch(/"broken"/);

    const history = await on(null, ['history', 'good']);
    expect(history.stdout).toMatch(/pause +by .*\n(.*\n)*.*resume +by /);

    // the alert b opened, seen from a: a's check resolves nothing (bad still failed), and lists it
    const check = await on('a', ['check']);
    expect(check.stdout).toMatch(/1 alert\(s\) open/);
    expect(check.stdout).toMatch(/non_ok:bad/);
  }, 180_000);

  it('`hosts: shared` in nightshift.yaml alone names the journals after the kernel host name', async () => {
    await writeFile(join(home, 'nightshift.yaml'), 'timezone: UTC\nhosts: shared\n');
    const ran = await on(null, ['run', 'good']);
    expect(ran.code).toBe(0);
    expect([...(await snapshot()).keys()]).toEqual([`runs@${hostname()}.jsonl`]);
  }, 60_000);

  it('without either, the home keeps its single journals', async () => {
    const ran = await on(null, ['run', 'good']);
    expect(ran.code).toBe(0);
    expect([...(await snapshot()).keys()]).toEqual(['runs.jsonl']);
  }, 60_000);
});
