import { runRecordSchema, type RunRecord, type Schema } from '../shared/index.js';

/** What a reader does with one line of text: a record, or why it is not one. */
export type LineVerdict<T> = { ok: true; record: T } | { ok: false; problem: string };

export interface RecordParser<T> {
  parseLine(text: string): LineVerdict<T>;
}

const SHOWN_TEXT = 60;

function notJson(text: string, error: unknown): string {
  const shown = text.length > SHOWN_TEXT ? `${text.slice(0, SHOWN_TEXT)}…` : text;
  return `not JSON (${error instanceof Error ? error.message : String(error)}): ${JSON.stringify(shown)}`;
}

/**
 * A parsed value through its format: as it is when it is exactly a record
 * (no copy: a cold index reads a million), else the format's copy without
 * unknown keys, else the first problem ("cost_usd: expected a number ≥ 0, got \"cheap\"").
 */
export function toRecord<T>(schema: Schema<T>, value: unknown): LineVerdict<T> {
  if (schema.is(value)) return { ok: true, record: value };
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, record: parsed.data };
  const where = parsed.error.path.length > 0 ? parsed.error.path.join('.') : 'the record';
  return { ok: false, problem: `${where}: ${parsed.error.problem}` };
}

export function parserFor<T>(schema: Schema<T>): RecordParser<T> {
  return {
    parseLine(text) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        return { ok: false, problem: notJson(text, error) };
      }
      return toRecord(schema, value);
    },
  };
}

/** Validates a parsed value as a run record. */
export function toRunRecord(value: unknown): LineVerdict<RunRecord> {
  return toRecord(runRecordSchema, value);
}

export const runRecordParser: RecordParser<RunRecord> = parserFor(runRecordSchema);
