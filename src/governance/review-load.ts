import { forAgentAsync } from '../agents/index.js';
import { type FleetSnapshot, loadFleet } from '../fleet/index.js';
import type { Home } from '../home/index.js';
import { openRunTrail, type RunTrail } from '../journal/index.js';
import { drawOutput, type OutputExcerpt, weekOutputs } from './review-output.js';
import { readReviewMarks } from './review-marks.js';
import { agentRandom, newSeed } from './review-random.js';
import { buildReviewReport, type ReviewReport } from './review-report.js';
import { weekActivity, type WeekActivity } from './review-week.js';
import { weekRange } from './review-window.js';

export interface LoadReviewOptions {
  now?: Date;
  /** "2026-W47"; default: the 7 local days before today and today so far */
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
  const [{ snapshot }, reviews] = await Promise.all([
    options.fleet ?? loadFleet(home, { now, trail, lookedBy: 'review' }),
    readReviewMarks(home.paths),
  ]);
  const weeks = new Map<string, WeekActivity>();
  const outputs = new Map<string, OutputExcerpt | null>();
  const drawn = new Map<string, number>();
  await Promise.all(
    snapshot.agents.map(async (agent) => {
      weeks.set(agent.name, weekActivity(trail, agent.name, window));
      const timeZone = agent.definition?.timezone ?? home.defaults.timezone;
      // an output that cannot be read (permissions, a disk error) is shown as such, in that agent's place only
      const excerpt = await forAgentAsync(agent.name, 'output to review', async () => {
        const candidates = await weekOutputs(
          home.root,
          home.paths.outputsDir(agent.name),
          agent.name,
          timeZone,
          window,
        );
        drawn.set(agent.name, candidates.length);
        return drawOutput(home.root, agent.name, candidates, agentRandom(seed, agent.name));
      });
      outputs.set(
        agent.name,
        excerpt.ok
          ? excerpt.value
          : { file: `outputs/${agent.name}/`, lines: [`✗ ${excerpt.fault.message}`], moreLines: 0, cut: false },
      );
    }),
  );
  return {
    report: buildReviewReport({ snapshot, window, weeks, outputs, drawnFrom: drawn, marks: reviews.marks, seed }),
    trail,
  };
}
