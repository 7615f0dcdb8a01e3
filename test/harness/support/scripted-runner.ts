import type { HarnessPorts } from '../../../src/harness/ports.js';
import type { Runner, RunnerEvents, RunnerInput, RunnerOutcome, RunnerUsage } from '../../../src/runners/types.js';

/** A runner without a process: the test scripts what it reports. For orchestration tests that must not spawn anything. */
export type Script = (input: RunnerInput, events: RunnerEvents) => Promise<Partial<RunnerOutcome> | void>;

export function usage(partial: Partial<RunnerUsage> = {}): RunnerUsage {
  return {
    llmCalls: 0,
    toolCalls: [],
    tokens: { input: 0, output: 0, cache_read: 0, cache_write: 0 },
    costUsd: 0,
    costBasis: 'none',
    ...partial,
  };
}

export function scriptedRunner(script: Script): Runner & { calls: RunnerInput[] } {
  const calls: RunnerInput[] = [];
  return {
    kind: 'command',
    calls,
    async run(input, events) {
      calls.push(input);
      let last = usage();
      const wrapped: RunnerEvents = {
        ...events,
        usage: (u) => {
          last = u;
          events.usage(u);
        },
      };
      const outcome = (await script(input, wrapped)) ?? {};
      const aborted = input.signal.aborted;
      return {
        usage: last,
        exitCode: aborted ? null : 0,
        signal: null,
        completed: !aborted,
        ...(aborted ? { reason: 'stopped by the harness' } : {}),
        ...outcome,
      };
    },
  };
}

/** Says `text` and ends. */
export function says(text: string, partial: Partial<RunnerUsage> = {}): Script {
  return async (_input, events) => {
    if (Object.keys(partial).length > 0) events.usage(usage(partial));
    events.output(text);
  };
}

/** Waits until aborted (a hung model call), then returns. */
export const hangs: Script = (input) =>
  new Promise((resolve) => {
    if (input.signal.aborted) resolve();
    input.signal.addEventListener('abort', () => resolve(), { once: true });
  });

export function portsFor(
  runner: Runner,
  extra: Partial<HarnessPorts> = {},
): Partial<HarnessPorts> & { created: number } {
  const ports = {
    created: 0,
    createRunner: () => {
      ports.created++;
      return runner;
    },
    terminateRun: async () => undefined,
    ...extra,
  };
  return ports;
}
