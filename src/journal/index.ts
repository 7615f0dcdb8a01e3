/**
 * The journal room: append-only JSONL journals under logs/, their tolerant
 * reader, and the indexed run trail every view and command queries.
 */
export * from './records.js';
export { appendRecord, appendRecordSync, AppendError, MAX_RECORD_BYTES, RecordTooLargeError } from './append.js';
export { appendLinesSync } from './append-lines.js';
export { appendRunRecord, appendRunRecordSync } from './append-run.js';
export { readJsonl } from './reader.js';
export type { JsonlEntry, JsonlReading, ReadOptions } from './reader.js';
export { readAll } from './read-all.js';
export type { AllRecords } from './read-all.js';
export type { BadLineSample, ReadStats } from './read-stats.js';
export { runRecordParser } from './record-parser.js';
export type { LineVerdict, RecordParser } from './record-parser.js';
export { listRunJournals, readRuns, MAIN_JOURNAL } from './sources.js';
export type { RunEntry, RunJournalFile, RunsReading } from './sources.js';
export { openRunTrail, RunTrail } from './trail.js';
export type { JournalRefresh, JournalStats, RefreshReport, TrailOptions } from './trail.js';
export type { RefreshAction } from './index-refresh.js';
export type { DaySummary, StatusCounts } from './queries.js';
export { billableRuns, emptyMonth, monthlyTotals } from './month-totals.js';
export type { MonthTotals } from './month-totals.js';
export { median, OK_SIZES, RECENT_RUNS } from './agent-summary.js';
export { STREAK_CAP } from './failure-streak.js';
export type { RunGlance } from './run-line-matcher.js';
export { LocalDayClock } from './local-day.js';
