import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_NOW } from '../../fixtures/generator/constants.js';
import {
  appendReviewMark,
  loadReview,
  outputPath,
  lookReasonText,
  needsALook,
  reviewDigest,
  renderReview,
} from '../../src/governance/index.js';
import { agentRandom, pickRandomOutput, seededRandom } from '../../src/governance/review-random.js';
import { drawOutput, excerptOf } from '../../src/governance/review-output.js';
import { lastMarkPerAgent } from '../../src/governance/review-marks.js';
import { openRunTrail, reviewRecordSchema } from '../../src/journal/index.js';
import {
  agentText,
  cli,
  copyDemoHome,
  DEMO_NOW_LOCAL,
  manifest,
  run,
  syntheticHome,
  type TempHome,
} from './new-home-support.js';

describe('pickRandomOutput', () => {
  const files = ['a.md', 'b.md', 'c.md'];

  test('uniform over the candidates, reproducible with the same seed', () => {
    const picks = (seed: number) =>
      Array.from(
        { length: 20 },
        (
          (rng) => () =>
            pickRandomOutput(files, rng)
        )(seededRandom(seed)),
      );
    expect(picks(42)).toEqual(picks(42));
    expect(picks(42)).not.toEqual(picks(43));
    const counts = new Map<string, number>();
    const rng = seededRandom(1);
    for (let i = 0; i < 3000; i++) {
      const pick = pickRandomOutput(files, rng) as string;
      counts.set(pick, (counts.get(pick) ?? 0) + 1);
    }
    for (const file of files) expect(counts.get(file)).toBeGreaterThan(850);
  });

  test('never the previous one when another exists; the only one when it is alone; null for none', () => {
    const rng = seededRandom(7);
    for (let i = 0; i < 200; i++) expect(pickRandomOutput(files, rng, 'b.md')).not.toBe('b.md');
    expect(pickRandomOutput(['only.md'], rng, 'only.md')).toBe('only.md');
    expect(pickRandomOutput([], rng)).toBeNull();
  });

  test("an agent's draw does not depend on the other agents", () => {
    expect(agentRandom(5, 'x')()).toBe(agentRandom(5, 'x')());
    expect(agentRandom(5, 'x')()).not.toBe(agentRandom(5, 'y')());
  });
});

describe('outputs', () => {
  test('only files under outputs/<agent>/ are read, whatever a record says', () => {
    expect(outputPath('/h', 'a', 'outputs/a/2026-11-20.md')).toBe('/h/outputs/a/2026-11-20.md');
    expect(outputPath('/h', 'a', 'outputs/b/2026-11-20.md')).toBeNull();
    expect(outputPath('/h', 'a', 'outputs/a/../../etc/passwd')).toBeNull();
    expect(outputPath('/h', 'a', '/etc/passwd')).toBeNull();
  });

  test('an excerpt is the first 20 lines, with how many were left out', () => {
    const text = Array.from({ length: 25 }, (_, i) => `line ${i + 1}`).join('\r\n') + '\r\n\r\n';
    expect(excerptOf(text)).toEqual({ lines: Array.from({ length: 20 }, (_, i) => `line ${i + 1}`), moreLines: 5 });
  });

  test('the draw skips files that no longer exist', async () => {
    const home = await syntheticHome({ files: { 'outputs/a/kept.md': 'kept\n' } });
    try {
      for (let seed = 0; seed < 20; seed++) {
        const excerpt = await drawOutput(
          home.root,
          'a',
          ['outputs/a/gone-1.md', 'outputs/a/kept.md', 'outputs/a/gone-2.md'],
          seededRandom(seed),
        );
        expect(excerpt).toEqual({ file: 'outputs/a/kept.md', lines: ['kept'], moreLines: 0, cut: false });
      }
      expect(await drawOutput(home.root, 'a', ['outputs/a/gone.md'], seededRandom(1))).toBeNull();
    } finally {
      await home.remove();
    }
  });
});

describe('review marks', () => {
  test('appended as reviewRecordSchema lines; the newest per agent wins', async () => {
    const home = await syntheticHome({ agents: { a: agentText('a') } });
    try {
      const paths = (await home.open()).paths;
      await appendReviewMark(paths, { agent: 'a', by: 'jo', note: '  fine  ', now: new Date('2026-11-23T08:00:00Z') });
      await appendReviewMark(paths, {
        agent: 'a',
        by: 'sam',
        concern: true,
        note: '',
        now: new Date('2026-11-23T09:00:00Z'),
      });
      const lines = (await home.read('logs/reviews.jsonl'))
        .trim()
        .split('\n')
        .map((line) => reviewRecordSchema.parse(JSON.parse(line)));
      expect(lines[0]).toMatchObject({ by: 'jo', note: 'fine', concern: false });
      expect(lines[1]).toMatchObject({ by: 'sam', note: null, concern: true });
      expect(lastMarkPerAgent(lines).get('a')).toMatchObject({ by: 'sam', concern: true });
    } finally {
      await home.remove();
    }
  });
});

describe('review of a synthetic week', () => {
  test("runs, failures (SKIPPED apart), cost and an output of the week's runs only", async () => {
    const runs = [
      run('a', '2026-11-10T10:00:00Z', { output_file: 'outputs/a/2026-11-10.md', cost_usd: 5 }), // the week before
      run('a', '2026-11-17T10:00:00Z', { output_file: 'outputs/a/2026-11-17.md', cost_usd: 0.25 }),
      run('a', '2026-11-18T10:00:00Z', { status: 'TIMEOUT', reason: 'ran 5m', cost_usd: 0.5 }),
      run('a', '2026-11-19T10:00:00Z', { status: 'SKIPPED', reason: 'paused', cost_usd: 0, llm_calls: 0 }),
      run('a', '2026-11-20T10:00:00Z', { output_file: 'outputs/a/2026-11-20.md', cost_usd: 0.25 }),
    ];
    const home = await syntheticHome({
      agents: { a: agentText('a') },
      runs,
      files: {
        'outputs/a/2026-11-10.md': 'old',
        'outputs/a/2026-11-17.md': 'monday\n',
        'outputs/a/2026-11-20.md': 'thursday\n',
        // not a name the harness gives, and a temp file: never drawn
        'outputs/a/notes.md': 'mine\n',
        'outputs/a/2026-11-18.md.tmp-1234': 'half\n',
      },
    });
    try {
      const { report } = await loadReview(await home.open(), { now: new Date('2026-11-23T08:00:00Z'), seed: 3 });
      const a = report.agents[0]!;
      expect(a.week).toMatchObject({ runs: 4, ok: 2, nonOk: 1, skipped: 1, costUsd: 1, outputs: 2 });
      expect(['outputs/a/2026-11-17.md', 'outputs/a/2026-11-20.md']).toContain(a.output?.file);
      expect(a.lastRun).toMatchObject({ status: 'OK' });
      expect(a.attention).toEqual(['1 of 4 runs not OK this week', 'never reviewed']);
      const text = renderReview(report);
      expect(text).toContain('4 runs (2 OK, 1 SKIPPED, 1 TIMEOUT), 1 not OK, $1.00');
      // the ISO week before holds the old run and its output only
      const before = await loadReview(await home.open(), {
        now: new Date('2026-11-23T08:00:00Z'),
        seed: 3,
        week: '2026-W46',
      });
      expect(before.report.agents[0]!.week).toMatchObject({ runs: 1, costUsd: 5 });
      expect(before.report.agents[0]!.output?.file).toBe('outputs/a/2026-11-10.md');
    } finally {
      await home.remove();
    }
  });
});

describe('review: a link among the outputs', () => {
  test('is never drawn: an agent that writes cannot show a file outside its outputs through the review', async () => {
    const home = await syntheticHome({
      agents: { a: agentText('a') },
      runs: [run('a', '2026-11-17T10:00:00Z', { output_file: 'outputs/a/2026-11-17.md' })],
      files: { 'outputs/a/2026-11-17.md': 'mine\n', 'secret.txt': 'not for review\n' },
    });
    try {
      await symlink(join(home.root, 'secret.txt'), join(home.root, 'outputs', 'a', '2026-11-18.md'));
      for (let seed = 1; seed <= 12; seed++) {
        const { report } = await loadReview(await home.open(), { now: new Date('2026-11-23T08:00:00Z'), seed });
        expect(report.agents[0]!.output).toMatchObject({ file: 'outputs/a/2026-11-17.md', lines: ['mine'] });
      }
      // the whole folder a link out of the home: not listed, said in the agent's place
      const elsewhere = await mkdtemp(join(tmpdir(), 'ns-elsewhere-'));
      await writeFile(join(elsewhere, '2026-11-19.md'), 'from outside\n');
      await rm(join(home.root, 'outputs', 'a'), { recursive: true });
      await symlink(elsewhere, join(home.root, 'outputs', 'a'));
      const { report } = await loadReview(await home.open(), { now: new Date('2026-11-23T08:00:00Z'), seed: 1 });
      expect(report.agents[0]!.output?.lines).toEqual([expect.stringMatching(/outputs\/a.*outside|out of the home/)]);
      await rm(elsewhere, { recursive: true, force: true });
    } finally {
      await home.remove();
    }
  });
});

describe("review: one agent's output that cannot be read", () => {
  test("shows the error in that agent's place; every other agent gets its output", async () => {
    const runs = [
      run('a', '2026-11-17T10:00:00Z', { output_file: 'outputs/a/2026-11-17.md' }),
      run('b', '2026-11-17T10:00:00Z', { output_file: 'outputs/b/2026-11-17.md' }),
    ];
    const home = await syntheticHome({
      agents: { a: agentText('a'), b: agentText('b') },
      runs,
      files: { 'outputs/b/2026-11-17.md': 'monday\n' },
    });
    try {
      // a folder that is a link to itself: listing it fails with ELOOP, which is neither "gone" nor "empty"
      await mkdir(join(home.root, 'outputs'), { recursive: true });
      await symlink('a', join(home.root, 'outputs', 'a'));
      const { report } = await loadReview(await home.open(), { now: new Date('2026-11-23T08:00:00Z'), seed: 3 });
      const [a, b] = report.agents;
      expect(a!.output?.lines).toEqual([expect.stringMatching(/^✗ a: could not work out its output to review: ELOOP/)]);
      expect(b!.output).toMatchObject({ file: 'outputs/b/2026-11-17.md', lines: ['monday'] });
    } finally {
      await home.remove();
    }
  });
});

describe('review on a copy of the demo home', () => {
  let home: TempHome;
  beforeAll(async () => {
    home = await copyDemoHome();
  });
  afterAll(async () => home.remove());

  test('--seed is reproducible and each draw is an existing output of a run of that week', async () => {
    const opened = await home.open();
    const first = await loadReview(opened, { now: DEMO_NOW, seed: 11 });
    const again = await loadReview(opened, { now: DEMO_NOW, seed: 11 });
    expect(again.report.agents.map((a) => a.output?.file ?? null)).toEqual(
      first.report.agents.map((a) => a.output?.file ?? null),
    );
    const trail = await openRunTrail(opened.paths.logs, { timezone: opened.defaults.timezone });
    const weekOutputs = new Set<string>();
    for await (const r of trail.runsInRange(null, new Date(first.report.window.from), new Date(first.report.window.to)))
      if (r.output_file) weekOutputs.add(r.output_file);
    const drawn = first.report.agents.filter((a) => a.output !== null);
    expect(drawn.length).toBeGreaterThanOrEqual(6);
    for (const agent of drawn) {
      expect(weekOutputs.has(agent.output!.file)).toBe(true);
      expect(agent.output!.file.startsWith(`outputs/${agent.name}/`)).toBe(true);
      const text = await readFile(join(home.root, agent.output!.file), 'utf8');
      expect(text.startsWith(agent.output!.lines[0]!)).toBe(true);
    }
    const seeds = new Set<string>();
    for (let seed = 1; seed <= 6; seed++)
      seeds.add(
        JSON.stringify((await loadReview(opened, { now: DEMO_NOW, seed })).report.agents.map((a) => a.output?.file)),
      );
    expect(seeds.size).toBeGreaterThan(1);
  });

  test("last night's failure, the concern and the overdue review need a look", async () => {
    const expected = await manifest();
    const { report } = await loadReview(await home.open(), { now: DEMO_NOW, seed: 1 });
    const agent = (name: string) => report.agents.find((a) => a.name === name)!;
    expect(agent(expected.failed_last_night).attention[0]).toMatch(/^last run /);
    expect(agent('research-digest').attention).toContain('concern at the last review');
    expect(agent('weekly-metrics').reviewOverdue).toBe(true);
    expect(agent('nightly-summarizer').attention).toEqual([]);
    const digest = reviewDigest(report);
    expect(digest).toMatch(
      /^## Agent review — the 7 days before today and today so far \(2026-11-16 00:00 to 2026-11-23 08:30 Europe\/Berlin\)/,
    );
    expect(digest).toContain(`- \`${expected.failed_last_night}\``);
    expect(digest).toContain('_Drawn with `nightshift review --seed 1`._');
  });

  test('CLI: --seed twice gives the same review; --markdown; --json; bad --week exits 2', async () => {
    const args = ['review', '--home', home.root, '--now', DEMO_NOW_LOCAL, '--seed', '99'];
    const one = await cli(args);
    const two = await cli(args);
    expect(one.code).toBe(0);
    expect(one.stdout).toBe(two.stdout);
    expect(one.stdout).toContain('outputs drawn with --seed 99');
    const markdown = await cli([...args, '--markdown', '--week', '2026-W47']);
    expect(markdown.stdout).toMatch(/^## Agent review — week 2026-W47 \(2026-11-16 to 2026-11-22 Europe\/Berlin\)/);
    const json = JSON.parse((await cli([...args, '--json'])).stdout);
    expect(json.seed).toBe(99);
    expect(json.agents).toHaveLength(10);
    const bad = await cli(['review', '--home', home.root, '--week', '2026-47']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--week: "2026-47" is not an ISO week: expected YYYY-Www');
  });

  test('CLI: review mark appends a record by $USER; an unknown agent is exit 2', async () => {
    const marked = await cli(
      [
        'review',
        'mark',
        'research-digest',
        '--home',
        home.root,
        '--note',
        'Moved to haiku, watch next week',
        '--concern',
      ],
      { USER: 'reviewer' },
    );
    expect(marked.code).toBe(0);
    expect(marked.stdout).toContain('Marked research-digest reviewed by reviewer with a CONCERN');
    const last = (await home.read('logs/reviews.jsonl')).trim().split('\n').at(-1)!;
    expect(reviewRecordSchema.parse(JSON.parse(last))).toMatchObject({
      agent: 'research-digest',
      by: 'reviewer',
      note: 'Moved to haiku, watch next week',
      concern: true,
      output_file: null,
    });
    const unknown = await cli(['review', 'mark', 'research-digst', '--home', home.root]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown agent "research-digst" (did you mean "research-digest"?)');
  });
});

describe('what needs a look', () => {
  test('one rule, each reason as data and in words', () => {
    const quiet = {
      state: 'enabled' as const,
      problem: null,
      lastRun: { status: 'OK' as const, reason: null },
      week: { runs: 3, nonOk: 0 },
      openAlerts: 0,
      lastReview: { concern: false },
      reviewOverdue: false,
    };
    expect(needsALook(quiet)).toEqual([]);
    expect(needsALook({ ...quiet, lastRun: { status: 'SKIPPED', reason: 'paused' } })).toEqual([]); // SKIPPED is neutral
    const busy = needsALook({
      ...quiet,
      state: 'error',
      problem: 'its cron could not be read',
      lastRun: { status: 'TIMEOUT', reason: 'slow' },
      week: { runs: 4, nonOk: 1 },
      openAlerts: 2,
      lastReview: { concern: true },
      reviewOverdue: true,
    });
    expect(busy.map(lookReasonText)).toEqual([
      'error: its cron could not be read',
      'last run TIMEOUT',
      '1 of 4 runs not OK this week',
      '2 open alerts',
      'concern at the last review',
      'review overdue',
    ]);
    expect(needsALook({ ...quiet, lastReview: null, reviewOverdue: true }).map(lookReasonText)).toEqual([
      'never reviewed',
    ]);
  });
});
