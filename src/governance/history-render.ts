import { localMinute } from './history-time.js';
import type { FieldChange, HistoryEntry } from './history-entries.js';

/** `nightshift history <agent>` for a person: one block per change, oldest first. */

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function valueText(value: unknown, timezone: string): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') {
    if (ISO.test(value)) return localMinute(value, timezone);
    return /\s/.test(value) || value === '' ? JSON.stringify(value) : value;
  }
  return JSON.stringify(value);
}

function changeLine(change: FieldChange, timezone: string): string {
  return `${change.field}: ${valueText(change.before, timezone)} → ${valueText(change.after, timezone)}`;
}

/** What a kill stopped: the run, not a before/after of settings. */
function killLine(entry: HistoryEntry, timezone: string): string | null {
  if (entry.action !== 'kill') return null;
  const run = entry.record.before as { run_id?: string; started_at?: string; trigger?: string } | null | undefined;
  if (!run?.run_id) return 'killed the run in flight';
  const trigger = run.trigger ? ` (${run.trigger})` : '';
  const started = run.started_at ? `, started ${localMinute(run.started_at, timezone)}` : '';
  return `killed run ${run.run_id.slice(0, 8)}${trigger}${started}`;
}

export function renderHistory(agent: string, entries: readonly HistoryEntry[], timezone: string): string {
  if (entries.length === 0) return `No recorded change for ${agent} in logs/changes.jsonl.`;
  const out = [`Changes to ${agent}, oldest first (times in ${timezone}):`, ''];
  // where a change was made says something only when the changes were made on more than one machine (a shared home)
  const hosts = new Set(entries.map((entry) => entry.record.host).filter((host) => host !== undefined));
  for (const entry of entries) {
    const scope = entry.ownChange ? '' : ' (whole fleet)';
    const where = hosts.size > 1 && entry.record.host !== undefined ? ` on ${entry.record.host}` : '';
    out.push(`${localMinute(entry.at, timezone)}  ${entry.action}${scope}  by ${entry.by}${where} via ${entry.source}`);
    const kill = killLine(entry, timezone);
    const lines = kill ? [kill] : entry.changes.map((change) => changeLine(change, timezone));
    for (const line of lines) out.push(`    ${line}`);
    out.push(`    why: ${entry.reason ?? '(no reason given)'}`, '');
  }
  out.push(`${entries.length} change${entries.length === 1 ? '' : 's'}.`);
  return out.join('\n');
}
