import { buildStory } from './story.js';
import { changeLog, operatorSteps } from './changes.js';
import { createClock } from './clock.js';
import { DEMO_SEED, DEMO_NOW, DEMO_TIMEZONE } from './constants.js';
import { deriveAlerts } from './alerts.js';
import { loadDemoFleet } from './fleet.js';
import { schedulerFile, stateFile } from './home-state.js';
import { simulateHistory } from './history.js';
import { type DemoManifest, demoManifest } from './manifest.js';
import { stream } from './prng.js';
import { reviewMarks } from './reviews.js';
import { demoRunbook, demoRunbookFacts } from './runbooks.js';
import { demoSamples } from './samples.js';
import { demoEvalFiles } from './evals.js';
import { DISABLE_SCRIPT, queueReportScript } from './scripts.js';
import { QUEUE_THRESHOLD } from './agents/index.js';
import { replayStateChanges } from './state-replay.js';

/**
 * The demo home as a list of files: pure, no disk, no clock, no Math.random.
 * The same seed and "now" give the same bytes, which is what lets the
 * fixture be committed and diffed.
 */
export interface DemoFile {
  /** relative to the home, with / separators */
  path: string;
  content: string;
  /** 0o600 for data, 0o700 for scripts */
  mode: number;
}

export interface DemoOptions {
  seed: number;
  now: Date;
}

export const DEFAULT_DEMO_OPTIONS: DemoOptions = { seed: DEMO_SEED, now: DEMO_NOW };

export function generateDemoHome(options: DemoOptions = DEFAULT_DEMO_OPTIONS): DemoFile[] {
  return generateDemo(options).files;
}

export function generateDemo(options: DemoOptions = DEFAULT_DEMO_OPTIONS): { files: DemoFile[]; manifest: DemoManifest } {
  const { seed, now } = options;
  const clock = createClock(now, DEMO_TIMEZONE);
  const fleet = loadDemoFleet(DEMO_TIMEZONE);
  const story = buildStory(clock);
  const operator = replayStateChanges(operatorSteps(story).filter((step) => step.at < now));
  const history = simulateHistory({ fleet, story, clock, seed, operator });
  const reviews = reviewMarks({ fleet, story, clock, runs: history.runs, seed });
  const { records: changes, replay } = changeLog({ story, budgetEvents: history.budgetEvents, runs: history.runs, now });
  const alerts = deriveAlerts({ fleet, story, clock, runs: history.runs, budgetEvents: history.budgetEvents, reviews, changes });

  const data = (path: string, content: string): DemoFile => ({ path, content, mode: 0o600 });
  const jsonl = (records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join('');
  const runbooks = demoRunbookFacts(fleet.triggerText).map((facts) => data(`runbooks/${facts.name}.md`, demoRunbook(facts)));
  const files: DemoFile[] = [
    data('nightshift.yaml', fleet.configText),
    ...fleet.texts.map(({ name, text }) => data(`agents/${name}.md`, text)),
    ...runbooks,
    { path: 'scripts/disable-agent.sh', content: DISABLE_SCRIPT, mode: 0o700 },
    { path: 'scripts/queue-report.sh', content: queueReportScript(QUEUE_THRESHOLD), mode: 0o700 },
    ...demoSamples(clock, stream(seed, 'samples')).map(({ path, content }) => data(path, content)),
    ...demoEvalFiles().map(({ path, content }) => data(path, content)),
    data('logs/runs.jsonl', jsonl(history.runs.map((run) => run.record))),
    data('logs/alerts.jsonl', jsonl(alerts)),
    data('logs/changes.jsonl', jsonl(changes)),
    data('logs/reviews.jsonl', jsonl(reviews)),
    data('state.json', stateFile(replay.final)),
    data('run/scheduler.json', schedulerFile(story, now)),
    ...history.runs.flatMap((run) => (run.output ? [data(run.output.path, run.output.content)] : [])),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const manifest = demoManifest({
    seed,
    now,
    fleet,
    runs: history.runs.map((run) => run.record),
    alerts,
    state: replay.final,
    runbooks: runbooks.map((file) => file.path.slice('runbooks/'.length, -'.md'.length)),
    counts: {
      files: files.length,
      bytes: files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0),
      runs: history.runs.length,
      outputs: history.runs.filter((run) => run.output).length,
      alerts: alerts.length,
      changes: changes.length,
      reviews: reviews.length,
    },
  });
  return { files, manifest };
}
