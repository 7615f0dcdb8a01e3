import { readWebhookCounts } from '../../daemon/index.js';
import { open, readdir, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Home } from '../../home/index.js';
import type { FleetSnapshot } from '../../fleet/index.js';
import {
  agentTrends,
  costInputs,
  type CostReport,
  costReport,
  readEvalHistory,
  readReviewMarks,
  weekActivity,
  weekOutputs,
  weekRange,
} from '../../governance/index.js';
import { alertEventSchema, changeRecordSchema, readMerged, type RunTrail } from '../../journal/index.js';
import { monthKey } from '../../shared/index.js';
import type { AgentDetail, ReviewData, TextFile } from '../state/types.js';

/**
 * What the views need beyond the fleet snapshot, read from the home through
 * the journal room: the kept RunTrail for runs and costs (index only, or the
 * few blocks a time range needs), the small journals whole.
 */
/** An output pane shows this much of a file; longer ones say so. */
export const TEXT_LIMIT = 256 * 1024;

export async function loadAgentDetail(home: Home, trail: RunTrail, agent: string): Promise<AgentDetail> {
  const runs = trail.recentRuns(agent, 30);
  const changes = await readMerged(home.paths.logs, 'changes', changeRecordSchema);
  const hasRunbook = await stat(home.paths.runbookFile(agent)).then(
    (s) => s.isFile(),
    () => false,
  );
  const webhooks = (await readWebhookCounts(home.paths))?.agents[agent] ?? null;
  return {
    agent,
    runs,
    changes: changes.records.filter((record) => record.agent === agent || record.agent === null).reverse(),
    lastOutputFile: runs.find((run) => run.output_file)?.output_file ?? null,
    hasRunbook,
    evals: agentTrends(await readEvalHistory(home.paths, agent)),
    ...(webhooks === null ? {} : { webhooks }),
  };
}

/** A path from a journal, as a file inside the home; anything pointing outside it is refused. */
export function insideHome(home: Home, file: string): string | null {
  if (isAbsolute(file)) return null;
  const path = resolve(home.root, file);
  const rel = relative(home.root, path);
  return rel === '' || rel.startsWith('..') || rel.split(sep).includes('..') ? null : path;
}

export async function loadText(home: Home, file: string, limit = TEXT_LIMIT): Promise<TextFile> {
  const path = insideHome(home, file);
  if (!path) return { text: null, error: `${file} is outside the home; not shown`, truncated: false };
  let handle;
  try {
    handle = await open(path, 'r');
    const size = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.min(size, limit));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { text: buffer.subarray(0, bytesRead).toString('utf8'), error: null, truncated: size > limit };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      text: null,
      error: code === 'ENOENT' ? `${file} is gone (pruned, or never written)` : `${file}: ${(error as Error).message}`,
      truncated: false,
    };
  } finally {
    await handle?.close();
  }
}

export async function loadAlertEvents(home: Home) {
  return (await readMerged(home.paths.logs, 'alerts', alertEventSchema)).records;
}

export async function loadRunbookNames(home: Home): Promise<string[]> {
  const files = await readdir(home.paths.runbooks).catch(() => [] as string[]);
  return files
    .filter((file) => file.endsWith('.md'))
    .map((file) => file.slice(0, -3))
    .filter((name) => /^[a-z0-9][a-z0-9-]{0,62}$/.test(name))
    .sort();
}

/** Governance's cost report (the numbers of `nightshift costs`) on the console's snapshot and kept trail. */
export function loadCostReport(snapshot: FleetSnapshot, trail: RunTrail, now: Date): CostReport {
  const month = monthKey(now, snapshot.timezone);
  return costReport({ month, now, timezone: snapshot.timezone, agents: costInputs(snapshot, trail, month, now) });
}

/**
 * The week each agent is reviewed on, as `nightshift review` sees it (its
 * window, its day sums, its listing of the week's outputs, its marks): the
 * numbers, the outputs on disk to draw from, the week's alerts, the last
 * review mark.
 */
export async function loadReview(
  home: Home,
  trail: RunTrail,
  agents: ReadonlyArray<{ name: string; timeZone: string }>,
  now: Date,
): Promise<ReviewData> {
  const window = weekRange(undefined, now, home.defaults.timezone);
  const from = new Date(window.from);
  const [alerts, marks] = await Promise.all([
    readMerged(home.paths.logs, 'alerts', alertEventSchema),
    readReviewMarks(home.paths),
  ]);
  const result: ReviewData['agents'] = [];
  for (const { name, timeZone } of agents) {
    const week = weekActivity(trail, name, window);
    // a folder that cannot be listed, or leads out of the home, offers nothing to draw
    const listed = await weekOutputs(home.root, home.paths.outputsDir(name), name, timeZone, window).catch(() => []);
    const outputs = listed.reverse();
    const mark = marks.marks.get(name);
    result.push({
      name,
      week: { runs: week.runs, byStatus: week.byStatus, costUsd: week.costUsd },
      outputs,
      // one line per alert (its latest send), not one per resend
      alerts: [
        ...new Map(
          alerts.records
            .filter(
              (event) => event.agent === name && event.event !== 'resolve' && Date.parse(event.at) >= from.getTime(),
            )
            .map((event) => [event.key, event]),
        ).values(),
      ],
      lastReview: mark ? { at: mark.at, by: mark.by, concern: mark.concern } : null,
    });
  }
  return { from: window.from, to: window.to, agents: result };
}
