import type { DisplayState, FleetSnapshot } from '../fleet/index.js';
import type { RunStatus } from '../journal/index.js';
import type { OutputExcerpt } from './review-output.js';
import type { ReviewMark } from './review-marks.js';
import { emptyWeek, type WeekActivity } from './review-week.js';
import type { ReviewWindow } from './review-window.js';
import { isReviewOverdue, lookReasonText, needsALook } from './review-attention.js';
import { roundUsd } from '../shared/index.js';

/**
 * The Monday ritual (seed: "check each agent's last-run status, read one
 * output from each, randomly chosen from the week, glance at the cost log")
 * as one report: per agent its last run, its week, one output and its last
 * review mark, and what in all that needs a look. Pure.
 */
export interface ReviewAgent {
  name: string;
  owner: string | null;
  state: DisplayState;
  problem: string | null;
  lastRun: { status: RunStatus; endedAt: string; reason: string | null; outputFile: string | null } | null;
  /** the week in numbers; `outputs`: the week's output files on disk, the draw's pool */
  week: WeekActivity & { outputs: number };
  output: OutputExcerpt | null;
  lastReview: ReviewMark | null;
  reviewCadence: string | null;
  reviewOverdue: boolean;
  openAlerts: string[];
  /** why it needs a look, in words; empty when all is well */
  attention: string[];
}

export interface ReviewReport {
  generatedAt: string;
  timezone: string;
  window: ReviewWindow;
  /** the draw's seed: `--seed` it to draw the same outputs again */
  seed: number;
  agents: ReviewAgent[];
  totals: { agents: number; runs: number; nonOk: number; costUsd: number; needsLook: number };
}

export interface ReviewInputs {
  snapshot: FleetSnapshot;
  window: ReviewWindow;
  weeks: ReadonlyMap<string, WeekActivity>;
  outputs: ReadonlyMap<string, OutputExcerpt | null>;
  /** how many of the week's outputs each agent's draw chose among */
  drawnFrom: ReadonlyMap<string, number>;
  marks: ReadonlyMap<string, ReviewMark>;
  seed: number;
}

export function buildReviewReport(inputs: ReviewInputs): ReviewReport {
  const now = Date.parse(inputs.snapshot.generated_at);
  const agents = inputs.snapshot.agents.map((agent): ReviewAgent => {
    const week = inputs.weeks.get(agent.name) ?? emptyWeek();
    const last = agent.lastRun;
    const mark = inputs.marks.get(agent.name) ?? null;
    const cadence = agent.definition?.review ?? null;
    const reviewOverdue = isReviewOverdue(cadence, mark?.at ?? null, last !== null, now);
    const row: ReviewAgent = {
      name: agent.name,
      owner: agent.owner,
      state: agent.display,
      problem: agent.problem,
      lastRun: last
        ? { status: last.status, endedAt: last.ended_at, reason: last.reason, outputFile: last.output_file }
        : null,
      week: { ...week, outputs: inputs.drawnFrom.get(agent.name) ?? 0 },
      output: inputs.outputs.get(agent.name) ?? null,
      lastReview: mark,
      reviewCadence: cadence,
      reviewOverdue,
      openAlerts: agent.openAlerts.map((alert) => alert.message),
      attention: [],
    };
    row.attention = attentionOf(row);
    return row;
  });
  return {
    generatedAt: inputs.snapshot.generated_at,
    timezone: inputs.snapshot.timezone,
    window: inputs.window,
    seed: inputs.seed,
    agents,
    totals: {
      agents: agents.length,
      runs: agents.reduce((sum, a) => sum + a.week.runs, 0),
      nonOk: agents.reduce((sum, a) => sum + a.week.nonOk, 0),
      costUsd: roundUsd(agents.reduce((sum, a) => sum + a.week.costUsd, 0)),
      needsLook: agents.filter((a) => a.attention.length > 0).length,
    },
  };
}

/** Why the agent needs a look, in words (the one rule: review-attention.ts). */
export function attentionOf(agent: ReviewAgent): string[] {
  const reasons = needsALook({
    state: agent.state,
    problem: agent.problem,
    lastRun: agent.lastRun,
    week: agent.week,
    openAlerts: agent.openAlerts.length,
    lastReview: agent.lastReview,
    reviewOverdue: agent.reviewOverdue,
  });
  return reasons.map(lookReasonText);
}
