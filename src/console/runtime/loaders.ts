import { open, readdir, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Home } from '../../home/index.js';
import { alertEventSchema, changeRecordSchema, readAll, reviewRecordSchema, type RunTrail } from '../../journal/index.js';
import { monthRange, previousMonth } from '../../time/index.js';
import type { AgentDetail, CostsAgent, CostsData, ReviewAgentData, ReviewData, TextFile } from '../state/types.js';

/**
 * What the views need beyond the fleet snapshot, read from the home through
 * the journal room: the kept RunTrail for runs and costs (index only, or the
 * few blocks a time range needs), the small journals whole.
 */
const DAY_MS = 86_400_000;
/** An output pane shows this much of a file; longer ones say so. */
export const TEXT_LIMIT = 256 * 1024;

export async function loadAgentDetail(home: Home, trail: RunTrail, agent: string): Promise<AgentDetail> {
  const runs = trail.recentRuns(agent, 30);
  const changes = await readAll(home.paths.changesJournal, changeRecordSchema);
  const hasRunbook = await stat(home.paths.runbookFile(agent)).then(
    (s) => s.isFile(),
    () => false,
  );
  return {
    agent,
    runs,
    changes: changes.records.filter((record) => record.agent === agent || record.agent === null).reverse(),
    lastOutputFile: runs.find((run) => run.output_file)?.output_file ?? null,
    hasRunbook,
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
    return { text: null, error: code === 'ENOENT' ? `${file} is gone (pruned, or never written)` : `${file}: ${(error as Error).message}`, truncated: false };
  } finally {
    await handle?.close();
  }
}

export async function loadAlertEvents(home: Home) {
  return (await readAll(home.paths.alertsJournal, alertEventSchema)).records;
}

export async function loadRunbookNames(home: Home): Promise<string[]> {
  const files = await readdir(home.paths.runbooks).catch(() => [] as string[]);
  return files
    .filter((file) => file.endsWith('.md'))
    .map((file) => file.slice(0, -3))
    .filter((name) => /^[a-z0-9][a-z0-9-]{0,62}$/.test(name))
    .sort();
}

function daysInMonth(month: string): number {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/** The local day keys of the last `n` days, oldest first. Noon steps keep a DST change from skipping or repeating a day. */
export function lastDayKeys(trail: RunTrail, now: Date, n: number): string[] {
  const keys: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const key = trail.dayKeyOf(new Date(now.getTime() - i * DAY_MS));
    if (keys[keys.length - 1] !== key) keys.push(key);
  }
  return keys;
}

export function loadCosts(trail: RunTrail, agents: string[], now: Date): CostsData {
  const today = trail.dayKeyOf(now);
  const month = today.slice(0, 7);
  const lastMonth = previousMonth(month);
  const days = lastDayKeys(trail, now, 30);
  const names = [...new Set([...agents, ...trail.agents()])].sort();
  const costing = (summary: { runs: number; byStatus: Partial<Record<string, number>> }): number => summary.runs - (summary.byStatus.SKIPPED ?? 0);
  const rows: CostsAgent[] = names.map((name) => {
    const thisMonth = trail.totalsOfDays(name, `${month}-01`, today);
    const previous = trail.totalsOfDays(name, `${lastMonth}-01`, `${lastMonth}-31`);
    const perDay = new Map(trail.dailySummaries(name).map((day) => [day.day, day.costUsd]));
    return {
      name,
      monthToDate: thisMonth.costUsd,
      lastMonth: previous.costUsd,
      runsThisMonth: costing(thisMonth),
      runsLastMonth: costing(previous),
      daily: days.map((day) => perDay.get(day) ?? 0),
    };
  });
  const { start, end } = monthRange(month, trail.timezone);
  const elapsed = Math.max(0, Math.min(1, (now.getTime() - start.getTime()) / (end.getTime() - start.getTime())));
  return { month, lastMonth, dayOfMonth: Number(today.slice(8, 10)), daysInMonth: daysInMonth(month), elapsed, agents: rows };
}

/** The week each agent is reviewed on: its runs, the outputs still on disk, its alerts, its last review mark. */
export async function loadReview(home: Home, trail: RunTrail, agents: string[], now: Date): Promise<ReviewData> {
  const from = new Date(now.getTime() - 7 * DAY_MS);
  const [alerts, reviews] = await Promise.all([readAll(home.paths.alertsJournal, alertEventSchema), readAll(home.paths.reviewsJournal, reviewRecordSchema)]);
  const result: ReviewAgentData[] = [];
  for (const name of agents) {
    // one pass over the week, keeping counts and output names, not the records
    const week = { runs: 0, byStatus: {} as Record<string, number>, costUsd: 0 };
    const written: Array<{ file: string; ended: string }> = [];
    for await (const run of trail.runsInRange(name, from, now)) {
      week.runs++;
      week.byStatus[run.status] = (week.byStatus[run.status] ?? 0) + 1;
      week.costUsd += run.cost_usd;
      if (run.output_file && run.status !== 'SKIPPED') written.push({ file: run.output_file, ended: run.ended_at });
    }
    // outputs pruned since are not offered: one readdir per agent, not a stat per output
    const onDisk = new Set(await readdir(home.paths.outputsDir(name)).catch(() => [] as string[]));
    const outputs = [...new Set(written.sort((a, b) => b.ended.localeCompare(a.ended)).map((w) => w.file))].filter(
      (file) => file.startsWith(`outputs/${name}/`) && onDisk.has(file.slice(`outputs/${name}/`.length)) && insideHome(home, file) !== null,
    );
    result.push({
      name,
      week,
      outputs,
      // one line per alert (its latest send), not one per resend
      alerts: [...new Map(alerts.records.filter((event) => event.agent === name && event.event !== 'resolve' && Date.parse(event.at) >= from.getTime()).map((event) => [event.key, event])).values()],
      lastReview: reviews.records.filter((record) => record.agent === name).at(-1) ?? null,
    });
  }
  return { from: from.toISOString(), to: now.toISOString(), agents: result };
}
