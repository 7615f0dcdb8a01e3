import { loadFleet } from '../fleet/index.js';
import type { Home } from '../home/index.js';
import { readMerged, reviewRecordSchema } from '../journal/index.js';
import { currentUser } from '../shared/index.js';
import { appendReviewMark } from './review-marks.js';
import { buildQuarterReview, parseAnswer, parseQuarter, type QuarterReview } from './review-quarter.js';

export interface QuarterOptions {
  now: Date;
  quarter?: string;
  /** `agent=keep|tune|retire`, each recorded in reviews.jsonl before the review is built, so it shows its own answers */
  answers?: readonly string[];
  note?: string;
  by?: string;
}

/** Loads the fleet and the index once, records the answers given, and builds the review. */
export async function loadQuarterReview(home: Home, options: QuarterOptions): Promise<QuarterReview> {
  const quarter = parseQuarter(options.quarter, options.now, home.defaults.timezone);
  const { snapshot, trail } = await loadFleet(home, { now: options.now, lookedBy: 'review' });
  const known = new Set(snapshot.agents.map((agent) => agent.name));
  const answers = (options.answers ?? []).map((text) => parseAnswer(text, known));
  for (const { agent, answer } of answers)
    await appendReviewMark(home.paths, {
      agent,
      by: options.by ?? currentUser(),
      note: options.note,
      quarter: quarter.key,
      answer,
      now: options.now,
    });
  const { records } = await readMerged(home.paths.logs, 'reviews', reviewRecordSchema);
  return buildQuarterReview({ snapshot, trail, reviews: records, quarter, now: options.now });
}
