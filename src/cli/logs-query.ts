import { parseDuration } from '../agents/index.js';
import { UsageError } from '../shared/index.js';
import type { Home } from '../home/index.js';
import { openRunTrail, RUN_STATUSES, type RunRecord, type RunStatus } from '../journal/index.js';
import { parseZonedDateTime } from '../shared/index.js';

export interface LogsQuery {
  agent: string | null;
  from: Date;
  statuses: Set<RunStatus> | null;
  limit: number;
}

/** Checks the flags of `logs` and says what was expected for each bad one. */
export function parseLogsQuery(
  raw: { agent?: string; since?: string; status?: string; limit: string },
  now: Date,
  timezone: string,
): LogsQuery {
  const limit = Number(raw.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`--limit: "${raw.limit}" is not a count: expected a whole number of 1 or more`, {
      field: '--limit',
      actual: raw.limit,
    });
  const from = raw.since === undefined ? new Date(0) : parseSince(raw.since, now, timezone);
  return {
    agent: raw.agent ?? null,
    from,
    statuses: raw.status === undefined ? null : parseStatuses(raw.status),
    limit,
  };
}

/** `--since`: a duration back from now (7d, 12h) or a time in the home's zone (2026-11-01). */
export function parseSince(text: string, now: Date, timezone: string): Date {
  const back = parseDuration(text);
  const at = back !== null ? new Date(now.getTime() - back) : parseZonedDateTime(text, timezone);
  if (!at)
    throw new UsageError(
      `--since: "${text}" is not a time: expected a duration like 7d or 12h, or a date like 2026-11-01 (in ${timezone})`,
      { field: '--since', actual: text },
    );
  return at;
}

function parseStatuses(text: string): Set<RunStatus> {
  const words = text
    .split(',')
    .map((w) => w.trim().toUpperCase())
    .filter(Boolean);
  if (words.length === 1 && (words[0] === 'NOT-OK' || words[0] === 'NOT_OK'))
    return new Set(RUN_STATUSES.filter((s) => s !== 'OK'));
  const unknown = words.filter((w) => !(RUN_STATUSES as readonly string[]).includes(w));
  if (unknown.length > 0 || words.length === 0) {
    throw new UsageError(
      `--status: ${unknown.map((u) => `"${u}"`).join(', ') || '(empty)'} is not a run status: expected one or more of ${RUN_STATUSES.join(', ')}, or not-ok`,
      { field: '--status', actual: text },
    );
  }
  return new Set(words as RunStatus[]);
}

export interface LogsResult {
  runs: RunRecord[];
  /** runs that matched before --limit cut them */
  matched: number;
  badLines: number;
  /** the hosts with journals of their own in the home (a shared home): more than one shows a HOST column */
  hosts: string[];
}

/**
 * Streams the trail from `from` (seeking with the index), keeping only the
 * newest `limit` matches in memory. The trail comes file by file (a shared
 * home has one journal per host), so "newest" is by ended_at, not by arrival:
 * the kept runs are sorted (stable: a tie stays in file order, i.e. by host)
 * and cut back to `limit` whenever twice that many are held.
 */
export async function queryLogs(home: Home, query: LogsQuery): Promise<LogsResult> {
  const trail = await openRunTrail(home.paths.logs, { timezone: home.defaults.timezone });
  let keep: RunRecord[] = [];
  let matched = 0;
  const newest = (): RunRecord[] => keep.sort((a, b) => a.ended_at.localeCompare(b.ended_at)).slice(-query.limit);
  for await (const run of trail.runsInRange(query.agent, query.from, new Date(8.64e15))) {
    if (query.statuses && !query.statuses.has(run.status)) continue;
    matched += 1;
    keep.push(run);
    if (keep.length >= 2 * query.limit) keep = newest();
  }
  const hosts = new Set<string>();
  for (const file of trail.files()) if (file.host !== null) hosts.add(file.host);
  return { runs: newest(), matched, badLines: trail.badLineCount(), hosts: [...hosts].sort() };
}
