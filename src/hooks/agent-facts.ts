import { stat } from 'node:fs/promises';
import type { AgentDefinition } from '../agents/index.js';
import type { AgentFacts } from '../alerts/index.js';
import { emptyMonth, type RunTrail } from '../journal/index.js';
import { roundUsd } from '../shared/index.js';
import { type AgentEntry, isPauseExpired } from '../state/index.js';
import { previousMonth, zonedToUtc } from '../shared/index.js';

/** One agent's facts for the rules, from the trail's in-memory summaries (no journal scan). */
export interface AgentFactSources {
  definition: AgentDefinition;
  operator: AgentEntry;
  running: { started_at: string } | null;
  trail: RunTrail;
  /** "YYYY-MM" of now in the home's zone, whose costs (and the month before's) the rules judge; null: costs are not looked at */
  month: string | null;
  lastReviewAt: Date | null;
  now: Date;
}

export async function agentFacts(sources: AgentFactSources): Promise<AgentFacts> {
  const { definition, operator, trail } = sources;
  const name = definition.name;
  const firstDay = trail.firstRunDay(name);
  const months = sources.month === null ? null : trail.monthTotals(name, [sources.month, previousMonth(sources.month)]);
  const current = (sources.month !== null && months?.get(sources.month)) || emptyMonth();
  const last = (sources.month !== null && months?.get(previousMonth(sources.month))) || emptyMonth();
  return {
    name,
    definition,
    mode: operator.state === 'paused' && isPauseExpired(operator, sources.now) ? 'enabled' : operator.state,
    stateSince: operator.since ? new Date(operator.since) : null,
    running: sources.running,
    recentRuns: trail.recentRuns(name),
    failureStreak: trail.failureStreak(name),
    okSizes: trail.lastOkOutputSizes(name),
    firstRunAt: firstDay ? startOfDay(firstDay, trail.timezone) : null,
    definedAt: await mtimeOf(definition.absolutePath),
    monthToDate: roundUsd(current.costUsd),
    lastMonth: roundUsd(last.costUsd),
    billableRuns: { month: current.billableRuns, lastMonth: last.billableRuns },
    lastReviewAt: sources.lastReviewAt,
  };
}

function startOfDay(day: string, timezone: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return zonedToUtc({ year, month, day: date, hour: 0, minute: 0 }, timezone);
}

async function mtimeOf(file: string): Promise<Date | null> {
  try {
    return (await stat(file)).mtime;
  } catch {
    return null;
  }
}
