import type { Command } from 'commander';
import { action, printJson } from '../action.js';
import { commonOptions } from '../context.js';
import { RUN_EXIT_HELP } from '../../harness/exit-code.js';

/**
 * `nightshift run <agent>`: the only way an agent runs (DESIGN §3). Prints the
 * record (--json) or one summary line; a live progress line on a terminal.
 * Signals to this process end the run's processes, record it and exit.
 */
const TRIGGER_WORDS = 'manual|cron|watch|when|eval|catch_up';
const HARNESS_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

export function registerRun(program: Command): void {
  program
    .command('run <agent>')
    .description('run one agent now, inside its limits, and append its record to logs/runs.jsonl')
    .option('--trigger <kind>', `what started this run: ${TRIGGER_WORDS}`, 'manual')
    .option('--json', 'print the run record as JSON (and nothing else)')
    .addHelpText(
      'after',
      `\nSIGTERM, SIGINT or SIGHUP to this process ends the run's processes and records it as RUNNER_FAILED.\n${RUN_EXIT_HELP}`,
    )
    .action(
      action(async (agent: string, opts: { trigger: string }, command: Command) => {
        const { home, json } = commonOptions(command);
        const [{ runAgent, exitCodeFor, summaryLine, progressLine }, { TRIGGERS }, { UsageError }, { LiveLine }] = await Promise.all([
          import('../../harness/index.js'),
          import('../../journal/records.js'),
          import('../../errors.js'),
          import('../../harness/live-line.js'),
        ]);
        const trigger = TRIGGERS.find((t) => t === opts.trigger);
        if (!trigger) throw new UsageError(`--trigger: "${opts.trigger}" is not a trigger: expected one of ${TRIGGER_WORDS.replaceAll('|', ', ')}`);

        const controller = new AbortController();
        const onSignal = (signal: NodeJS.Signals): void => controller.abort(`harness received ${signal}`);
        for (const signal of HARNESS_SIGNALS) process.on(signal, onSignal);
        let snapshot: Parameters<typeof progressLine>[1] | null = null;
        const live = !json && process.stderr.isTTY ? new LiveLine(process.stderr, () => (snapshot ? progressLine(agent, snapshot) : `${agent}  starting…`)) : null;
        live?.start();
        try {
          const record = await runAgent({
            agent,
            home,
            trigger,
            signal: controller.signal,
            onProgress: (s) => {
              snapshot = s;
              live?.draw();
            },
            onNote: json
              ? undefined
              : (message) => {
                  live?.stop();
                  process.stderr.write(`nightshift: ${message}\n`);
                },
          });
          live?.stop();
          if (json) printJson(record);
          else process.stdout.write(`${summaryLine(record)}\n`);
          return exitCodeFor(record.status);
        } finally {
          live?.stop();
          for (const signal of HARNESS_SIGNALS) process.off(signal, onSignal);
        }
      }),
    );
}
