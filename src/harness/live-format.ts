import { join } from 'node:path';
import { assertAgentName, type HomePaths } from '../home/index.js';
import { type Infer, number, object, oneOf, optional, string } from '../shared/index.js';

/**
 * run/<agent>.live.jsonl: what a run in flight is doing, one JSON line per
 * event, for the console's live view (issue 15 §3). Written by the harness
 * while the run goes (live-file.ts), removed when it ends; a crashed run's
 * file is removed by whoever reaps its lock. Not a record: nothing is decided
 * from it, and a line that does not parse is skipped by the reader.
 *
 * Every line carries the run's figures so far (elapsed, calls, tool calls,
 * cost, output bytes), so the newest line alone gives the gauges. Besides:
 * - start: the first line; the run id, the runner, the model and the limits
 * - model: a model call was counted (`n` is its number), with the tokens so far
 * - tool: a tool call (`n`), its name and its input, redacted and cut to LIVE_INPUT_CHARS
 * - progress: the clock moved (every LIVE_PROGRESS_EVERY_MS, whatever the runner says)
 * - note: the writer's own word (the file is full; later events are not shown)
 */
export const LIVE_TYPES = ['start', 'model', 'tool', 'progress', 'note'] as const;
export type LiveType = (typeof LIVE_TYPES)[number];

const count = () => number({ int: true, min: 0 });

export const liveLimitsSchema = object({
  time_ms: count(),
  calls: count(),
  tool_calls: count(),
  cost_usd: number({ min: 0 }),
  output_bytes: count(),
});
export type LiveLimits = Infer<typeof liveLimitsSchema>;

export const liveEventSchema = object(
  {
    type: oneOf(LIVE_TYPES),
    at: string(),
    elapsed_ms: count(),
    calls: count(),
    tool_calls: count(),
    cost_usd: number({ min: 0 }),
    output_bytes: count(),
    run_id: optional(string()),
    runner: optional(string()),
    model: optional(string()),
    limits: optional(liveLimitsSchema),
    n: optional(count()),
    tokens: optional(object({ input: count(), output: count(), cache_read: count(), cache_write: count() })),
    tool: optional(string()),
    input: optional(string()),
    note: optional(string()),
  },
  'a live-view line',
);
export type LiveEvent = Infer<typeof liveEventSchema>;

/** A tool input is cut to this many characters (after redaction): enough to see what it touched. */
export const LIVE_INPUT_CHARS = 240;
/** How often a progress line is written while nothing else happens. */
export const LIVE_PROGRESS_EVERY_MS = 1000;
/** The file stops growing here (a runaway loop of tool calls): a note says so and the run goes on. */
export const LIVE_MAX_BYTES = 4 * 1024 * 1024;

export function liveFile(paths: HomePaths, agent: string): string {
  return join(paths.run, `${assertAgentName(agent)}.live.jsonl`);
}

/** One line of the file, or null when it is not one (a torn last line, a hand edit). */
export function parseLiveEvent(text: string): LiveEvent | null {
  if (text.trim() === '') return null;
  try {
    const parsed = liveEventSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
