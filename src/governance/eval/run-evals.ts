import { access } from 'node:fs/promises';
import { type AgentDefinition, formatProblem, loadAgentFile } from '../../agents/index.js';
import type { Channel } from '../../alerts/index.js';
import { UsageError, ValidationError } from '../../shared/index.js';
import type { Home } from '../../home/index.js';
import { appendRecord, type AlertEvent, type EvalRecord } from '../../journal/index.js';
import { readState } from '../../state/index.js';
import { readBaseline, storeBaseline } from './baseline.js';
import { updateDriftAlert } from './drift-alert.js';
import { EvalSetupError } from './errors.js';
import { judgeRun } from './judge.js';
import { type EvalCase, loadCases } from './load-cases.js';
import { bodyOf, shapeOf } from './output-shape.js';
import { scoreFinding } from '../../alerts/index.js';
import { readEvalHistory, scoresSinceBaseline } from './history.js';
import { roundScore, tokenF1 } from './similarity.js';
import { type CaseContext, runCase } from './run-case.js';
import { createSandbox } from './sandbox.js';
import { type JudgeOutcome, runJudge } from './model-judge.js';

/**
 * `nightshift eval <agent> [--baseline]` (DESIGN §7): every case of the
 * agent through the harness, judged against its checks and its baseline;
 * one line per case in logs/evals.jsonl; the drift alert opened while any
 * case fails and resolved when all pass again.
 */
export interface EvalOptions {
  /** store each passing output as the case's baseline */
  baseline?: boolean;
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  ports?: CaseContext['ports'];
  channels?: readonly Channel[];
}

export interface CaseResult {
  case: string;
  status: string;
  passed: boolean;
  failures: string[];
  words: number;
  bullets: number;
  output_file: string | null;
  run_id: string | null;
  cost_usd: number;
  /** the content score against the baseline (similarity.ts); null: no baseline to compare with, or no output */
  similarity: number | null;
  /** the judge's verdict and its run, when the case has a judge and the run wrote an output */
  judge: NonNullable<EvalRecord['judge']> | null;
  /** compared: judged against the stored baseline; none: no baseline yet; stored / not-stored: with --baseline */
  baseline: 'compared' | 'none' | 'stored' | 'not-stored';
  notes: string[];
}

export interface EvalReport {
  agent: string;
  at: string;
  passed: boolean;
  cases: CaseResult[];
  /** what happened to drift:<agent> */
  alert: AlertEvent['event'] | null;
}

async function loadRunnable(home: Home, agent: string): Promise<AgentDefinition> {
  const file = home.paths.agentFile(agent);
  try {
    await access(file);
  } catch {
    throw new UsageError(`no agent named "${agent}": agents/${agent}.md does not exist`, {
      file,
      expected: `agents/${agent}.md`,
      actual: 'no such file',
    });
  }
  const entry = await loadAgentFile(file, home.defaults, home.paths.agentsCache);
  if (!entry.ok) {
    throw new ValidationError(
      `agents/${agent}.md is not valid, so its evals cannot run:\n  ${entry.problems.map(formatProblem).join('\n  ')}`,
      { file, fix: 'correct the fields named above, then check with `nightshift validate`' },
    );
  }
  return entry.agent;
}

async function loadValidCases(home: Home, agent: string): Promise<EvalCase[]> {
  const loaded = await loadCases(home.paths, agent);
  const layout =
    'one folder per case under evals/' +
    agent +
    '/, each with case.yaml (expect_status, and optionally required, forbidden, bullets, max_words, ' +
    'min_similarity, max_drop, judge) and input.txt or input.gen.yaml';
  if (!loaded.dirExists) {
    throw new EvalSetupError(`${agent} has no eval cases: evals/${agent}/ does not exist: expected ${layout}`, {
      file: `evals/${agent}/`,
      expected: layout,
      actual: 'no such folder',
      fix: `nightshift doctor ${agent} prints the commands that make a first case`,
    });
  }
  if (loaded.problems.length > 0) {
    throw new EvalSetupError(
      `the eval cases of ${agent} are not valid, so none was run:\n  ${loaded.problems.map(formatProblem).join('\n  ')}`,
      {
        file: `evals/${agent}/`,
        expected: layout,
        fix: 'correct the files named above',
      },
    );
  }
  if (loaded.cases.length === 0) {
    throw new EvalSetupError(`${agent} has no eval cases: evals/${agent}/ holds no case folder: expected ${layout}`, {
      file: `evals/${agent}/`,
      expected: layout,
      actual: 'an empty folder',
    });
  }
  return loaded.cases;
}

function judgeSummary(outcome: JudgeOutcome): NonNullable<EvalRecord['judge']> {
  const { score, min_score, reason, run_id, status, cost_usd } = outcome;
  return { score, min_score, reason, run_id, status, cost_usd };
}

/** A judge needs a runner that reads a prompt: the extractive summarizer reads none. */
function refuseJudgeWithout(definition: AgentDefinition, cases: readonly EvalCase[]): void {
  if (definition.runner.kind !== 'extractive') return;
  const judged = cases.find((c) => c.checks.judge !== undefined);
  if (!judged) return;
  throw new EvalSetupError(
    `${judged.rel}/case.yaml has a judge, but agents/${definition.name}.md runs the extractive runner, which reads no prompt and cannot grade`,
    {
      file: `${judged.rel}/case.yaml`,
      field: 'judge',
      expected: 'a judge only for agents whose runner is claude, anthropic, openai or command',
      actual: 'runner.kind: extractive',
      fix: 'remove judge: from the case, and rely on min_similarity and the checks',
    },
  );
}

async function judgeCase(
  context: CaseContext,
  evalCase: EvalCase,
  storing: boolean,
  history: readonly number[],
): Promise<CaseResult> {
  const run = await runCase(context, evalCase);
  const status = run.record.status;
  const baseline = storing ? null : await readBaseline(evalCase.dir, evalCase.rel);
  const failures = judgeRun(evalCase.checks, { status, text: run.text }, baseline);
  const similarity =
    baseline && run.text !== null ? roundScore(tokenF1(bodyOf(run.text), bodyOf(baseline.text))) : null;
  const drifted = scoreFinding({
    score: similarity,
    history,
    min_similarity: evalCase.checks.min_similarity,
    max_drop: evalCase.checks.max_drop,
  });
  if (drifted !== null) failures.push(drifted);
  const judge =
    evalCase.checks.judge && run.text !== null
      ? await runJudge(context, evalCase, evalCase.checks.judge, run.text, baseline?.text ?? null)
      : null;
  if (judge?.failure) failures.push(judge.failure);
  let mode: CaseResult['baseline'] = baseline ? 'compared' : 'none';
  if (storing) {
    if (failures.length === 0 && run.text !== null) {
      await storeBaseline(evalCase.dir, run.text, { status, at: run.record.ended_at, run_id: run.record.run_id });
      mode = 'stored';
    } else {
      mode = 'not-stored';
      failures.push('baseline not stored: the output fails the case’s own checks');
    }
  }
  const shape = shapeOf(run.text ?? '');
  return {
    case: evalCase.name,
    status,
    passed: failures.length === 0,
    failures,
    words: shape.words,
    bullets: shape.bullets,
    output_file: run.record.output_file,
    run_id: run.record.run_id,
    cost_usd: run.record.cost_usd,
    similarity,
    judge: judge === null ? null : judgeSummary(judge),
    baseline: mode,
    notes: [
      ...run.notes,
      ...(run.record.reason && status !== 'OK' ? [run.record.reason] : []),
      ...(judge?.notes ?? []),
    ],
  };
}

export async function evalAgent(home: Home, agent: string, options: EvalOptions = {}): Promise<EvalReport> {
  const env = options.env ?? process.env;
  const clock = options.now ?? (() => new Date());
  const definition = await loadRunnable(home, agent);
  const cases = await loadValidCases(home, agent);
  refuseJudgeWithout(definition, cases);
  const state = await readState(home.paths);
  if (state.global.stopped) {
    throw new EvalSetupError(
      `the global stop is on${state.global.reason ? ` (${state.global.reason})` : ''}: no agent runs, evals included`,
      {
        expected: 'the global stop off',
        actual: 'stopped',
        fix: 'nightshift start-all --reason "…" once it is safe',
      },
    );
  }
  const history = await readEvalHistory(home.paths, agent);
  const sandbox = await createSandbox(home, agent);
  const results: CaseResult[] = [];
  try {
    const context: CaseContext = { home, sandbox, env, ports: options.ports };
    for (const evalCase of cases) {
      const earlier = scoresSinceBaseline(history.get(evalCase.name) ?? []);
      const result = await judgeCase(context, evalCase, Boolean(options.baseline), earlier);
      results.push(result);
      const record: EvalRecord = {
        v: 1,
        at: clock().toISOString(),
        agent,
        case: result.case,
        run_id: result.run_id,
        status: result.status,
        passed: result.passed,
        failures: result.failures,
        baseline: result.baseline === 'stored',
        similarity: result.similarity,
        ...(result.judge === null ? {} : { judge: result.judge }),
        ...(evalCase.checks.min_similarity === undefined ? {} : { min_similarity: evalCase.checks.min_similarity }),
      };
      await appendRecord(home.paths.evalsJournal, record);
    }
  } finally {
    await sandbox.remove();
  }
  const failing = results.filter((r) => !r.passed).map((r) => ({ case: r.case, failures: r.failures }));
  const events = await updateDriftAlert(home, agent, failing, {
    now: clock(),
    env,
    channels: options.channels,
    runner: definition.runner,
  });
  const own = events.find((e) => e.key === `drift:${agent}`);
  return { agent, at: clock().toISOString(), passed: failing.length === 0, cases: results, alert: own?.event ?? null };
}
