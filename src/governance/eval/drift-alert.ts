import {
  alertQuiet,
  type Channel,
  channelsFromConfig,
  deliverEvents,
  type DriftFailure,
  driftKey,
  evalDrift,
  reconcile,
  redactConditions,
} from '../../alerts/index.js';
import type { RunnerConfig } from '../../agents/index.js';
import { secretsFor } from '../../harness/index.js';
import type { Home } from '../../home/index.js';
import type { AlertEvent } from '../../journal/index.js';
import { readState } from '../../state/index.js';
import { withAlertsLock } from '../../hooks/index.js';

/**
 * The `drift` alert (DESIGN §5): open while an agent's evals fail, resolved
 * by the eval run that passes again. The condition is the alerts room's rule
 * (rules/eval-drift.ts); the watchdog leaves drift to evals (its check's
 * scope excludes it), so only this speaks for `drift:<agent>`.
 * It goes through the alerts room's reconcile and delivery, under the one
 * alerts lock the watchdog and a run's hooks hold (hooks' withAlertsLock),
 * so one condition never opens twice.
 */
export type { DriftFailure };
export { driftKey };

/** The events recorded: an open, a resend, an update (the failing cases changed), a resolve, or none. */
export async function updateDriftAlert(
  home: Home,
  agent: string,
  failing: readonly DriftFailure[],
  options: { now: Date; env: NodeJS.ProcessEnv; channels?: readonly Channel[]; runner?: RunnerConfig },
): Promise<AlertEvent[]> {
  const key = driftKey(agent);
  const conditions = evalDrift({ agent, failing });
  const secrets = secretsFor(options.env, home.config, options.runner ? [options.runner] : []);
  const channels =
    options.channels ?? channelsFromConfig(home.config.notify, { cwd: home.root, env: options.env, secrets });
  return withAlertsLock(home.paths, async (open) => {
    const quiet = alertQuiet(await readState(home.paths), options.now, home.defaults.timezone);
    const due = reconcile({
      open,
      conditions: redactConditions(conditions, secrets),
      inScope: (alert) => alert.key === key,
      now: options.now,
      realertMs: home.config.alerts.realert,
      quiet,
    });
    if (due.length === 0) return [];
    const delivery = await deliverEvents(due, {
      journal: home.paths.alertsJournal,
      channels,
      open,
      now: options.now,
      realertMs: home.config.alerts.realert,
      secrets,
      quiet,
    });
    return delivery.recorded;
  });
}
