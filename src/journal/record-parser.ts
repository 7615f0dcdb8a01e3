import type { ZodType } from 'zod';
import { isExactAlertEvent } from './alert-guard.js';
import { alertEventSchema, runRecordSchema, type RunRecord } from './records.js';
import { isExactRunRecord } from './run-record-guard.js';

/** What a reader does with one line of text: a record, or why it is not one. */
export type LineVerdict<T> = { ok: true; record: T } | { ok: false; problem: string };

export interface RecordParser<T> {
  parseLine(text: string): LineVerdict<T>;
}

const SHOWN_TEXT = 60;

function describeZodIssues(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): string {
  const [first] = error.issues;
  if (first === undefined) return 'does not match the record format';
  const where = first.path.length > 0 ? first.path.map(String).join('.') : 'the record';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `${where}: ${first.message}${more}`;
}

function notJson(text: string, error: unknown): string {
  const shown = text.length > SHOWN_TEXT ? `${text.slice(0, SHOWN_TEXT)}…` : text;
  return `not JSON (${error instanceof Error ? error.message : String(error)}): ${JSON.stringify(shown)}`;
}

/** Schemas with a hand-written guard in front (src/journal/guards.ts): zod only sees what the guard refuses. */
function guardFor(schema: unknown): ((value: unknown) => boolean) | null {
  if (schema === alertEventSchema) return isExactAlertEvent;
  return null;
}

export function parserFor<T>(schema: ZodType<T>): RecordParser<T> {
  if ((schema as unknown) === runRecordSchema) return runRecordParser as unknown as RecordParser<T>;
  const guard = guardFor(schema);
  return {
    parseLine(text) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        return { ok: false, problem: notJson(text, error) };
      }
      if (guard?.(value)) return { ok: true, record: value as T };
      const result = schema.safeParse(value);
      return result.success ? { ok: true, record: result.data } : { ok: false, problem: describeZodIssues(result.error) };
    },
  };
}

/** Validates a parsed value as a run record; zod runs only when the fast check refuses it. */
export function toRunRecord(value: unknown): LineVerdict<RunRecord> {
  if (isExactRunRecord(value)) return { ok: true, record: value };
  const result = runRecordSchema.safeParse(value);
  return result.success ? { ok: true, record: result.data } : { ok: false, problem: describeZodIssues(result.error) };
}

export const runRecordParser: RecordParser<RunRecord> = {
  parseLine(text) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { ok: false, problem: notJson(text, error) };
    }
    return toRunRecord(value);
  },
};
