import { formatDuration, formatSize } from '../agents/index.js';
import type { RunRecord } from '../journal/index.js';
import type { WatchSnapshot } from './watch.js';

/**
 * What a person at a terminal sees: one live line while the run goes, one
 * summary line at the end. Pure formatting; the writer lives in the CLI.
 */
export function progressLine(agent: string, s: WatchSnapshot): string {
  return [
    agent,
    `${seconds(s.elapsedMs)}/${formatDuration(s.limits.time)}`,
    `calls ${s.calls}/${s.limits.calls}`,
    `tools ${s.toolCalls}/${s.limits.tool_calls}`,
    `$${s.costUsd.toFixed(3)}/$${s.limits.cost_usd}`,
    `${formatSize(s.outputBytes)}/${formatSize(s.limits.output_bytes)}`,
  ].join('  ');
}

/** `OK nightly-summarizer 4.2s 1 call $0.012 → outputs/nightly-summarizer/2026-11-24.md` (+ reason). */
export function summaryLine(record: RunRecord, attemptsInAll?: number): string {
  const parts = [
    record.status,
    record.agent,
    // an agent with a retry policy: which attempt, of how many the policy allows
    ...(record.attempt == null ? [] : [`attempt ${record.attempt}/${attemptsInAll ?? '?'}`]),
    seconds(record.duration_ms),
    `${record.llm_calls} call${record.llm_calls === 1 ? '' : 's'}`,
    `$${record.cost_usd.toFixed(3)}`,
  ];
  if (record.output_file) parts.push(`→ ${record.output_file}`);
  const reason = record.reason ? ` — ${record.reason}` : '';
  return `${parts.join(' ')}${reason}`;
}

function seconds(ms: number): string {
  return ms < 60_000
    ? `${(ms / 1000).toFixed(1)}s`
    : `${Math.floor(ms / 60_000)}m${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}
