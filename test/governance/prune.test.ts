import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { prune, renderPrune } from '../../src/governance/index.js';
import { inputFileName } from '../../src/home/index.js';
import { planPrune } from '../../src/governance/prune/index.js';
import { retentionRule } from '../../src/governance/retention/policy.js';
import type { TestHome } from '../harness/support/home.js';
import { DAY, hashTree, NOW, pruneHome, tarExtract, tarList, writeOutput } from './prune-support.js';

let home: TestHome | undefined;
afterEach(async () => {
  await home?.remove();
  home = undefined;
});

describe('planPrune (pure)', () => {
  const file = (name: string, endedDaysAgo: number | null, mtimeDaysAgo = 0) => ({
    name,
    endedAtMs: endedDaysAgo === null ? null : NOW.getTime() - endedDaysAgo * DAY,
    mtimeMs: NOW.getTime() - mtimeDaysAgo * DAY,
  });

  test('daily keeps 90 days, weekly a year, quarterly and forever for ever, {keep, then} as written', () => {
    const plan = planPrune(
      [
        {
          agent: 'd',
          timezone: 'UTC',
          rule: retentionRule('daily'),
          files: [file('2026-08-24.md', 91), file('2026-08-26.md', 89)],
        },
        {
          agent: 'w',
          timezone: 'UTC',
          rule: retentionRule('weekly'),
          files: [file('2025-11-20.md', 368), file('2026-01-05.md', 322)],
        },
        { agent: 'q', timezone: 'UTC', rule: retentionRule('quarterly'), files: [file('2019-01-01.md', 2000)] },
        { agent: 'f', timezone: 'UTC', rule: retentionRule('forever'), files: [file('2019-01-01.md', 2000)] },
        {
          agent: 'k',
          timezone: 'UTC',
          rule: retentionRule({ keep: 30 * DAY, then: 'delete' }),
          files: [file('2026-10-01T101500.md', 53), file('2026-11-20T101500.md', 3)],
        },
      ],
      NOW,
    );
    expect(plan.actions.map((a) => [a.file, a.action, a.archive])).toEqual([
      ['outputs/d/2026-08-24.md', 'archive', 'outputs/d/archive/2026.tar.gz'],
      ['outputs/k/2026-10-01T101500.md', 'delete', null],
      ['outputs/w/2025-11-20.md', 'archive', 'outputs/w/archive/2025.tar.gz'],
    ]);
    expect(plan.kept).toBe(5);
  });

  test('age comes from the run end, else the stamp in the name (end of that day), else the mtime', () => {
    const rule = retentionRule({ keep: 10 * DAY, then: 'archive' });
    const plan = planPrune(
      [{ agent: 'a', timezone: 'UTC', rule, files: [file('2026-11-01.md', 5, 100), file('2026-11-01-2.md', null, 0)] }],
      NOW,
    );
    // the first ended 5 days ago (its name and mtime say older): kept; the second has no record: its name's day ended 21.7 days ago
    expect(plan.actions.map((a) => [a.name, a.basis, a.ageDays])).toEqual([['2026-11-01-2.md', 'stamp', 21]]);
  });

  test('outputs of an agent without a valid definition are left alone, and said so', () => {
    const plan = planPrune(
      [
        {
          agent: 'gone',
          timezone: 'UTC',
          rule: null,
          skipReason: 'no agents/gone.md',
          files: [file('2020-01-01.md', 2000)],
        },
      ],
      NOW,
    );
    expect(plan.actions).toEqual([]);
    expect(plan.skipped).toEqual([{ agent: 'gone', reason: 'no agents/gone.md', files: 1, folders: ['outputs'] }]);
  });

  test("a webhook body is aged by the UTC second its name says it came, under its agent's rule", () => {
    const body = (daysAgo: number) =>
      `${new Date(NOW.getTime() - daysAgo * DAY)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z')}-${ID}.body`;
    const plan = planPrune(
      [
        {
          agent: 'hook',
          timezone: 'UTC',
          rule: retentionRule('daily'),
          files: [
            { name: body(91), folder: 'inputs', endedAtMs: null, mtimeMs: null },
            { name: body(89), folder: 'inputs', endedAtMs: null, mtimeMs: null },
            file('2026-08-24.md', 91),
          ],
        },
      ],
      NOW,
    );
    expect(plan.actions.map((a) => [a.file, a.action, a.archive, a.ageDays])).toEqual([
      [`inputs/hook/${body(91)}`, 'archive', 'inputs/hook/archive/2026.tar.gz', 91],
      ['outputs/hook/2026-08-24.md', 'archive', 'outputs/hook/archive/2026.tar.gz', 91],
    ]);
    expect(plan.kept).toBe(1);
  });
});

const ID = '6f1c2b9e-8d3a-4f5e-9b7c-0a1d2e3f4a5b';

/** inputs/<agent>/<stamp>-<id>.body as the daemon names a webhook body that came `daysAgo` days before NOW. */
async function writeBody(root: string, agent: string, daysAgo: number): Promise<string> {
  const name = inputFileName(new Date(NOW.getTime() - daysAgo * DAY), randomUUID());
  await mkdir(join(root, 'inputs', agent), { recursive: true, mode: 0o700 });
  await writeFile(join(root, 'inputs', agent, name), `{"days_ago":${daysAgo}}`, { mode: 0o600 });
  return `inputs/${agent}/${name}`;
}

describe('prune on a home', () => {
  test('archives old outputs into <year>.tar.gz that the real tar lists and extracts, appending on the next prune', async () => {
    home = await pruneHome({ daily: 'daily' });
    const first = [
      await writeOutput(home, 'daily', 400),
      await writeOutput(home, 'daily', 120),
      await writeOutput(home, 'daily', 95),
    ];
    const young = await writeOutput(home, 'daily', 10);
    const contents = new Map(first.map((rel) => [rel, readFileSync(join(home!.root, rel), 'utf8')]));
    const opened = await home.open();

    const report = await prune(opened, { dryRun: false, now: NOW });
    expect(report.applied?.archived.map((a) => a.file).sort()).toEqual([...first].sort());
    for (const rel of first) expect(existsSync(join(home.root, rel))).toBe(false);
    expect(existsSync(join(home.root, young))).toBe(true);

    // a second prune, later: one more output crosses 90 days and is appended as a new gzip member
    const later = await writeOutput(home, 'daily', 200, { suffix: '-2' });
    contents.set(later, readFileSync(join(home.root, later), 'utf8'));
    await prune(opened, { dryRun: false, now: NOW });

    const archive2025 = join(home.root, 'outputs/daily/archive/2025.tar.gz');
    const archive2026 = join(home.root, 'outputs/daily/archive/2026.tar.gz');
    expect(tarList(archive2025).sort()).toEqual(['2025-10-19.md']);
    expect(tarList(archive2026).sort()).toEqual(['2026-05-07-2.md', '2026-07-26.md', '2026-08-20.md']);
    const extracted = new Map([...tarExtract(archive2025), ...tarExtract(archive2026)]);
    for (const [rel, content] of contents) expect(extracted.get(rel.split('/').pop()!), rel).toBe(content);
    expect(existsSync(`${archive2026}.pending`)).toBe(false);
  });

  test('--dry-run moves nothing and lists exactly what the real prune then moves', async () => {
    home = await pruneHome({ daily: 'daily', short: { keep: '30d', then: 'delete' }, keeper: 'quarterly' });
    await writeOutput(home, 'daily', 100);
    await writeOutput(home, 'daily', 3);
    await writeOutput(home, 'short', 40);
    await writeOutput(home, 'keeper', 900);
    const opened = await home.open();
    const before = hashTree(home.root);
    const dry = await prune(opened, { dryRun: true, now: NOW, logsOlderThanMs: 30 * DAY });
    expect(hashTree(home.root)).toEqual(before);
    expect(dry.applied).toBeNull();
    const real = await prune(opened, { dryRun: false, now: NOW });
    const done = [...real.applied!.archived, ...real.applied!.deleted].map((a) => `${a.action} ${a.file}`).sort();
    expect(dry.plan.actions.map((a) => `${a.action} ${a.file}`).sort()).toEqual(done);
    expect(done).toEqual(['archive outputs/daily/2026-08-15.md', 'delete outputs/short/2026-10-14.md']);
  });

  test('then: delete removes only files named like outputs, directly under outputs/<name>/', async () => {
    home = await pruneHome({ short: { keep: '30d', then: 'delete' } });
    const old = await writeOutput(home, 'short', 60);
    await mkdir(join(home.root, 'outputs/short/archive'), { recursive: true });
    await writeFile(join(home.root, 'outputs/short/notes.txt'), 'keep me');
    await writeFile(join(home.root, 'outputs/short/2020-01-01.txt'), 'not an output name');
    await writeFile(join(home.root, 'outputs/short/archive/2019-01-01.md'), 'inside archive/');
    await prune(await home.open(), { dryRun: false, now: NOW });
    expect(existsSync(join(home.root, old))).toBe(false);
    for (const rel of [
      'outputs/short/notes.txt',
      'outputs/short/2020-01-01.txt',
      'outputs/short/archive/2019-01-01.md',
    ])
      expect(existsSync(join(home.root, rel)), rel).toBe(true);
  });

  test("webhook bodies go as their agent's outputs do: archived (the real tar reads them back) or deleted", async () => {
    home = await pruneHome({ daily: 'daily', short: { keep: '30d', then: 'delete' } });
    const old = await writeBody(home.root, 'daily', 100);
    const young = await writeBody(home.root, 'daily', 5);
    const gone = await writeBody(home.root, 'short', 40);
    const kept = await writeBody(home.root, 'short', 10);
    // not named as the daemon names a body: never touched
    await writeFile(join(home.root, 'inputs/short/20200101T000000Z-note.body'), 'a note');
    await writeFile(join(home.root, 'inputs/short/readme.txt'), 'a note');
    const content = readFileSync(join(home.root, old), 'utf8');

    const report = await prune(await home.open(), { dryRun: false, now: NOW });
    expect(report.applied?.archived.map((a) => a.file)).toEqual([old]);
    expect(report.applied?.deleted.map((a) => a.file)).toEqual([gone]);
    for (const rel of [old, gone]) expect(existsSync(join(home.root, rel)), rel).toBe(false);
    for (const rel of [young, kept, 'inputs/short/20200101T000000Z-note.body', 'inputs/short/readme.txt'])
      expect(existsSync(join(home.root, rel)), rel).toBe(true);
    const archive = join(home.root, 'inputs/daily/archive/2026.tar.gz');
    expect(tarExtract(archive)).toEqual(new Map([[old.split('/').pop()!, content]]));
    expect(renderPrune(report)).toContain(`archived ${old} → inputs/daily/archive/2026.tar.gz (100 days old`);
  });

  test('outputs of an invalid or deleted agent are never touched', async () => {
    home = await pruneHome({ daily: 'daily' });
    await writeOutput(home, 'daily', 100);
    await writeOutput(home, 'orphan', 500);
    await writeBody(home.root, 'orphan', 500);
    await writeFile(join(home.root, 'agents/daily.md'), '---\nname: daily\nretention: sometimes\n---\nbody\n');
    const before = hashTree(home.root);
    const report = await prune(await home.open(), { dryRun: false, now: NOW });
    expect(hashTree(home.root)).toEqual(before);
    expect(report.plan.skipped.map((s) => [s.agent, s.files, s.folders])).toEqual([
      ['daily', 1, ['outputs']],
      ['orphan', 2, ['outputs', 'inputs']],
    ]);
    expect(renderPrune(report)).toContain(
      'left alone: outputs/orphan/ and inputs/orphan/ (2 files): no agents/orphan.md',
    );
  });
});
