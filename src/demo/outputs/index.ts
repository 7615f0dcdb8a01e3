import type { Renderer } from './common.js';
import { errorLogWatcher } from './error-log-watcher.js';
import { inboxDigest } from './inbox-digest.js';
import { nightlySummarizer } from './nightly-summarizer.js';
import { queueDepthResponder } from './queue-depth-responder.js';
import { releaseNotesDrafter } from './release-notes-drafter.js';
import { researchDigest } from './research-digest.js';
import { salesPipeline } from './sales-pipeline.js';
import { ticketMonitor } from './ticket-monitor.js';
import { weeklyMetrics } from './weekly-metrics.js';

export type { OutputContext, Renderer } from './common.js';

const RENDERERS: Record<string, Renderer> = {
  'nightly-summarizer': nightlySummarizer,
  'weekly-metrics': weeklyMetrics,
  'inbox-digest': inboxDigest,
  'error-log-watcher': errorLogWatcher,
  'queue-depth-responder': queueDepthResponder,
  'research-digest': researchDigest,
  'ticket-monitor': ticketMonitor,
  'sales-pipeline': salesPipeline,
  'release-notes-drafter': releaseNotesDrafter,
};

/** The text of a run's output file, or null when the run leaves none. */
export function renderOutput(ctx: Parameters<Renderer>[0]): string | null {
  const renderer = RENDERERS[ctx.agent];
  if (!renderer) throw new Error(`no output renderer for ${ctx.agent}`);
  const text = renderer(ctx);
  if (text === null && PUBLISHED.has(ctx.status)) throw new Error(`${ctx.agent} has no ${ctx.status} output but the harness would publish one`);
  return text;
}

/** Statuses of a run that finished by itself: the harness writes its output (DESIGN §3 step 5). */
export const PUBLISHED = new Set(['OK', 'EMPTY', 'PARTIAL', 'INCOMPLETE', 'ERROR', 'TOO_LARGE', 'UNEXPECTED_INPUT', 'TOOL_FAILED', 'NO_END', 'BAD_FORMAT']);
