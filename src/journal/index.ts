/**
 * The journal room: append-only JSONL journals under logs/, their tolerant
 * reader, and the indexed run trail every view and command queries.
 */
export * from './records.js';
export { appendRecord } from './append.js';
export { appendLinesSync } from './append-lines.js';
export { appendRunRecord } from './append-run.js';
export { appendChangeRecord } from './append-change.js';
export { readJsonl } from './reader.js';
export { mergeByTime, readAll, readMerged } from './read-all.js';
export { runRecordParser } from './record-parser.js';
export { archiveFileName, journalFileName, JOURNAL_KINDS, listJournals, listRunJournals, readRuns } from './sources.js';
export type { JournalFile, JournalKind } from './sources.js';
export { openRunTrail, RunTrail } from './trail.js';
export type { DaySummary } from './queries.js';
export { billableRuns, emptyMonth } from './month-totals.js';
export type { MonthTotals } from './month-totals.js';
export { median, OK_SIZES } from './agent-summary.js';
