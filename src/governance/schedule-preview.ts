import { loadAgentFile } from '../agents/index.js';
import { checkCron, type UpcomingDue, upcomingDues } from '../cron/index.js';
import type { Home } from '../home/index.js';

export interface SchedulePreview {
  timezone: string;
  next: UpcomingDue[];
}

/**
 * The next due times `cron` would give the agent, in the agent's own zone:
 * what `nightshift schedule` shows before and after a change, so a person
 * sees the offset and any move by daylight saving before a night relies on
 * it. null when the agent's file cannot say its zone (it does not parse, or
 * has no cron trigger): the change itself then says why.
 */
export async function previewSchedule(
  home: Home,
  agent: string,
  cron: string,
  now: Date = new Date(),
  count = 5,
): Promise<SchedulePreview | null> {
  const check = checkCron(cron);
  if (!check.ok) return null;
  const entry = await loadAgentFile(home.paths.agentFile(agent), home.defaults, home.paths.agentsCache);
  if (!entry.ok || entry.agent.trigger?.kind !== 'cron') return null;
  const timezone = entry.agent.trigger.timezone;
  return { timezone, next: upcomingDues(check.expression, timezone, now.getTime(), count) };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The preview as lines for a terminal: "  Mon 2026-03-30 02:30 +02:00", and a note where DST moved one. */
export function previewLines(preview: SchedulePreview): string[] {
  return [
    `Next ${preview.next.length} due times (${preview.timezone}):`,
    ...preview.next.map((due) => {
      const weekday = WEEKDAYS[new Date(`${due.wall.slice(0, 10)}T00:00:00Z`).getUTCDay()];
      return `  ${weekday} ${due.wall} ${due.offset}${due.dst ? `  ${due.dst}` : ''}`;
    }),
  ];
}
