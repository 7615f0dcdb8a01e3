import type { Runner, RunnerEvents, RunnerInput, RunnerOutcome } from '../types.js';
import { emptyUsage } from '../usage.js';
import { readInputText } from './read-text.js';
import { summarize } from './summarize.js';

const DEFAULT_BULLETS = 3;

/** The offline summarizer: no network, no key, no model, cost 0. */
export const extractiveRunner: Runner = {
  kind: 'extractive',
  async run(input: RunnerInput, events: RunnerEvents): Promise<RunnerOutcome> {
    const usage = emptyUsage('none');
    const outcome = (completed: boolean, reason?: string): RunnerOutcome => ({
      usage,
      exitCode: null,
      signal: null,
      completed,
      ...(reason ? { reason } : {}),
    });
    const maxBytes = input.agent.input?.maxBytes;
    if (!input.inputPath || maxBytes === undefined)
      return outcome(false, 'the extractive runner needs an input file: set input.path in the agent file');
    let text;
    try {
      text = await readInputText(input.inputPath, maxBytes);
    } catch (error) {
      return outcome(
        false,
        `cannot read the input ${input.inputPath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    if (input.signal.aborted) return outcome(false, 'stopped by the harness');
    const { chunks } = summarize(text, {
      prompt: input.systemPrompt,
      date: input.date,
      bullets: input.agent.expect?.bullets ?? DEFAULT_BULLETS,
      ...(input.agent.expect?.max_words ? { maxWords: input.agent.expect.max_words } : {}),
    });
    events.usage(usage);
    for (const chunk of chunks) {
      if (input.signal.aborted) return outcome(false, 'stopped by the harness');
      events.output(chunk);
    }
    return outcome(true);
  },
};
