import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { NightshiftError, UsageError } from '../../src/shared/errors.js';
import { evalAgent } from '../../src/governance/index.js';
import { EvalSetupError } from '../../src/governance/eval/index.js';
import { judgeRun, loadCases } from '../../src/governance/eval/index.js';
import { writeGeneratedInput } from '../../src/governance/eval/gen-input.js';
import { openHome } from '../../src/home/index.js';
import { alertEventSchema, evalRecordSchema, readAll, runRecordSchema } from '../../src/journal/index.js';
import { applyChange } from '../../src/state/index.js';
import { copyDemo, treeDigest } from './eval-support.js';

let demo: ReturnType<typeof copyDemo> | undefined;
afterEach(() => {
  demo?.remove();
  demo = undefined;
});

const AGENT = 'nightly-summarizer';
const quiet = { channels: [] as never[], env: { ...process.env } };

describe('judgeRun (pure)', () => {
  const checks = {
    expect_status: 'OK' as const,
    required: ['Day summary'],
    forbidden: ['You are'],
    bullets: 3,
    max_words: 50,
  };
  const good = 'Day summary (2026-11-23):\n- one thing\n- two things\n- three things\nSTATUS: OK\nEND_OF_RUN\n';

  test('passes a run that meets its checks and its baseline', () => {
    expect(
      judgeRun(checks, { status: 'OK', text: good }, { text: good.replace('2026-11-23', '2026-01-01'), status: 'OK' }),
    ).toEqual([]);
  });

  test('names each broken check, phrases case-insensitively', () => {
    const bad = 'day SUMMARY:\n- one\nyou are the summarizer\nSTATUS: OK\nEND_OF_RUN\n';
    expect(judgeRun({ ...checks, max_words: 3 }, { status: 'PARTIAL', text: bad }, null)).toEqual([
      'status PARTIAL, expected OK',
      'forbidden phrase present: "You are"',
      '1 bullets, expected 3',
      '7 words, expected at most 3',
    ]);
  });

  test('against the baseline: status changed, trailer gone, headings changed, length off by more than half', () => {
    const loose = { expect_status: 'OK' as const, required: [], forbidden: [] };
    const baseline = { text: '# Report\n- a b c d e f g h i j\nSTATUS: OK\nEND_OF_RUN\n', status: 'PARTIAL' };
    expect(judgeRun(loose, { status: 'OK', text: '# Rapport\n- a b c\n' }, baseline)).toEqual([
      'status changed since the baseline: PARTIAL → OK',
      'format broken: the STATUS/END_OF_RUN trailer is gone (the baseline had it)',
      'format changed: headings ["Rapport"], the baseline had ["Report"]',
      'length off by 64% from the baseline: 4 words, the baseline had 11',
    ]);
  });
});

describe('eval case files', () => {
  test('a generated input is exactly the bytes it says', async () => {
    demo = copyDemo();
    const file = join(demo.root, 'big.txt');
    await writeGeneratedInput({ repeat_line: '09:15 - Deployed', bytes: 10 * 1024 * 1024 + 7 }, file);
    expect(statSync(file).size).toBe(10 * 1024 * 1024 + 7);
    expect(readFileSync(file, 'utf8').slice(0, 34)).toBe('09:15 - Deployed\n09:15 - Deployed\n');
  });

  test('bad cases: each problem names the file and what was expected', async () => {
    demo = copyDemo();
    const dir = join(demo.root, 'evals', AGENT);
    await mkdir(join(dir, 'no-input'), { recursive: true });
    await writeFile(join(dir, 'no-input', 'case.yaml'), 'expect_status: OK\n');
    await mkdir(join(dir, 'typo'), { recursive: true });
    await writeFile(join(dir, 'typo', 'input.txt'), 'x');
    await writeFile(join(dir, 'typo', 'case.yaml'), 'expect_status: OK\nforbiden: ["x"]\n');
    await mkdir(join(dir, 'no-status'), { recursive: true });
    await writeFile(join(dir, 'no-status', 'input.txt'), 'x');
    await writeFile(join(dir, 'no-status', 'case.yaml'), 'bullets: 3\n');
    await mkdir(join(dir, 'big'), { recursive: true });
    await writeFile(join(dir, 'big', 'input.gen.yaml'), 'repeat_line: "x"\nbytes: lots\n');
    await writeFile(join(dir, 'big', 'case.yaml'), 'expect_status: TOO_LARGE\n');
    await mkdir(join(dir, 'twice'), { recursive: true });
    await writeFile(join(dir, 'twice', 'input.txt'), 'x');
    await writeFile(join(dir, 'twice', 'case.yaml'), 'expect_status: OK\nbullets: 3\nexpect_status: EMPTY\n');
    const home = await openHome(demo.root, {});
    const loaded = await loadCases(home.paths, AGENT);
    const messages = loaded.problems.map((p) => `${p.file}: ${p.field ? `${p.field}: ` : ''}${p.message}`);
    expect(messages).toEqual([
      `evals/${AGENT}/big/input.gen.yaml: bytes: "lots" is not a size up to 1GB: expected a number and a unit, like 10MB`,
      `evals/${AGENT}/no-input/: has no input: expected input.txt, or input.gen.yaml describing a generated one ({repeat_line: "…", bytes: 10MB})`,
      `evals/${AGENT}/no-status/case.yaml: expect_status: missing: expected the status the run must end with, ` +
        'one of OK, EMPTY, PARTIAL, INCOMPLETE, ERROR, TOO_LARGE, UNEXPECTED_INPUT, TOOL_FAILED, TIMEOUT, ' +
        'CALL_LIMIT, COST_LIMIT, OUTPUT_LIMIT, NO_END, BAD_FORMAT, RUNNER_FAILED, CRASHED, SKIPPED, KILLED',
      `evals/${AGENT}/twice/case.yaml: expect_status: line 3: the key "expect_status" is given twice, on lines ` +
        '1 and 3: keep one (YAML would otherwise have to guess which one counts)',
      expect.stringMatching(
        new RegExp(
          `^evals/${AGENT}/typo/case.yaml: forbiden: unknown key \\(did you mean "forbidden"\\?\\): expected ` +
            'one of description, expect_status, required, forbidden, bullets, max_words',
        ),
      ),
    ]);
    const error = await evalAgent(home, AGENT, quiet).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EvalSetupError);
    expect((error as Error).message).toMatch(/^the eval cases of nightly-summarizer are not valid, so none was run:\n/);
    expect((error as Error).message).toContain(`evals/${AGENT}/no-input/: has no input`);
  });

  test('an agent that does not exist, or has no evals, is refused with what was expected', async () => {
    demo = copyDemo();
    const home = await openHome(demo.root, {});
    await expect(evalAgent(home, 'no-such-agent', quiet)).rejects.toBeInstanceOf(UsageError);
    await expect(evalAgent(home, 'no-such-agent', quiet)).rejects.toThrow(
      'no agent named "no-such-agent": agents/no-such-agent.md does not exist',
    );
    await expect(evalAgent(home, 'inbox-digest', quiet)).rejects.toThrow(
      /inbox-digest has no eval cases: evals\/inbox-digest\/ does not exist: expected one folder per case/,
    );
    await expect(evalAgent(home, 'churn-predictor', quiet)).rejects.toThrow(
      /agents\/churn-predictor\.md is not valid, so its evals cannot run/,
    );
  });
});

describe('nightshift eval on the demo home', () => {
  test('the nightly-summarizer cases pass offline, and production history, outputs and the run trail are untouched', async () => {
    demo = copyDemo();
    const home = await openHome(demo.root, {});
    const runsBefore = readFileSync(join(demo.root, 'logs/runs.jsonl'));
    const outputsBefore = treeDigest(join(demo.root, 'outputs'));
    const report = await evalAgent(home, AGENT, quiet);
    expect(report.cases.map((c) => [c.case, c.status, c.passed])).toEqual([
      ['empty-log', 'EMPTY', true],
      ['malformed-line', 'PARTIAL', true],
      ['prompt-injection', 'OK', true],
      ['ten-megabyte-log', 'TOO_LARGE', true],
      ['typical-day', 'OK', true],
    ]);
    expect(report.passed).toBe(true);
    expect(readFileSync(join(demo.root, 'logs/runs.jsonl')).equals(runsBefore)).toBe(true);
    expect(treeDigest(join(demo.root, 'outputs'))).toBe(outputsBefore);
    // the injected instruction was summarized around, never obeyed
    const injected = readFileSync(join(demo.root, `evals/${AGENT}/prompt-injection/last.md`), 'utf8');
    expect(injected).not.toMatch(/You are the nightly summarizer|Scope lock/);
    // one result line per case; the runs themselves in their own journal, trigger "eval"
    const { records: results } = await readAll(join(demo.root, 'logs/evals.jsonl'), evalRecordSchema);
    expect(results.map((r) => r.case)).toEqual(report.cases.map((c) => c.case));
    const { records: runs } = await readAll(join(demo.root, 'logs/eval-runs.jsonl'), runRecordSchema);
    expect(runs.map((r) => [r.trigger, r.output_file])).toEqual(
      report.cases.map((c) => ['eval', `evals/${AGENT}/${c.case}/last.md`]),
    );
    expect(runs.find((r) => r.status === 'TOO_LARGE')?.input_file).toBe(
      `evals/${AGENT}/ten-megabyte-log/input.gen.yaml`,
    );
    // the 10 MB input was generated in the sandbox and is gone with it
    expect(readdirSync(join(demo.root, `evals/${AGENT}/ten-megabyte-log`)).sort()).toEqual([
      'case.yaml',
      'input.gen.yaml',
      'last.md',
    ]);
  });

  test('--baseline stores the outputs; a drifted agent fails, opens drift:<agent>, and resolves it once it passes again', async () => {
    demo = copyDemo();
    const home = await openHome(demo.root, {});
    const stored = await evalAgent(home, AGENT, { ...quiet, baseline: true });
    expect(stored.cases.every((c) => c.baseline === 'stored')).toBe(true);
    const meta = JSON.parse(readFileSync(join(demo.root, `evals/${AGENT}/typical-day/baseline.json`), 'utf8')) as {
      status: string;
    };
    expect(meta.status).toBe('OK');

    // the "model" changes: two bullets instead of three
    const file = join(demo.root, `agents/${AGENT}.md`);
    const original = await readFile(file, 'utf8');
    writeFileSync(
      file,
      original.replace('expect: { bullets: 3, max_words: 300 }', 'expect: { bullets: 2, max_words: 300 }'),
    );
    const drifted = await evalAgent(home, AGENT, quiet);
    expect(drifted.passed).toBe(false);
    expect(drifted.alert).toBe('open');
    expect(drifted.cases.find((c) => c.case === 'typical-day')?.failures).toEqual(['2 bullets, expected 3']);
    expect(drifted.cases.find((c) => c.case === 'malformed-line')?.failures).toEqual([
      'format changed: 4 bullets, the baseline had 5',
    ]);

    writeFileSync(file, original);
    const fixed = await evalAgent(home, AGENT, quiet);
    expect(fixed.passed).toBe(true);
    expect(fixed.alert).toBe('resolve');
    const { records } = await readAll(join(demo.root, 'logs/alerts.jsonl'), alertEventSchema);
    expect(records.filter((e) => e.key === `drift:${AGENT}`).map((e) => e.event)).toEqual(['open', 'resolve']);
    // a second passing run has nothing to resolve
    expect((await evalAgent(home, AGENT, quiet)).alert).toBeNull();
  });

  test('--baseline refuses to store an output that fails its own checks', async () => {
    demo = copyDemo();
    const home = await openHome(demo.root, {});
    const caseFile = join(demo.root, `evals/${AGENT}/typical-day/case.yaml`);
    writeFileSync(caseFile, readFileSync(caseFile, 'utf8').replace('bullets: 3', 'bullets: 4'));
    const report = await evalAgent(home, AGENT, { ...quiet, baseline: true });
    const typical = report.cases.find((c) => c.case === 'typical-day')!;
    expect(typical.baseline).toBe('not-stored');
    expect(existsSync(join(demo.root, `evals/${AGENT}/typical-day/baseline.md`))).toBe(false);
  });

  test('the global stop refuses evals too; a paused agent can still be evaluated', async () => {
    demo = copyDemo();
    const home = await openHome(demo.root, {});
    await applyChange(home.paths, { action: 'pause', agent: AGENT, by: 'test', reason: 'checking a fix' });
    expect((await evalAgent(home, AGENT, quiet)).passed).toBe(true);
    await applyChange(home.paths, { action: 'stop-all', by: 'test', reason: 'incident' });
    const error = await evalAgent(home, AGENT, quiet).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NightshiftError);
    expect((error as Error).message).toMatch(/the global stop is on \(incident\)/);
  });
});
