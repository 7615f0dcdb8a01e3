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
 * logs/eval-runs.jsonl with its paths pointing there.
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

export async function runCase(context: CaseContext, evalCase: EvalCase): Promise<CaseRun> {
  const { home, sandbox } = context;
  const notes: string[] = [];
  let text: string | null = null;
  const inputPath = await inputFor(sandbox, evalCase);
  const lastRel = `${evalCase.rel}/${LAST_OUTPUT}`;
  try {
    const record = await runAgent({
      agent: evalCase.agent,
      home: sandbox.root,
      trigger: 'eval',
      env: context.env,
      inputPath,
      onNote: (note) => notes.push(note),
      ports: {
        ...context.ports,
        monthToDateUsd: (_paths, agent, now, timezone) => monthSpendWithEvals(home.paths, agent, now, timezone),
        async appendRunRecord(_paths, record) {
          if (record.output_file !== null) {
            text = await readFile(join(sandbox.root, record.output_file), 'utf8');
            await writeFileAtomically(join(evalCase.dir, LAST_OUTPUT), text, { mode: 0o600 });
          } else {
            await rm(join(evalCase.dir, LAST_OUTPUT), { force: true });
          }
          const moved: RunRecord = {
            ...record,
            input_file: evalCase.input.file,
            output_file: text === null ? null : lastRel,
          };
          await appendRunRecord(evalRunsJournal(home.paths), moved);
        },
      },
    });
    return {
      record: { ...record, input_file: evalCase.input.file, output_file: text === null ? null : lastRel },
      text,
      notes,
    };
  } finally {
    if (evalCase.input.kind === 'generated') await rm(inputPath, { force: true });
  }
}
