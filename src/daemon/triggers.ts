import { type AgentDefinition, formatDuration } from '../agents/index.js';
import type { Clock } from './clock.js';
import { CronTimer } from './cron-timer.js';
import { watchTarget } from './glob.js';
import type { FireKind } from './launcher.js';
import { WatchTrigger } from './watch-trigger.js';
import { WhenTrigger } from './when-trigger.js';

/** One agent's live trigger, whatever its kind. */
export interface LiveTrigger {
  /** the trigger as configured: a different key means re-schedule */
  key: string;
  stop(): void | Promise<void>;
  /** cron only: the next due time, null while its schedule cannot be read */
  next?: () => number | null;
}

export interface TriggerContext {
  homeRoot: string;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  leadMs: number;
  fire: (kind: FireKind, why: string) => void;
  onCronDue: (due: number, lateMs: number) => void;
  /** cron only: its schedule cannot be read (told once per change), or can again */
  onScheduleError: (error: unknown) => void;
  onScheduleRecover: () => void;
  info: (message: string) => void;
  problem: (message: string) => void;
}

export function startTrigger(agent: AgentDefinition, context: TriggerContext): LiveTrigger | null {
  const trigger = agent.trigger;
  if (!trigger) return null;
  const key = JSON.stringify(trigger);
  switch (trigger.kind) {
    case 'cron': {
      const timer = new CronTimer({
        expression: trigger.expression,
        timezone: trigger.timezone,
        clock: context.clock,
        onDue: context.onCronDue,
        onError: context.onScheduleError,
        onRecover: context.onScheduleRecover,
        leadMs: context.leadMs,
      });
      timer.start();
      return { key, stop: () => timer.stop(), next: () => timer.nextDue };
    }
    case 'watch': {
      const watcher = new WatchTrigger(watchTarget(trigger.path, context.homeRoot), {
        debounceMs: trigger.debounce,
        clock: context.clock,
        onFire: (paths) =>
          context.fire(
            'watch',
            `${paths.length} change(s): ${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', …' : ''}`,
          ),
        onError: (message) => context.problem(`${agent.name}: ${message}`),
      });
      void watcher.start();
      return { key, stop: () => watcher.stop() };
    }
    case 'when': {
      let lastSpawnError: string | undefined;
      let leftBehind = false;
      const when = new WhenTrigger({
        command: trigger.command,
        everyMs: trigger.every,
        timeoutMs: trigger.timeout,
        cwd: context.homeRoot,
        env: { ...context.env, NIGHTSHIFT_HOME: context.homeRoot, NIGHTSHIFT_AGENT: agent.name },
        clock: context.clock,
        onFire: () => context.fire('when', 'its condition became true'),
        onResult: (result) => {
          if (result.timedOut)
            context.info(
              `${agent.name}: condition timed out after ${formatDuration(trigger.timeout)} and was killed; ` +
                'counts as false (raise trigger.when.timeout if it needs longer)',
            );
          // Both said when they start, not every poll (every can be 1s). Leftovers are worth saying at all:
          // a condition that starts something in the background has it ended each poll, which is rarely what its author meant.
          if (result.leftovers > 0 && !leftBehind)
            context.info(
              `${agent.name}: condition left ${result.leftovers} process(es) running after it exited; they ` +
                'were ended, as after every poll (a condition must not start background processes)',
            );
          leftBehind = result.leftovers > 0;
          if (result.spawnError && result.spawnError !== lastSpawnError)
            context.problem(`${agent.name}: condition could not be started: ${result.spawnError}; counts as false`);
          lastSpawnError = result.spawnError;
        },
      });
      when.start();
      return { key, stop: () => when.stop() };
    }
    case 'webhook':
      // nothing to arm: the daemon's listener serves POST /hooks/<agent> for every webhook agent it knows
      return { key, stop: () => undefined };
  }
}
