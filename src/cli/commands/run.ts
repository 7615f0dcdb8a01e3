import { type Command, Option } from 'commander';
import { action } from '../action.js';
import { printJson, printText } from '../output.js';
import { commonOptions } from '../context.js';
import { RUN_EXIT_HELP } from '../../shared/index.js';
import type { Home } from '../../home/index.js';
import type { AlertEvent } from '../../journal/index.js';
import { RunExport } from '../run-export.js';

/**
 * `nightshift run <agent>`: the only way an agent runs (DESIGN §3). Prints the
 * record (--json) or one summary line; a live progress line on a terminal.
 * Signals to this process end the run's processes, record it and exit.
 * With --reason (the console's `r` always gives one, maybe empty) the run is
 * first recorded in logs/changes.jsonl as a change a person made.
 */
const TRIGGER_WORDS = 'manual|cron|watch|when|eval|catch_up|webhook';
const REQUEST_SOURCES = ['cli', 'console', 'script'] as const;
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HARNESS_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

export function registerRun(program: Command): void {
  program
    .command('run <agent>')
    .description('run one agent now, inside its limits, and append its record to logs/runs.jsonl')
    .option('--trigger <kind>', `what started this run: ${TRIGGER_WORDS}`, 'manual')
    .option(
      '--reason <text>',
      'why you run it now: recorded in logs/changes.jsonl (action run, by $USER) before the run starts; "" records it without a reason. Manual runs only',
    )
    .addOption(
      new Option('--source <who>', 'who asked for the run, for the change record')
        .choices(REQUEST_SOURCES)
        .default('cli')
        .hideHelp(),
    )
    // the daemon's webhook listener: the request's body as the run's input, and the run id it answered with
    .addOption(new Option('--input <file>', "read this file instead of the agent's input.path").hideHelp())
    .addOption(new Option('--run-id <uuid>', 'the run id to record (given out before the run starts)').hideHelp())
    .option('--json', 'print the run record as JSON (and nothing else)')
    // the daemon's: go on with a run's retries whose waiting process died (run/<agent>.retry.json)
    .addOption(new Option('--attempt <n>', 'start at this attempt of a run with retries').hideHelp())
    .addOption(new Option('--first-run-id <id>', 'the run id of attempt 1, with --attempt').hideHelp())
    .addHelpText(
      'after',
      "\nWithout --reason nothing goes to logs/changes.jsonl: the run's own record in logs/runs.jsonl " +
        'says when it ran and how it ended. ' +
        'Runs started by the daemon, cron, a watch, a condition or an eval never take --reason.\n' +
        "SIGTERM, SIGINT or SIGHUP to this process ends the run's processes and records it as RUNNER_FAILED.\n" +
        'On Linux the runner gets a cgroup of its own where one can be made, so a kill reaches everything ' +
        'it started; else the sweep by process group and NIGHTSHIFT_RUN_ID ' +
        "(NIGHTSHIFT_CONTAINMENT=sweep forces it). The record's containment says which; " +
        `\`nightshift doctor\` says which runs get here.\n` +
        'An agent with a retry policy (retry: in its file): after a failed attempt this process waits the backoff and runs ' +
        'the next attempt itself, one line each; --json prints the last one (README "Retry policy").\n' +
        `${RUN_EXIT_HELP}`,
    )
    .action(
      action(
        async (
          agent: string,
          opts: {
            trigger: string;
            reason?: string;
            source: (typeof REQUEST_SOURCES)[number];
            attempt?: string;
            firstRunId?: string;
            input?: string;
            runId?: string;
          },
          command: Command,
        ) => {
          const { home, json } = commonOptions(command);
          const { formatDuration } = await import('../../agents/index.js');
          const [{ runAttempts, summaryLine, progressLine, LiveLine }, { TRIGGERS }, { UsageError, exitCodeFor }] =
            await Promise.all([
              import('../../harness/index.js'),
              import('../../journal/index.js'),
              import('../../shared/index.js'),
            ]);
          const trigger = TRIGGERS.find((t) => t === opts.trigger);
          if (!trigger)
            throw new UsageError(
              `--trigger: "${opts.trigger}" is not a trigger: expected one of ${TRIGGER_WORDS.replaceAll('|', ', ')}`,
            );
          if (opts.reason !== undefined && trigger !== 'manual') {
            throw new UsageError(
              `--reason is for runs a person asks for (--trigger manual), not --trigger ${trigger}: scheduled runs are recorded in logs/runs.jsonl only`,
            );
          }
          const from = attemptFrom(opts, UsageError);
          if (opts.runId !== undefined && !RUN_ID.test(opts.runId))
            throw new UsageError(`--run-id: "${opts.runId}" is not a run id: expected a UUID like 0b5e…-…`, {
              field: '--run-id',
              expected: 'a UUID',
              actual: opts.runId,
              fix: 'leave --run-id out: the harness makes one',
            });
          let runHome: Home | string | undefined = home;
          if (opts.reason !== undefined) {
            // recorded before the run starts, in the same home the run then uses
            const [{ openHome }, { recordRunRequest }] = await Promise.all([
              import('../../home/index.js'),
              import('../../switches/index.js'),
            ]);
            runHome = await openHome(home);
            await recordRunRequest(runHome, agent, { reason: opts.reason, source: opts.source });
          }

          let snapshot: Parameters<typeof progressLine>[1] | null = null;
          const live =
            !json && process.stderr.isTTY
              ? new LiveLine(process.stderr, () => (snapshot ? progressLine(agent, snapshot) : `${agent}  starting…`))
              : null;
          const note = (message: string): void => {
            if (json) return;
            live?.stop();
            printText(`nightshift: ${message}\n`, process.stderr);
          };
          // a hook never throws; what went wrong (a webhook down) is said, and the run stands
          const notes = async (report: Promise<{ errors: string[] }>): Promise<void> => {
            for (const error of (await report).errors) note(error);
          };
          // central logs (src/telemetry): the record and the alert events the hooks record, as OTLP log records
          const otlp = new RunExport();
          const alertsOf = async (report: Promise<{ events: AlertEvent[] }>): Promise<void> =>
            otlp.noteAlerts((await report).events);
          const controller = new AbortController();
          const onSignal = (signal: NodeJS.Signals): void => controller.abort(`harness received ${signal}`);
          for (const signal of HARNESS_SIGNALS) process.on(signal, onSignal);
          live?.draw();
          try {
            // the run and the retries its agent's retry policy asks for, waited for in this process (attempts.ts)
            const records = await runAttempts({
              agent,
              ...(from ? { from } : {}),
              home: runHome,
              trigger,
              ...(opts.input === undefined ? {} : { inputPath: opts.input }),
              ...(opts.runId === undefined ? {} : { runId: opts.runId }),
              signal: controller.signal,
              onProgress: (s) => {
                snapshot = s;
                live?.draw();
              },
              // healthchecks pings and the alert rules a run can change (DESIGN §3 step 5), loaded only when called
              hooks: {
                beforeRun: async (opened, run) => {
                  otlp.started(opened);
                  const report = (await import('../../hooks/index.js')).beforeRun(opened, run);
                  await Promise.all([notes(report), alertsOf(report)]);
                },
                afterRun: async (opened, record) => {
                  otlp.recorded(opened, record);
                  const report = (await import('../../hooks/index.js')).afterRun(opened, record);
                  await Promise.all([notes(report), alertsOf(report)]);
                },
              },
              onNote: note,
              onAttempt: (attempted, { of }) => {
                if (json || attempted.attempt == null) return;
                live?.stop();
                printText(`${summaryLine(attempted, of)}\n`);
              },
              onRetry: ({ attempt, of, waitMs }) => {
                note(`attempt ${attempt}/${of} in ${formatDuration(waitMs)} (retry policy of agents/${agent}.md)`);
                snapshot = null;
              },
            });
            const record = records.at(-1)!;
            live?.stop();
            if (json) printJson(record);
            else if (record.attempt == null) printText(`${summaryLine(record)}\n`);
            // bounded by its timeout; what is not sent is spooled, never a failed run
            for (const warning of await otlp.finish()) note(warning);
            return exitCodeFor(record.status);
          } finally {
            live?.stop();
            for (const signal of HARNESS_SIGNALS) process.off(signal, onSignal);
          }
        },
      ),
    );
}

/** --attempt N --first-run-id ID: both or neither, N of 2 or more (attempt 1 is a plain run). */
function attemptFrom(
  opts: { attempt?: string; firstRunId?: string },
  UsageError: new (message: string) => Error,
): { number: number; firstRunId: string } | undefined {
  if (opts.attempt === undefined && opts.firstRunId === undefined) return undefined;
  const number = Number(opts.attempt);
  if (!Number.isInteger(number) || number < 2 || !opts.firstRunId)
    throw new UsageError(
      `--attempt "${opts.attempt ?? ''}" --first-run-id "${opts.firstRunId ?? ''}": expected both, the attempt 2 or more`,
    );
  return { number, firstRunId: opts.firstRunId };
}
