import { type AgentFault, forAgentAsync } from '../agents/index.js';
import type { AgentFacts, WatchdogFacts } from '../alerts/index.js';
import type { FleetSnapshot } from '../fleet/index.js';
import type { Home } from '../home/index.js';
import type { CronDaemon } from '../shared/index.js';
import { readMerged, reviewRecordSchema, type RunTrail } from '../journal/index.js';
import { daemonProcess, readHeartbeat } from '../fleet/index.js';
import { agentFacts } from '../hooks/index.js';

/** The newest review mark per agent, from logs/reviews.jsonl. */
export async function lastReviews(home: Home): Promise<Map<string, Date>> {
  const { records } = await readMerged(home.paths.logs, 'reviews', reviewRecordSchema);
  const last = new Map<string, Date>();
  for (const review of records) {
    const at = new Date(review.at);
    const seen = last.get(review.agent);
    if (!Number.isNaN(at.getTime()) && (!seen || at > seen)) last.set(review.agent, at);
  }
  return last;
}

/**
 * The fleet snapshot (loadFleet) and the trail's summaries → what the rules
 * look at. An agent whose facts cannot be gathered is left out of the facts
 * and comes back as a fault of that agent.
 */
export async function gatherFacts(
  home: Home,
  snapshot: FleetSnapshot,
  trail: RunTrail,
  options: { now: Date; plainCron: boolean; cronDaemon?: CronDaemon; externalScheduler?: 'kubernetes' },
): Promise<{ facts: WatchdogFacts; faults: AgentFault[] }> {
  const [reviews, heartbeat] = await Promise.all([lastReviews(home), readHeartbeat(home.paths.scheduler)]);
  const agents: AgentFacts[] = [];
  const faults: AgentFault[] = [];
  for (const agent of snapshot.agents) {
    const definition = agent.definition;
    if (!agent.valid || !definition) continue;
    const gathered = await forAgentAsync(agent.name, 'runs and state for the alert rules', () =>
      agentFacts({
        definition,
        operator: agent.operator,
        running: agent.running,
        trail,
        month: snapshot.month,
        lastReviewAt: reviews.get(agent.name) ?? null,
        now: options.now,
      }),
    );
    if (gathered.ok) agents.push(gathered.value);
    else faults.push(gathered.fault);
  }
  const facts: WatchdogFacts = {
    now: options.now,
    timezone: snapshot.timezone,
    month: snapshot.month,
    global: { stopped: snapshot.global.stopped, since: snapshot.global.since ? new Date(snapshot.global.since) : null },
    scheduler: {
      beatAt: heartbeat ? new Date(heartbeat.beat_at) : null,
      stoppedAt: heartbeat?.stopped_at ? new Date(heartbeat.stopped_at) : null,
      pid: heartbeat?.pid ?? null,
      process: heartbeat ? daemonProcess(heartbeat) : 'unknown',
    },
    plainCron: options.plainCron,
    ...(options.cronDaemon ? { cronDaemon: options.cronDaemon } : {}),
    ...(options.externalScheduler ? { externalScheduler: options.externalScheduler } : {}),
    lookbackMs: home.config.alerts.lookback,
    agents,
  };
  return { facts, faults };
}
