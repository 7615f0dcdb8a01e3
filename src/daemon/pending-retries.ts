import { type PendingRetry, pendingWaiterAlive, readPendingRetries } from '../harness/index.js';
import type { HomePaths } from '../home/index.js';
import { errorMessage } from '../shared/index.js';
import type { LaunchKind, Launcher } from './launcher.js';
import type { DaemonLog } from './log.js';

const LAUNCH_KINDS: readonly string[] = ['cron', 'watch', 'when', 'catch_up', 'manual'];

/**
 * The daemon's part in a retry policy (README "Retry policy"): a
 * `nightshift run` waits the backoff itself and leaves run/<agent>.retry.json
 * while it waits. A file whose process is gone (killed, a reboot) and whose
 * attempt is due is started here, as `nightshift run <agent> --attempt N
 * --first-run-id ID`; that run removes the file and goes through the same
 * admission as any (paused, disabled, budget, stop-all: SKIPPED, no attempt after).
 */
export async function resumePendingRetries(
  paths: HomePaths,
  now: Date,
  launcher: Launcher,
  log: DaemonLog,
  /** attempts this daemon started already: each once, even if its run fails before it removes the file */
  done: Set<string>,
): Promise<PendingRetry[]> {
  const started: PendingRetry[] = [];
  let pending: PendingRetry[];
  try {
    pending = await readPendingRetries(paths);
  } catch (error) {
    log.problem(`pending retries: ${errorMessage(error)}`);
    return started;
  }
  for (const retry of pending) {
    const key = `${retry.agent} ${retry.first_run_id} ${retry.attempt}`;
    if (done.has(key) || Date.parse(retry.due_at) > now.getTime() || pendingWaiterAlive(retry)) continue;
    const trigger = (LAUNCH_KINDS.includes(retry.trigger) ? retry.trigger : 'manual') as LaunchKind;
    const args = ['--attempt', String(retry.attempt), '--first-run-id', retry.first_run_id];
    const launched = launcher.launch(retry.agent, trigger, { args });
    if (launched === 'busy') continue;
    if ('error' in launched) {
      log.problem(`${retry.agent}: could not start attempt ${retry.attempt}: ${launched.error}`);
      continue;
    }
    done.add(key);
    const why = retry.pid === null ? 'its run crashed; nobody waited' : `its waiting process ${retry.pid} is gone`;
    log.info(
      `${retry.agent}: started attempt ${retry.attempt} of run ${retry.first_run_id} (${why}), pid ${launched.pid}`,
    );
    started.push(retry);
  }
  return started;
}
