import type { HomePaths } from '../home/index.js';
import {
  appendRecord,
  type QuarterAnswer,
  readMerged,
  type ReviewRecord,
  reviewRecordSchema,
} from '../journal/index.js';

/**
 * Review marks (logs/reviews.jsonl): the record that someone read an agent's
 * week and what they thought of it. The newest mark per agent is what the
 * registry, the review and the review-overdue alert look at.
 */
export interface ReviewMark {
  at: string;
  by: string;
  note: string | null;
  concern: boolean;
  output_file: string | null;
}

/** Pure: the newest mark of each agent (by `at`; the later line wins a tie). */
export function lastMarkPerAgent(records: readonly ReviewRecord[]): Map<string, ReviewMark> {
  const last = new Map<string, ReviewMark>();
  for (const record of records) {
    const seen = last.get(record.agent);
    if (seen !== undefined && Date.parse(seen.at) > Date.parse(record.at)) continue;
    last.set(record.agent, {
      at: record.at,
      by: record.by,
      note: record.note,
      concern: record.concern,
      output_file: record.output_file ?? null,
    });
  }
  return last;
}

export async function readReviewMarks(
  paths: Pick<HomePaths, 'reviewsJournal' | 'logs'>,
): Promise<{ marks: Map<string, ReviewMark>; bad: number }> {
  const { records, bad } = await readMerged(paths.logs, 'reviews', reviewRecordSchema);
  return { marks: lastMarkPerAgent(records), bad };
}

export interface MarkRequest {
  agent: string;
  by: string;
  note?: string | null;
  concern?: boolean;
  /** the output the reviewer read, relative to the home */
  outputFile?: string | null;
  now?: Date;
  /** a quarterly review's answer (review-quarter.ts), recorded with its quarter */
  quarter?: string;
  answer?: QuarterAnswer;
}

/** Pure: the line of reviews.jsonl for a mark; an empty note is no note. */
export function reviewRecordFor(request: MarkRequest): ReviewRecord {
  const note = request.note?.trim() ? request.note.trim() : null;
  return reviewRecordSchema.parse({
    v: 1,
    at: (request.now ?? new Date()).toISOString(),
    by: request.by,
    agent: request.agent,
    note,
    concern: request.concern ?? false,
    output_file: request.outputFile ?? null,
    ...(request.quarter === undefined ? {} : { quarter: request.quarter }),
    ...(request.answer === undefined ? {} : { answer: request.answer }),
  });
}

/** Appends one mark (one write on O_APPEND: the console and the CLI can mark at once). */
export async function appendReviewMark(
  paths: Pick<HomePaths, 'reviewsJournal'>,
  request: MarkRequest,
): Promise<ReviewRecord> {
  const record = reviewRecordFor(request);
  await appendRecord(paths.reviewsJournal, record);
  return record;
}
