import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, demoCopies } from './eval-support.js';

/**
 * `prune --logs` in a home shared by hosts (issue 16 point 1): a host rotates
 * only what it writes (its runs@<host>.jsonl, into runs-<year>@<host>.jsonl.gz,
 * and the home's runs.jsonl, which no host appends to once the home is shared);
 * another host's journal is left to that host. Every run stays visible.
 */
const freshDemo = demoCopies();

describe('prune --logs in a shared home', () => {
  test('host a rotates its own journal and the home’s, names b’s as left to b; logs shows the same runs', async () => {
    const demo = freshDemo();
    const logsDir = join(demo.root, 'logs');
    const lines = readFileSync(join(logsDir, 'runs.jsonl'), 'utf8').split('\n').filter(Boolean);
    // the demo's history spread over the home's file and hosts a and b
    const part = (i: number) =>
      lines
        .filter((_, n) => n % 3 === i)
        .map((line) => `${line}\n`)
        .join('');
    writeFileSync(join(logsDir, 'runs.jsonl'), part(0));
    writeFileSync(join(logsDir, 'runs@a.jsonl'), part(1));
    writeFileSync(join(logsDir, 'runs@b.jsonl'), part(2));
    const bBefore = readFileSync(join(logsDir, 'runs@b.jsonl'));
    const ids = async () =>
      (
        JSON.parse((await cli(['logs', '--json', '--limit', '100000', '--home', demo.root])).stdout) as Array<{
          run_id: string;
        }>
      )
        .map((run) => run.run_id)
        .sort();
    const before = await ids();
    expect(before).toHaveLength(lines.length);

    const env = { NIGHTSHIFT_HOST: 'a' };
    const ran = await cli(['prune', '--logs', '--older-than', '30d', '--json', '--home', demo.root], env);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout) as {
      logs: { archives: string[]; journals: string[]; left_to_other_hosts: string[] };
    };
    expect(report.logs.journals).toEqual(['runs@a.jsonl', 'runs.jsonl']);
    expect(report.logs.left_to_other_hosts).toEqual(['runs@b.jsonl']);
    expect(report.logs.archives).toContain('logs/archive/runs-2026@a.jsonl.gz');
    expect(report.logs.archives).toContain('logs/archive/runs-2026.jsonl.gz');
    expect(existsSync(join(logsDir, 'archive', 'runs-2026@b.jsonl.gz'))).toBe(false);
    expect(readFileSync(join(logsDir, 'runs@b.jsonl')).equals(bBefore)).toBe(true);
    expect(await ids()).toEqual(before);

    const text = await cli(['prune', '--logs', '--older-than', '30d', '--dry-run', '--home', demo.root], env);
    expect(text.stdout).toMatch(/stay in logs\/runs@a\.jsonl/);
    expect(text.stdout).toMatch(/logs\/runs@b\.jsonl is another host's journal/);
  }, 120_000);
});
