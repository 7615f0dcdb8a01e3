import { type AgentDefinition, dueTimesBetween } from '../agents/index.js';
import type { TriggerKind } from '../journal/index.js';
import type { Clock } from './clock.js';
import { weekday } from './clock.js';
import { MINUTE_MS } from './constants.js';
import type { Rng } from './prng.js';
import type { Story } from './story.js';

/**
 * When each agent's trigger fired over the ninety days: cron due times from
 * the agent's own expression (and the older one before its schedule change),
 * file events for the watcher, threshold crossings for the queue responder,
 * release days for the manual drafter. The scheduler was down for one night;
 * nothing it would have started in that window happened.
 */
export interface Slot {
  agent: string;
  /** when the run started */
  at: Date;
  trigger: TriggerKind;
}

export function slotsFor(agent: AgentDefinition, story: Story, clock: Clock, rng: Rng): Slot[] {
  const daemon = daemonSlots(agent, story, clock, rng).filter((slot) => !(slot.at >= story.schedulerDown.from && slot.at < story.schedulerDown.to));
  const extra = story.extraRuns.filter((run) => run.agent === agent.name).map((run) => ({ agent: run.agent, at: run.at, trigger: run.trigger }));
  return [...daemon, ...extra].filter((slot) => slot.at >= story.start && slot.at < clock.now).sort((a, b) => a.at.getTime() - b.at.getTime());
}

function daemonSlots(agent: AgentDefinition, story: Story, clock: Clock, rng: Rng): Slot[] {
  const trigger = agent.trigger;
  if (!trigger) {
    if (agent.name === 'release-notes-drafter') return story.releaseDays.map((release) => ({ agent: agent.name, at: release.at, trigger: 'manual' }));
    return [];
  }
  switch (trigger.kind) {
    case 'cron':
      return cronSegments(agent, story, clock.now).flatMap(({ expression, from, to }) =>
        // The daemon starts a due run within a second or two of its time.
        dueTimesBetween(expression, trigger.timezone, new Date(from.getTime() - 1), new Date(to.getTime() - 1), 10_000).map((due) => ({
          agent: agent.name,
          at: new Date(due.getTime() + rng.int(4, 2_400)),
          trigger: 'cron' as const,
        })),
      );
    case 'watch':
      return fileEvents(agent, story, clock, rng);
    case 'when':
      return thresholdCrossings(agent, story, clock, rng, trigger.every);
  }
}

/** The cron expressions in force over time: one, or two around a schedule change. */
function cronSegments(agent: AgentDefinition, story: Story, now: Date): Array<{ expression: string; from: Date; to: Date }> {
  const far = now;
  const current = agent.trigger?.kind === 'cron' ? agent.trigger.expression : '';
  if (story.schedule.agent !== agent.name) return [{ expression: current, from: story.start, to: far }];
  return [
    { expression: story.schedule.before, from: story.start, to: story.schedule.at },
    { expression: current, from: story.schedule.at, to: far },
  ];
}

/** The error log is written to in working hours mostly, a few bursts a day, fewer at weekends. */
function fileEvents(agent: AgentDefinition, story: Story, clock: Clock, rng: Rng): Slot[] {
  const slots: Slot[] = [];
  for (let offset = clock.offsetOf(story.start); offset <= 0; offset++) {
    const weekend = [0, 6].includes(weekday(clock.at(offset, '12:00'), clock.timezone));
    const count = weekend ? rng.int(1, 2) : rng.int(3, 6);
    const times: number[] = [];
    while (times.length < count) {
      const t = clock.at(offset, '07:30').getTime() + rng.int(0, 14 * 60) * MINUTE_MS + rng.int(0, 59_999);
      // Runs closer together than this would be one burst, merged by the debounce.
      if (times.every((other) => Math.abs(other - t) > 10 * MINUTE_MS)) times.push(t);
    }
    for (const t of times) slots.push({ agent: agent.name, at: new Date(t), trigger: 'watch' });
  }
  return slots;
}

/** The queue crosses its threshold a few afternoons a week; the check runs every `every` ms, on the dot. */
function thresholdCrossings(agent: AgentDefinition, story: Story, clock: Clock, rng: Rng, every: number): Slot[] {
  const slots: Slot[] = [];
  for (let offset = clock.offsetOf(story.start); offset <= 0; offset++) {
    const weekend = [0, 6].includes(weekday(clock.at(offset, '12:00'), clock.timezone));
    if (!rng.chance(weekend ? 0.08 : 0.45)) continue;
    const base = clock.at(offset, '10:00').getTime() + rng.int(0, 8 * 60) * MINUTE_MS;
    const aligned = Math.floor(base / every) * every;
    slots.push({ agent: agent.name, at: new Date(aligned + rng.int(250, 950)), trigger: 'when' });
  }
  return slots;
}
