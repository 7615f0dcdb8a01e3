import type { Command } from 'commander';
import { action } from '../action.js';
import { printJson, printText } from '../output.js';
import { commonOptions } from '../context.js';
import { UsageError } from '../../shared/index.js';

interface EvalFlags {
  baseline?: boolean;
  history?: boolean;
  last?: string;
}

export function registerEval(program: Command): void {
  program
    .command('eval <agent>')
    .description(
      'run an agent on its fixed cases (evals/<agent>/) and compare with the checks and the baseline: catches model drift',
    )
    .option('--baseline', "store each passing output as its case's baseline (evals/<agent>/<case>/baseline.md)")
    .option('--history', "show each case's content score over its last evals (sparkline, median, last); runs nothing")
    .option('--last <n>', 'with --history: how many evals per case', '10')
    .option('--json', 'print the results as JSON')
    .addHelpText(
      'after',
      `
A case is a folder evals/<agent>/<case>/ with
  input.txt        the fixed input (or input.gen.yaml: {repeat_line: "…", bytes: 10MB} for a big one)
  case.yaml        expect_status: OK   required: [phrases]   forbidden: [phrases]   bullets: 3   max_words: 300
                   min_similarity: 0.6   max_drop: 0.15   judge: {rubric: "…", min_score: 7}
Each case runs through the harness (trigger "eval", the agent's real runner and limits, the input
overridden). Its output goes to evals/<agent>/<case>/last.md, never to outputs/; its run record to
logs/eval-runs.jsonl, never to the production trail; its result to logs/evals.jsonl. A failing case
opens the drift alert; the run where all pass resolves it.

Content: each output gets a score against baseline.md (token F1 over normalised words, 0-1, no network);
under min_similarity, or more than max_drop (0.15) below its median of the last evals, the case fails.
A judge asks the agent's own runner and model to grade the output against the rubric (SCORE n/10 and
REASON lines); its run counts against the agent's limits and budget, and an unreadable answer fails.

--history reads logs/evals.jsonl only: per case, the content scores of the last --last evals,
oldest to newest, as a sparkline on a fixed 0-1 scale, their median and the last one.

Exit codes: 0 all cases pass (--history: 0), 1 a case fails (or the cases are broken: named), 2 unknown agent or no home.`,
    )
    .action(
      action(async (agent: string, opts: EvalFlags, command: Command) => {
        const { home, json } = commonOptions(command);
        const { openHome } = await import('../../home/index.js');
        const { requireAgent } = await import('../agent-arg.js');
        const { evalAgent, renderEval } = await import('../../governance/index.js');
        const opened = await openHome(home);
        await requireAgent(opened.paths, agent);
        if (opts.history) {
          const { evalHistory, renderEvalHistory } = await import('../../governance/index.js');
          const history = await evalHistory(opened.paths, agent, evalsToShow(opts.last));
          if (json) printJson(history);
          else printText(`${renderEvalHistory(history)}\n`);
          return 0;
        }
        const report = await evalAgent(opened, agent, { baseline: Boolean(opts.baseline) });
        if (json) printJson(report);
        else printText(`${renderEval(report)}\n`);
        return report.passed ? 0 : 1;
      }),
    );
}

function evalsToShow(text: string | undefined): number {
  const n = Number(text ?? '10');
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw new UsageError(
      `--last ${JSON.stringify(text)} is not a count of evals: expected a whole number from 1 to 100`,
      {
        field: '--last',
        expected: 'a whole number from 1 to 100',
        actual: String(text),
        fix: 'nightshift eval --history <agent> --last 10',
      },
    );
  return n;
}
