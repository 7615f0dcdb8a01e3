import { forAgentAsync } from '../agents/index.js';
import { type FleetSnapshot, loadFleet } from '../fleet/index.js';
import type { Home } from '../home/index.js';
import { openRunTrail, type RunTrail } from '../journal/index.js';
import { drawOutput, type OutputExcerpt } from './review-output.js';
import { readReviewMarks } from './review-marks.js';
import { agentRandom, newSeed } from './review-random.js';
import { buildReviewReport, type ReviewReport } from './review-report.js';
import { scanWeek } from './review-week.js';
import { weekRange } from './review-window.js';

export interface LoadReviewOptions {
  now?: Date;
  /** "2026-W47"; default: the 7 days before now */
  week?: string;
  /** the draw's seed; default: a fresh one (printed, so the draw can be repeated) */
  seed?: number;
  trail?: RunTrail;
  /** a fleet already loaded (the console's): no second load */
  fleet?: { snapshot: FleetSnapshot; trail: RunTrail };
}

export async function loadReview(
  home: Home,
  options: LoadReviewOptions = {},
): Promise<{ report: ReviewReport; trail: RunTrail }> {
  const now = options.now ?? new Date();
  const window = weekRange(options.week, now, home.defaults.timezone);
  const seed = options.seed ?? newSeed();
  const trail =
    options.fleet?.trail ??
    options.trail ??
    (await openRunTrail(home.paths.logs, { timezone: home.defaults.timezone }));
  // the week's scan waits on the disk while the fleet parses agent files: run them side by side
  const [{ snapshot }, reviews, weeks] = await Promise.all([
    options.fleet ?? loadFleet(home, { now, trail, lookedBy: 'review' }),
    readReviewMarks(home.paths),
    scanWeek(trail, new Date(window.from), new Date(window.to)),
  ]);
  const outputs = new Map<string, OutputExcerpt | null>();
  await Promise.all(
    snapshot.agents.map(async (agent) => {
      const candidates = weeks.get(agent.name)?.outputs ?? [];
      // an output that cannot be read (permissions, a disk error) is shown as such, in that agent's place only
      const drawn = await forAgentAsync(agent.name, 'output to review', () =>
        drawOutput(home.root, agent.name, candidates, agentRandom(seed, agent.name)),
      );
      outputs.set(
        agent.name,
        drawn.ok
          ? drawn.value
          : { file: `outputs/${agent.name}/`, lines: [`✗ ${drawn.fault.message}`], moreLines: 0, cut: false },
      );
    }),
  );
  return { report: buildReviewReport({ snapshot, window, weeks, outputs, marks: reviews.marks, seed }), trail };
}
