import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { evalRecordSchema } from '../../src/journal/index.js';
import { loadAgentDetail } from '../../src/console/runtime/loaders.js';
import { loadFleet } from '../../src/fleet/index.js';
import { agentText, cli, syntheticHome, type TempHome } from './new-home-support.js';

/**
 * Content scores through the built CLI: a command-runner agent whose output
 * keeps its shape (three bullets, the trailer, about the same length) but
 * says other things passes every shape check and fails min_similarity; the
 * score lands in logs/evals.jsonl and in `eval --history`.
 */
let home: TempHome | undefined;
afterEach(async () => {
  await home?.remove();
  home = undefined;
});

const AGENT = 'day-notes';
const FIRST =
  '- deploy of v1.43 finished at 09:15\n- nightly backup verified\n- two pager alerts acknowledged\nSTATUS: OK\nEND_OF_RUN\n';
const REWORDED =
  '- two pager alerts acknowledged\n- deploy of v1.43 finished at 09:15\n- nightly backup verified\nSTATUS: OK\nEND_OF_RUN\n';
const OTHER =
  '- coffee machine on floor 2 repaired\n- lunch menu for friday posted\n- parking garage closes early\nSTATUS: OK\nEND_OF_RUN\n';

const OLD_LINE = {
  v: 1,
  at: '2020-01-01T00:00:00.000Z',
  agent: AGENT,
  case: 'day',
  run_id: null,
  status: 'OK',
  passed: true,
  failures: [],
  baseline: false,
};

async function makeHome(): Promise<TempHome> {
  return syntheticHome({
    agents: {
      [AGENT]: agentText(
        AGENT,
        'runner:\n  kind: command\n  command: ["cat", "samples/answer.txt"]\n',
        'Summarize the day in three bullets.\nSTATUS: OK\nEND_OF_RUN\n',
      ),
    },
    files: {
      'samples/answer.txt': FIRST,
      [`evals/${AGENT}/day/input.txt`]: '09:15 - Deployed v1.43\n',
      [`evals/${AGENT}/day/case.yaml`]: 'expect_status: OK\nbullets: 3\nmin_similarity: 0.6\n',
      // a line written before content scores existed still reads
      'logs/evals.jsonl': `${JSON.stringify(OLD_LINE)}\n`,
    },
  });
}

async function evalLines(root: string) {
  const text = await readFile(join(root, 'logs', 'evals.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const parsed = evalRecordSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`not an eval record: ${line}`);
      return parsed.data;
    });
}

describe('eval content scores (CLI, command runner)', () => {
  test('same shape, other content: fails min_similarity, score recorded, alert opened; --history shows the trend', async () => {
    home = await makeHome();
    const args = ['--home', home.root];
    const stored = await cli(['eval', AGENT, '--baseline', ...args]);
    expect(stored.stderr).toBe('');
    expect(stored.code).toBe(0);

    await home.write('samples/answer.txt', REWORDED);
    const same = await cli(['eval', AGENT, ...args]);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/^PASS {2}day {3}OK .* content 1\.000/m);

    await home.write('samples/answer.txt', OTHER);
    const drifted = await cli(['eval', AGENT, ...args]);
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toMatch(/^FAIL {2}day {3}OK .* content 0\.\d{3}/m);
    expect(drifted.stdout).toMatch(/content score 0\.\d{3} is under min_similarity 0\.6/);
    // nothing of the shape changed: the content score is the only failure
    expect(drifted.stdout).not.toMatch(/format|length off|bullets, expected/);
    expect(drifted.stdout).toContain(`alert opened: drift:${AGENT}`);

    const lines = await evalLines(home.root);
    expect(lines.map((l) => [l.baseline, l.similarity === undefined ? 'absent' : l.similarity, l.passed])).toEqual([
      [false, 'absent', true],
      [true, null, true],
      [false, 1, true],
      [false, expect.any(Number), false],
    ]);
    const last = lines[3]!;
    expect(last.min_similarity).toBe(0.6);
    const alerts = await home.read('logs/alerts.jsonl');
    expect(alerts).toContain('content score');

    const history = await cli(['eval', '--history', AGENT, ...args]);
    expect(history.code).toBe(0);
    // no word shared: the score is 0; the median takes every score shown (1 and 0)
    expect(last.similarity).toBe(0);
    expect(history.stdout).toContain('FAIL  day   ··█▁        median 0.500  last 0.000  min 0.6\n');
    expect(history.stdout).toContain('— — 1.000 0.000');

    const json = await cli(['eval', '--history', AGENT, '--last', '2', '--json', ...args]);
    const parsed = JSON.parse(json.stdout) as { cases: Array<{ case: string; scores: unknown[]; median: number }> };
    expect(parsed.cases).toEqual([expect.objectContaining({ case: 'day', scores: [1, last.similarity], median: 0.5 })]);
    // the console's agent view reads the same trend
    const opened = await home.open();
    const { trail } = await loadFleet(opened);
    const detail = await loadAgentDetail(opened, trail, AGENT);
    expect(detail.evals).toEqual([
      expect.objectContaining({ case: 'day', scores: [null, null, 1, 0], sparkline: '··█▁', passed: false }),
    ]);

    const bad = await cli(['eval', '--history', AGENT, '--last', 'x', ...args]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--last "x" is not a count of evals');
  });

  test('a score above min_similarity that falls more than max_drop below its recent median fails the case', async () => {
    home = await makeHome();
    const args = ['--home', home.root];
    expect((await cli(['eval', AGENT, '--baseline', ...args])).code).toBe(0);
    for (let i = 0; i < 3; i++) expect((await cli(['eval', AGENT, ...args])).code).toBe(0);
    // one bullet of three replaced: 11 of 15 words shared, score 11/15 = 0.733, above the 0.6 threshold
    await home.write(
      'samples/answer.txt',
      FIRST.replace('two pager alerts acknowledged', 'coffee machine repaired today'),
    );
    const dropped = await cli(['eval', AGENT, ...args]);
    expect(dropped.code).toBe(1);
    expect(dropped.stdout).toContain(
      'content score 0.733 fell 0.267 below its median 1.000 of the last 3 evals (max_drop 0.15)',
    );
    // storing a new baseline starts the history again: the same output is no drop against itself
    expect((await cli(['eval', AGENT, '--baseline', ...args])).code).toBe(0);
    const again = await cli(['eval', AGENT, ...args]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('content 1.000');
  });

  test('min_similarity must be from 0 to 1: the case is refused by name', async () => {
    home = await makeHome();
    await writeFile(join(home.root, `evals/${AGENT}/day/case.yaml`), 'expect_status: OK\nmin_similarity: 60\n');
    const ran = await cli(['eval', AGENT, '--home', home.root]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(
      `evals/${AGENT}/day/case.yaml: min_similarity: 60: expected the lowest content score that passes, a number from 0 to 1`,
    );
  });
});
