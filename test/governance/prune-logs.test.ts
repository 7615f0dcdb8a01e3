import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { appendFile, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { prune } from '../../src/governance/index.js';
import { classifyRunLine } from '../../src/governance/prune/index.js';
import { appendRecord, openRunTrail, type RunRecord } from '../../src/journal/index.js';
import type { TestHome } from '../harness/support/home.js';
import { DAY, NOW, pruneHome, runRecord } from './prune-support.js';

/** `prune --logs`: old run records move to the yearly archives, and every reader still sees every run. */
let home: TestHome | undefined;
afterEach(async () => {
  await home?.remove();
  home = undefined;
});

const YEAR = 365 * DAY;

async function trailRecords(root: string): Promise<RunRecord[]> {
  const trail = await openRunTrail(join(root, 'logs'), { timezone: 'UTC' });
  const runs: RunRecord[] = [];
  for await (const run of trail.runsInRange(null, new Date(0), new Date(8.64e15))) runs.push(run);
  return runs.sort((a, b) => a.run_id.localeCompare(b.run_id));
}

/** 900 runs, one a day back from NOW (2.5 years: 2024, 2025, 2026), and one line that is not a record. */
async function journalHome(): Promise<TestHome> {
  const h = await pruneHome({ alpha: 'daily' });
  const lines: string[] = [];
  for (let day = 899; day >= 0; day--) {
    lines.push(
      JSON.stringify(runRecord(day % 3 === 0 ? 'alpha' : 'beta', new Date(NOW.getTime() - day * DAY - 3_600_000))),
    );
    if (day === 450) lines.push('{"this is": not json');
  }
  await writeFile(join(h.root, 'logs/runs.jsonl'), `${lines.join('\n')}\n`);
  return h;
}

function zcatLines(file: string): string[] {
  return execFileSync('sh', ['-c', `gzip -dc "${file}"`], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.length > 0);
}

describe('classifyRunLine (pure)', () => {
  const line = (ended: string) => JSON.stringify(runRecord('a', new Date(ended)));
  test('moves good records that ended before the cutoff, into their local year; keeps the rest', () => {
    const cutoff = Date.parse('2026-01-01T00:00:00Z');
    expect(classifyRunLine(line('2025-12-31T23:30:00Z'), cutoff, 'UTC')?.year).toBe(2025);
    expect(classifyRunLine(line('2025-12-31T23:30:00Z'), cutoff, 'Europe/Berlin')?.year).toBe(2026);
    expect(classifyRunLine(line('2026-01-01T00:00:00Z'), cutoff, 'UTC')).toBeNull();
    expect(classifyRunLine('{"v":1,"half', cutoff, 'UTC')).toBeNull();
    expect(classifyRunLine('{"v":1,"ended_at":"2020-01-01T00:00:00Z"}', cutoff, 'UTC')).toBeNull();
  });
});

describe('prune --logs', () => {
  test('moves old records into logs/archive/runs-<year>.jsonl.gz; openRunTrail sees the same records before and after', async () => {
    home = await journalHome();
    const before = await trailRecords(home.root);
    expect(before).toHaveLength(900);
    const report = await prune(await home.open(), { dryRun: false, now: NOW, logsOlderThanMs: YEAR });
    const after = await trailRecords(home.root);
    expect(after).toEqual(before);

    const main = readFileSync(join(home.root, 'logs/runs.jsonl'), 'utf8').split('\n').filter(Boolean);
    expect(main).toHaveLength(366); // 365 days + the bad line, which stays where readers count it
    expect(main.some((l) => l.startsWith('{"this is"'))).toBe(true);
    const moved = Object.values(report.logs!.byYear).reduce((a, b) => a + b, 0);
    expect(moved).toBe(535);
    expect(Object.keys(report.logs!.byYear).sort()).toEqual(['2024', '2025']);
    expect(
      zcatLines(join(home.root, 'logs/archive/runs-2024.jsonl.gz')).length +
        zcatLines(join(home.root, 'logs/archive/runs-2025.jsonl.gz')).length,
    ).toBe(535);

    // a second rotation appends a new member to the 2025 archive; zcat and the trail see both
    const again = await prune(await home.open(), { dryRun: false, now: NOW, logsOlderThanMs: 200 * DAY });
    expect(again.logs!.byYear['2025']).toBeGreaterThan(0);
    expect(await trailRecords(home.root)).toEqual(before);
    const zcatTotal = ['2024', '2025', '2026'].map((y) => {
      try {
        return zcatLines(join(home!.root, `logs/archive/runs-${y}.jsonl.gz`)).length;
      } catch {
        return 0;
      }
    });
    expect(zcatTotal.reduce((a, b) => a + b, 0)).toBe(700);
  });

  test('--dry-run counts what would move and changes nothing', async () => {
    home = await journalHome();
    const before = readFileSync(join(home.root, 'logs/runs.jsonl'));
    const report = await prune(await home.open(), { dryRun: true, now: NOW, logsOlderThanMs: YEAR });
    expect(Object.values(report.logs!.byYear).reduce((a, b) => a + b, 0)).toBe(535);
    expect(readFileSync(join(home.root, 'logs/runs.jsonl')).equals(before)).toBe(true);
    expect(() => readFileSync(join(home!.root, 'logs/archive/runs-2025.jsonl.gz'))).toThrow();
  });

  test('a crash after archiving and before the rewrite: the next rotation archives nothing twice', async () => {
    home = await journalHome();
    const before = await trailRecords(home.root);
    const opened = await home.open();
    await expect(
      prune(opened, {
        dryRun: false,
        now: NOW,
        logsOlderThanMs: YEAR,
        rotateHook: (step) => {
          if (step === 'renaming') throw new Error('crash');
        },
      }),
    ).rejects.toThrow('crash');
    // nothing lost: every record is still in runs.jsonl (and the old ones in the archive too)
    const ids = new Set((await trailRecords(home.root)).map((r) => r.run_id));
    expect(ids.size).toBe(900);
    const second = await prune(opened, { dryRun: false, now: NOW, logsOlderThanMs: YEAR });
    expect(second.logs!.alreadyArchived).toBe(535);
    expect(await trailRecords(home.root)).toEqual(before);
  });

  test('a crash mid-append of an archive member is cut off by the next rotation', async () => {
    home = await journalHome();
    const before = await trailRecords(home.root);
    const opened = await home.open();
    await expect(
      prune(opened, {
        dryRun: false,
        now: NOW,
        logsOlderThanMs: YEAR,
        rotateHook: async (step, detail) => {
          if (step !== 'appended') return;
          await appendFile(detail.archive!, Buffer.from([0x1f, 0x8b, 0x08, 0x00])); // the start of a member that never finished
          throw new Error('crash');
        },
      }),
    ).rejects.toThrow('crash');
    await prune(opened, { dryRun: false, now: NOW, logsOlderThanMs: YEAR });
    expect(await trailRecords(home.root)).toEqual(before);
    expect(zcatLines(join(home.root, 'logs/archive/runs-2024.jsonl.gz')).length).toBeGreaterThan(0);
  });

  test('records appended while the rotation runs, before and after the rename, are kept', async () => {
    home = await journalHome();
    const journal = join(home.root, 'logs/runs.jsonl');
    const early = runRecord('alpha', new Date(NOW.getTime() - 1000));
    const late = runRecord('alpha', new Date(NOW.getTime() - 500));
    let pending: Promise<void> = Promise.resolve();
    await prune(await home.open(), {
      dryRun: false,
      now: NOW,
      logsOlderThanMs: YEAR,
      settleMs: 200,
      rotateHook: async (step) => {
        if (step !== 'renaming') return;
        await appendRecord(journal, early);
        // a writer that opened the old file just before the rename and writes just after it
        const handle = await open(journal, 'a');
        pending = new Promise((resolve) =>
          setTimeout(async () => {
            await handle.write(`${JSON.stringify(late)}\n`);
            await handle.close();
            resolve();
          }, 30),
        );
      },
    });
    await pending;
    const ids = (await trailRecords(home.root)).map((r) => r.run_id);
    expect(ids).toContain(early.run_id);
    expect(ids).toContain(late.run_id);
    expect(ids).toHaveLength(902);
  });
});
