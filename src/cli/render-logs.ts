import { formatSize } from '../agents/index.js';
import { attemptLabels, runDuration, SEVERITY_COLOR, statusSeverity, usd } from '../fleet/index.js';
import type { RunRecord } from '../journal/index.js';
import { wallTime } from '../shared/index.js';
import type { LogsResult } from './logs-query.js';
import { formatTable } from '../text/index.js';

export function renderLogs(result: LogsResult, timezone: string, width = 80): string {
  if (result.runs.length === 0) return 'No runs matched.';
  const pad = (n: number) => String(n).padStart(2, '0');
  const when = (iso: string) => {
    const w = wallTime(Date.parse(iso), timezone);
    return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
  };
  // the attempts of one run under a retry policy, as a group: 1/3, ↳ 2/3, ↳ 3/3 (no column without any)
  const attempts = attemptLabels(result.runs);
  const table = formatTable<RunRecord>(
    result.runs,
    [
      { header: 'STARTED', value: (r) => when(r.started_at) },
      { header: 'AGENT', value: (r) => r.agent, shrink: true, min: 10 },
      // a home shared by several hosts: where each run ran
      ...(result.hosts.length > 1 ? [{ header: 'HOST', value: (r: RunRecord) => r.host, shrink: true, min: 4 }] : []),
      {
        header: 'STATUS',
        value: (r) => r.status,
        color: (r) => SEVERITY_COLOR[statusSeverity(r.status) ?? 'ok'] ?? 'gray',
      },
      ...(attempts === null ? [] : [{ header: 'ATTEMPT', value: (r: RunRecord) => attempts.get(r) ?? '' }]),
      { header: 'TOOK', value: (r) => runDuration(r.duration_ms), align: 'right' },
      { header: 'COST', value: (r) => usd(r.cost_usd), align: 'right' },
      {
        header: 'OUT',
        value: (r) => (r.output_size_bytes > 0 ? formatSize(r.output_size_bytes) : '0'),
        align: 'right',
      },
      { header: 'REASON', value: (r) => r.reason ?? '', shrink: true, min: 6 },
    ],
    width,
  );
  const more =
    result.matched > result.runs.length
      ? `\n(${result.matched - result.runs.length} older matching runs not shown; raise --limit or narrow --since)`
      : '';
  const bad = result.badLines > 0 ? `\n${result.badLines} unreadable line(s) in the trail were skipped` : '';
  return `${table}${more}${bad}\nTimes in ${timezone}.`;
}
