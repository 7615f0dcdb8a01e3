import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, demoCopies, FIXTURES, treeDigest } from './eval-support.js';
import { tarList } from './prune-support.js';

/** `nightshift prune` as built, on copies of the demo home. */
const freshDemo = demoCopies();

describe('nightshift prune (CLI)', () => {
  test('--dry-run --logs changes nothing, and lists one line per file it would move', async () => {
    const demo = freshDemo();
    const before = treeDigest(demo.root);
    const ran = await cli(['prune', '--dry-run', '--logs', '--older-than', '60d', '--home', demo.root]);
    expect(ran.code).toBe(0);
    expect(treeDigest(demo.root)).toBe(before);
    expect(ran.stdout).toMatch(/^dry run: nothing is moved or deleted\n/);
    expect(ran.stdout).toMatch(
      /^would archive outputs\/ticket-monitor\/\S+\.md → outputs\/ticket-monitor\/archive\/2026\.tar\.gz \(\d+ days old by its run end\)$/m,
    );
    expect(ran.stdout).toMatch(
      /^would delete  outputs\/error-log-watcher\/\S+\.md \(\d+ days old by its run end; its retention says delete\)$/m,
    );
    expect(ran.stdout).toMatch(/^audit trail: would move \d+ run records that ended before /m);
  });

  test('--logs: `nightshift logs` shows the same runs before and after; the outputs it archived list with tar', async () => {
    const demo = freshDemo();
    const logs = async () =>
      JSON.parse((await cli(['logs', '--json', '--limit', '100000', '--home', demo.root])).stdout) as Array<{
        run_id: string;
      }>;
    const before = await logs();
    expect(before.length).toBeGreaterThan(800);
    const ran = await cli(['prune', '--logs', '--older-than', '30d', '--json', '--home', demo.root]);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout) as {
      archived: Array<{ file: string; archive: string }>;
      deleted: unknown[];
      logs: { moved_by_year: Record<string, number> };
    };
    expect(Object.values(report.logs.moved_by_year).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(await logs()).toEqual(before);
    const byArchive = new Map<string, string[]>();
    for (const a of report.archived)
      byArchive.set(a.archive, [...(byArchive.get(a.archive) ?? []), a.file.split('/').pop()!]);
    for (const [archive, names] of byArchive) expect(tarList(join(demo.root, archive)).sort()).toEqual(names.sort());
    expect(readFileSync(join(demo.root, 'logs/runs.jsonl')).length).toBeLessThan(
      readFileSync(join(FIXTURES, 'demo-home/logs/runs.jsonl')).length,
    );
  });

  test('bad arguments: exit 2 with what was expected', async () => {
    const demo = freshDemo();
    const alone = await cli(['prune', '--older-than', '30d', '--home', demo.root]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--older-than applies to --logs only');
    const bad = await cli(['prune', '--logs', '--older-than', 'ages', '--home', demo.root]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--older-than: "ages" is not an age: expected a number and a unit, like 1y, 180d or 26w',
    );
  });
});
