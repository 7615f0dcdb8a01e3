import { type ReviewRecord, reviewRecordSchema } from '../journal/index.js';
import type { Clock } from './clock.js';
import { weekday } from './clock.js';
import { DAY_MS, OPERATORS } from './constants.js';
import type { DemoFleet } from './fleet.js';
import type { SimRun } from './history.js';
import { stream } from './prng.js';
import type { Story } from './story.js';

/**
 * logs/reviews.jsonl: the Monday ritual, every week of the history. Each
 * agent gets a mark with the output the reviewer happened to read (a random
 * one from the last seven days). weekly-metrics stops being reviewed three
 * weeks ago — the overdue review the doctor must find — and the monthly
 * release-notes-drafter is looked at once a month.
 */
export function reviewMarks(input: { fleet: DemoFleet; story: Story; clock: Clock; runs: SimRun[]; seed: number }): ReviewRecord[] {
  const { fleet, clock } = input;
  const rng = stream(input.seed, 'reviews');
  const marks: ReviewRecord[] = [];
  const mondays: number[] = [];
  for (let offset = clock.offsetOf(input.story.start); offset < 0; offset++) {
    if (weekday(clock.at(offset, '12:00'), clock.timezone) === 1) mondays.push(offset);
  }
  const lastWeeklyMetricsReview = -21;
  mondays.forEach((today, week) => {
    const offset = today + input.story.sinceMonday; // from the story's day 0, as NOTES and MONTHLY count
    const by = week % 3 === 2 ? OPERATORS.sam : OPERATORS.aycee;
    let t = clock.at(today, '09:40').getTime() + rng.int(0, 35) * 60_000;
    for (const agent of fleet.agents) {
      if (agent.name === 'weekly-metrics' && offset > lastWeeklyMetricsReview) continue;
      if (agent.review === 'monthly' && !MONTHLY.includes(offset)) continue;
      t += rng.int(40, 240) * 1000;
      const at = new Date(t);
      const recent = input.runs.filter(
        (run) => run.record.agent === agent.name && run.output && Date.parse(run.record.ended_at) < t && Date.parse(run.record.ended_at) > t - 7 * DAY_MS,
      );
      const read = recent.length > 0 ? rng.pick(recent).output!.path : null;
      const scripted = NOTES[`${agent.name}@${offset}`];
      const note = scripted ? scripted[0] : rng.chance(0.35) ? rng.pick(ROUTINE) : null;
      marks.push(
        reviewRecordSchema.parse({
          v: 1,
          at: at.toISOString(),
          by: scripted?.[2] ?? by,
          agent: agent.name,
          note,
          concern: scripted ? scripted[1] : false,
          output_file: read,
        }),
      );
    }
  });
  return marks;
}

const MONTHLY = [-77, -49, -21];

const ROUTINE = [
  'Read the sample in full; fine.',
  'Format stable, numbers match the source.',
  'Output reads well, nothing to change.',
  'Spot-checked against the input: correct.',
  'OK. Slightly long, not worth a prompt change.',
  'Fine; cost per run flat.',
  'Looked at two outputs this week, both good.',
];

/** agent@monday-offset → [note, concern, reviewer if not the week's] */
const NOTES: Record<string, [string, boolean, string?]> = {
  'inbox-digest@-84': ['TOOL_FAILED on Monday: the export job wrote the file as root. Fixed the export job\'s umask.', false],
  'error-log-watcher@-70': ['Ollama was down after Monday\'s reboot; paused for two hours. Ollama is now a boot unit.', false, OPERATORS.jo],
  'inbox-digest@-56': ['A mailing-list loop flooded the inbox; the budget paused the agent for the rest of the month. Loop fixed by IT, budget kept at $5.', true],
  'weekly-metrics@-56': ['UNEXPECTED_INPUT: read the export while it was still being written.', true, OPERATORS.sam],
  'weekly-metrics@-49': ['Half-written export again (PARTIAL). Moving the run to 09:00.', true, OPERATORS.sam],
  'nightly-summarizer@-42': ['Two-bullet summary last Wednesday (BAD_FORMAT): only two log entries that day. Fine.', false],
  'inbox-digest@-42': ['Skipped this morning during the stop-all; reran by hand at 09:28, output fine.', false],
  'sales-pipeline@-28': ['Two RUNNER_FAILED last week (expired API key, rotated) and a crash in the reboot today. Watching.', true, OPERATORS.sam],
  'nightly-summarizer@-21': ['Missed Tuesday night: the scheduler did not come back after the reboot. Daemon now starts at boot.', false],
  'sales-pipeline@-21': ['OOM kills from the Bash stats script every day. Disabled; rewrite read-only before enabling.', true, OPERATORS.sam],
  'research-digest@-14': ['Cost per run about 10× what it was since cs.LG joined the feed. Is that listing worth it?', true],
  'research-digest@-7': ['Still around $2 a run and the cost anomaly is open. Decide this week: drop cs.LG or move to haiku.', true],
  'ticket-monitor@-7': ['Helpdesk export changes next week; will pause during the migration.', false, OPERATORS.jo],
  'error-log-watcher@-7': ['One NO_END this week from the 8B model; acceptable.', false, OPERATORS.jo],
};
