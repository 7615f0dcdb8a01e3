import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { evalRecordSchema, runRecordSchema } from '../../src/journal/index.js';
import { JUDGE_PROMPT, parseVerdict } from '../../src/governance/eval/model-judge.js';
import { FAKE_CLAUDE } from '../support/runner-harness.js';
import { agentText, cli, syntheticHome, type TempHome } from './new-home-support.js';

/**
 * The judge of an eval case through the built CLI: a claude agent on the
 * fake Claude (the real stream-json format), which answers the case with
 * the day's summary and the judge (told apart by its system prompt) with
 * whatever the test sets. The judge's run is a run of the agent: same
 * runner and model, a record in logs/eval-runs.jsonl, its cost in the budget.
 */
let home: TempHome | undefined;
afterEach(async () => {
  await home?.remove();
  home = undefined;
});

const AGENT = 'judged';
const SUMMARY =
  'Day summary:\n- Deployed v1.43\n- Backup verified\n- Two alerts acknowledged\nSTATUS: OK\nEND_OF_RUN\n';
const JUDGE_MARK = 'You grade one output of an unattended agent';

async function makeHome(budget = ''): Promise<TempHome> {
  return syntheticHome({
    agents: {
      [AGENT]: agentText(
        AGENT,
        'tools: Read\ninput:\n  path: samples/day.txt\n' +
          `runner:\n  kind: claude\n  executable: ${FAKE_CLAUDE}\n  model: claude-sonnet-4-5\n${budget}`,
        'Summarize the day log in three bullets.\nSTATUS: OK\nEND_OF_RUN\n',
      ),
    },
    files: {
      'samples/day.txt': '09:15 - Deployed v1.43\n',
      [`evals/${AGENT}/day/input.txt`]: '09:15 - Deployed v1.43\n10:00 - Backup verified\n',
      [`evals/${AGENT}/day/case.yaml`]:
        'expect_status: OK\nbullets: 3\njudge:\n  rubric: "Names every deploy and no invented event."\n  min_score: 7\n',
    },
  });
}

function judgeSays(answer: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    FAKE_CLAUDE_TEXT: SUMMARY,
    FAKE_CLAUDE_REPLIES: JSON.stringify([{ system_contains: JUDGE_MARK, text: answer }]),
    ...extra,
  };
}

async function jsonl<T>(file: string, schema: { safeParse(v: unknown): { success: boolean; data?: T } }): Promise<T[]> {
  const text = await readFile(file, 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => schema.safeParse(JSON.parse(line)).data as T);
}

describe('parseVerdict (pure)', () => {
  test('exactly a SCORE line and a REASON line before the trailer', () => {
    expect(parseVerdict('SCORE: 8/10\nREASON: all facts there\nSTATUS: OK\nEND_OF_RUN\n')).toEqual({
      ok: true,
      score: 8,
      reason: 'all facts there',
    });
    expect(parseVerdict('\nSCORE: 0 / 10\n\nREASON:  nothing right \nSTATUS: OK\nEND_OF_RUN')).toEqual({
      ok: true,
      score: 0,
      reason: 'nothing right',
    });
  });

  test('anything else is unreadable, with what was expected', () => {
    const cases: Array<[string, string]> = [
      ['SCORE: 8/10\nREASON: ok\n', 'no STATUS: line and END_OF_RUN after the verdict'],
      ['SCORE: 8/10\nREASON: ok\nSTATUS: PARTIAL\nEND_OF_RUN', 'it declared STATUS: PARTIAL, expected OK'],
      ['I would say 9.\nSTATUS: OK\nEND_OF_RUN', '1 lines before STATUS: expected exactly two lines'],
      ['SCORE: 8.5/10\nREASON: ok\nSTATUS: OK\nEND_OF_RUN', 'the first line is "SCORE: 8.5/10"'],
      ['SCORE: 11/10\nREASON: ok\nSTATUS: OK\nEND_OF_RUN', 'SCORE 11/10 is over 10'],
      ['SCORE: 8/10\nBecause.\nSTATUS: OK\nEND_OF_RUN', 'the second line is "Because."'],
      ['Sure!\nSCORE: 8/10\nREASON: ok\nSTATUS: OK\nEND_OF_RUN', '3 lines before STATUS'],
    ];
    for (const [answer, problem] of cases) {
      const verdict = parseVerdict(answer);
      expect(verdict.ok).toBe(false);
      expect(verdict.ok ? '' : verdict.problem).toContain(problem);
    }
  });
});

describe('eval judge (CLI, fake Claude)', () => {
  test('pass, fail, unparseable: the judge runs as the agent, its cost recorded and in the eval record', async () => {
    home = await makeHome();
    const args = ['--home', home.root];
    const passed = await cli(
      ['eval', AGENT, ...args],
      judgeSays('SCORE: 8/10\nREASON: names the deploy\nSTATUS: OK\nEND_OF_RUN\n'),
    );
    expect(passed.stderr).toBe('');
    expect(passed.code).toBe(0);
    expect(passed.stdout).toMatch(/^PASS {2}day .* judge 8\/10/m);

    const argsFile = join(home.root, 'judge-args.json');
    const failed = await cli(
      ['eval', AGENT, ...args],
      judgeSays('SCORE: 3/10\nREASON: invents a rollback\nSTATUS: OK\nEND_OF_RUN\n', {
        FAKE_CLAUDE_ARGS_FILE: argsFile,
      }),
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('judge score 3/10 is under min_score 7: invents a rollback');
    expect(failed.stdout).toContain(`alert opened: drift:${AGENT}`);
    // the last claude process was the judge's: the judge's prompt, the agent's model
    const seen = JSON.parse(await readFile(argsFile, 'utf8')) as {
      systemPrompt: string;
      flags: Record<string, unknown>;
    };
    expect(seen.systemPrompt).toBe(JUDGE_PROMPT);
    expect(seen.flags['--model']).toBe('claude-sonnet-4-5');

    const garbled = await cli(
      ['eval', AGENT, ...args],
      judgeSays('Looks fine to me, 9 out of 10.\nSTATUS: OK\nEND_OF_RUN\n'),
    );
    expect(garbled.code).toBe(1);
    expect(garbled.stdout).toContain(
      `judge answer does not parse (evals/${AGENT}/day/judge.md): 1 lines before STATUS: expected exactly two lines`,
    );
    expect(await home.read(`evals/${AGENT}/day/judge.md`)).toContain('Looks fine to me');

    const evals = await jsonl(join(home.root, 'logs', 'evals.jsonl'), evalRecordSchema);
    expect(evals.map((e) => [e.passed, e.judge?.score, e.judge?.status])).toEqual([
      [true, 8, 'OK'],
      [false, 3, 'OK'],
      [false, null, 'OK'],
    ]);
    const runs = await jsonl(join(home.root, 'logs', 'eval-runs.jsonl'), runRecordSchema);
    expect(runs).toHaveLength(6);
    expect(runs.every((r) => r.trigger === 'eval' && r.agent === AGENT && r.model === 'claude-sonnet-4-5')).toBe(true);
    const judgeRuns = runs.filter((r) => r.output_file === `evals/${AGENT}/day/judge.md`);
    expect(judgeRuns.map((r) => r.run_id)).toEqual(evals.map((e) => e.judge?.run_id));
    // 2 model calls at the fake's $0.00708 each, recorded on the judge's run and on the eval record
    expect(judgeRuns.map((r) => r.cost_usd)).toEqual([0.01416, 0.01416, 0.01416]);
    expect(evals.map((e) => e.judge?.cost_usd)).toEqual([0.01416, 0.01416, 0.01416]);
    expect(new Set(judgeRuns.map((r) => r.prompt_sha256)).size).toBe(1);
    expect(judgeRuns[0]!.prompt_sha256).not.toBe(runs[0]!.prompt_sha256);
    // no production run: the trail is untouched
    await expect(home.read('logs/runs.jsonl')).rejects.toThrow();
  });

  test('the judge is held to the agent budget: eval spend counts, and a judge refused for it fails the case', async () => {
    home = await makeHome('budget:\n  monthly_usd: 0.02\n');
    const ran = await cli(
      ['eval', AGENT, '--home', home.root],
      judgeSays('SCORE: 9/10\nREASON: fine\nSTATUS: OK\nEND_OF_RUN\n', { FAKE_CLAUDE_COST_PER_CALL: '0.01' }),
    );
    expect(ran.code).toBe(1);
    // the case's run spent $0.02 of the $0.02: its judge is refused before any model call
    expect(ran.stdout).toContain('judge did not give a score: its run ended SKIPPED: budget');
    const runs = await jsonl(join(home.root, 'logs', 'eval-runs.jsonl'), runRecordSchema);
    expect(runs.map((r) => [r.status, r.cost_usd])).toEqual([
      ['OK', 0.02],
      ['SKIPPED', 0],
    ]);
  });

  test('an extractive agent cannot have a judge: refused by name before anything runs', async () => {
    home = await syntheticHome({
      agents: { plain: agentText('plain', 'runner:\n  kind: extractive\n') },
      files: {
        'evals/plain/day/input.txt': '09:15 - Deployed v1.43\n',
        'evals/plain/day/case.yaml': 'expect_status: OK\njudge: {rubric: "good", min_score: 5}\n',
      },
    });
    const ran = await cli(['eval', 'plain', '--home', home.root]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(
      'evals/plain/day/case.yaml has a judge, but agents/plain.md runs the extractive runner',
    );
    await expect(home.read('logs/eval-runs.jsonl')).rejects.toThrow();
  });
});
