import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runAgent } from '../../harness/index.js';
import type { Home } from '../../home/index.js';
import { appendRunRecord, type RunRecord } from '../../journal/index.js';
import { writeFileAtomically } from '../../files/index.js';
import { LAST_OUTPUT } from './baseline.js';
import { writeGeneratedInput } from './gen-input.js';
import type { EvalCase } from './load-cases.js';
import type { Sandbox } from './sandbox.js';
import { evalRunsJournal, monthSpendWithEvals } from './spend.js';

/**
 * One case through the one way an agent runs (runAgent, trigger "eval"):
 * the agent's real runner, limits and preflight, with the input path
 * overridden to the case's input. The harness writes its output and record
 * in the sandbox; the record port moves both to where evals keep them:
 * the output to evals/<agent>/<case>/last.md, the record to
 * logs/eval-runs.jsonl with its paths pointing there. The judge's run
 * (model-judge.ts) goes the same way with its own prompt and files.
 */
export interface CaseRun {
  record: RunRecord;
  text: string | null;
  notes: string[];
}

export interface CaseContext {
  home: Home;
  sandbox: Sandbox;
  env: NodeJS.ProcessEnv;
  /** tests: a stand-in runner and the like */
  ports?: Parameters<typeof runAgent>[0]['ports'];
}

async function inputFor(sandbox: Sandbox, evalCase: EvalCase): Promise<string> {
  if (evalCase.input.kind === 'file') return evalCase.input.path;
  const file = join(sandbox.inputs, `${evalCase.name}.txt`);
  await writeGeneratedInput(evalCase.input.spec, file);
  return file;
}

export interface SandboxRun {
  /** the file the run reads */
  inputPath: string;
  /** what its record names as input, relative to the home */
  inputRel: string | null;
  /** where its output is kept, in the case's folder (last.md, judge.md) */
  keepAs: string;
  /** another prompt than the agent's (the judge's) */
  prompt?: string;
  env?: NodeJS.ProcessEnv;
}

export async function runInSandbox(context: CaseContext, evalCase: EvalCase, how: SandboxRun): Promise<CaseRun> {
  const { home, sandbox } = context;
  const notes: string[] = [];
  let text: string | null = null;
  const keptRel = `${evalCase.rel}/${how.keepAs}`;
  const record = await runAgent({
    agent: evalCase.agent,
    home: sandbox.root,
    trigger: 'eval',
    env: how.env ?? context.env,
    inputPath: how.inputPath,
    prompt: how.prompt,
    onNote: (note) => notes.push(note),
    ports: {
      ...context.ports,
      monthToDateUsd: (_paths, agent, now, timezone) => monthSpendWithEvals(home.paths, agent, now, timezone),
      async appendRunRecord(_paths, record) {
        if (record.output_file !== null) {
          text = await readFile(join(sandbox.root, record.output_file), 'utf8');
          await writeFileAtomically(join(evalCase.dir, how.keepAs), text, { mode: 0o600 });
        } else {
          await rm(join(evalCase.dir, how.keepAs), { force: true });
        }
        const moved: RunRecord = {
          ...record,
          input_file: how.inputRel,
          output_file: text === null ? null : keptRel,
        };
        await appendRunRecord(evalRunsJournal(home.paths), moved);
      },
    },
  });
  return {
    record: { ...record, input_file: how.inputRel, output_file: text === null ? null : keptRel },
    text,
    notes,
  };
}

export async function runCase(context: CaseContext, evalCase: EvalCase): Promise<CaseRun> {
  const inputPath = await inputFor(context.sandbox, evalCase);
  try {
    return await runInSandbox(context, evalCase, {
      inputPath,
      inputRel: evalCase.input.file,
      keepAs: LAST_OUTPUT,
    });
  } finally {
    if (evalCase.input.kind === 'generated') await rm(inputPath, { force: true });
  }
}
