import { runRecordSchema } from '../../journal/index.js';
import { wallTime } from '../../shared/index.js';

/**
 * Which lines of logs/runs.jsonl a rotation moves: good run records that
 * ended before the cutoff, into the archive of their local year. Everything
 * else — newer runs, lines that do not parse — stays where readers already
 * count it. Pure.
 */
export interface LineVerdict {
  year: number;
  runId: string;
}

export function classifyRunLine(line: string, cutoffMs: number, timezone: string): LineVerdict | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  const parsed = runRecordSchema.safeParse(raw);
  if (!parsed.success) return null;
  const ended = Date.parse(parsed.data.ended_at);
  if (!(ended < cutoffMs)) return null;
  return { year: wallTime(ended, timezone).year, runId: parsed.data.run_id };
}
