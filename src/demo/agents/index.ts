import { churnPredictor } from './churn-predictor.js';
import { errorLogWatcher } from './error-log-watcher.js';
import { inboxDigest } from './inbox-digest.js';
import { nightlySummarizer } from './nightly-summarizer.js';
import { queueDepthResponder } from './queue-depth-responder.js';
import { RESEARCH_LIMITS_BEFORE, researchDigest } from './research-digest.js';
import { releaseNotesDrafter } from './release-notes-drafter.js';
import { salesPipeline } from './sales-pipeline.js';
import { ticketMonitor } from './ticket-monitor.js';
import { WEEKLY_METRICS_OLD_CRON, weeklyMetrics } from './weekly-metrics.js';

export { QUEUE_THRESHOLD } from './queue-depth-responder.js';
export { RESEARCH_LIMITS_AFTER, RESEARCH_LIMITS_BEFORE } from './research-digest.js';
export { WEEKLY_METRICS_CRON, WEEKLY_METRICS_OLD_CRON } from './weekly-metrics.js';

/** The agent files of the demo home, in the order the fleet table lists them. */
export function demoAgentTexts(timezone: string): Array<{ name: string; text: string }> {
  return [
    { name: 'nightly-summarizer', text: nightlySummarizer(timezone) },
    { name: 'weekly-metrics', text: weeklyMetrics(timezone) },
    { name: 'inbox-digest', text: inboxDigest(timezone) },
    { name: 'error-log-watcher', text: errorLogWatcher(timezone) },
    { name: 'queue-depth-responder', text: queueDepthResponder(timezone) },
    { name: 'research-digest', text: researchDigest(timezone) },
    { name: 'ticket-monitor', text: ticketMonitor(timezone) },
    { name: 'sales-pipeline', text: salesPipeline(timezone) },
    { name: 'release-notes-drafter', text: releaseNotesDrafter(timezone) },
    { name: 'churn-predictor', text: churnPredictor(timezone) },
  ];
}

/**
 * The files as they were before the schedule and definition changes in
 * changes.jsonl. Runs before a change carry the older definition_sha256, as
 * the harness would have recorded them.
 */
export function earlierAgentTexts(timezone: string): Record<string, string> {
  return {
    'weekly-metrics': weeklyMetrics(timezone, WEEKLY_METRICS_OLD_CRON),
    'research-digest': researchDigest(timezone, RESEARCH_LIMITS_BEFORE),
  };
}

/**
 * Files as someone once saved them, refused by the harness when run: the
 * release-notes drafter given Edit (to fix CHANGELOG.md itself) without
 * `writes: true`. Its one refused run carries this file's definition_sha256.
 */
export const REFUSED_RUN_TOOL = 'Edit';

export function refusedAgentTexts(timezone: string): Record<string, string> {
  return {
    'release-notes-drafter': releaseNotesDrafter(timezone).replace('\ntools: Read\n', `\ntools: Read, ${REFUSED_RUN_TOOL}\n`),
  };
}
