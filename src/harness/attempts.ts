import { attemptsInAll, backoffBefore, formatDuration, retriesAfter } from '../agents/index.js';
import { type Home, openHome } from '../home/index.js';
import type { RunRecord } from '../journal/index.js';
import { errorMessage } from '../shared/index.js';
import { loadRunnableAgent } from './load-agent.js';
import { removePendingRetry, writePendingRetry } from './pending-retry.js';
import { runAgent, type RunAgentOptions } from './run-agent.js';

/**
 * A run and the retries its agent's `retry:` policy asks for (README "Retry
 * policy"), in this process: after an attempt that ended with a listed status
 * and has retries left, it waits the backoff and runs the next attempt, which
 * goes through the same admission as any run (paused, disabled, over budget,
 * the global stop: SKIPPED, and no attempt after it). This is how cron mode,
 * a Kubernetes pod and a run the daemon started get their retries: the one
 * `nightshift run` process waits, so nothing else has to remember the attempt.
 */
export interface AttemptsOptions extends Omit<RunAgentOptions, 'attempt'> {
  /** told before each wait: the attempt that follows, of how many, and the wait */
  onRetry?: (next: { attempt: number; of: number; waitMs: number; after: RunRecord }) => void;
  /** called with each attempt's record as it lands (the CLI prints one line per attempt) */
  onAttempt?: (record: RunRecord, attempt: { number: number; of: number }) => void;
  /** the wait between attempts (tests may pass one that resolves at once); resolves false when aborted */
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<boolean>;
  /** go on with a run's attempts from this one (the daemon, for a waiting process that died: pending-retry.ts) */
  from?: { number: number; firstRunId: string };
}

/** Every attempt's record, oldest first; the last is the run's outcome. */
export async function runAttempts(options: AttemptsOptions): Promise<RunRecord[]> {
  const env = options.env ?? process.env;
  const home: Home = typeof options.home === 'object' ? options.home : await openHome(options.home, env);
  const sleep = options.sleep ?? abortableSleep;
  const records: RunRecord[] = [];
  let attempt = options.from;
  // taken over: the file that said this attempt was pending has done its job
  if (attempt) await removePendingRetry(home.paths, options.agent, attempt.firstRunId);
  for (;;) {
    // a run id given out before the run (a webhook's 202) is the first attempt's; each retry gets its own
    const record = await runAgent({ ...options, home, env, ...(attempt ? { attempt, runId: undefined } : {}) });
    records.push(record);
    const number = record.attempt ?? 1;
    // the policy as the file says now: an edit between attempts (retry removed, fewer attempts) is honoured
    const policy = await currentPolicy(home, options);
    options.onAttempt?.(record, { number, of: attemptsInAll(policy ?? undefined) });
    if (!policy || !retriesAfter(policy, record.status, number)) return records;
    if (options.signal?.aborted) return records;
    const next = number + 1;
    const waitMs = backoffBefore(policy, next);
    options.onRetry?.({ attempt: next, of: attemptsInAll(policy), waitMs, after: record });
    const firstRunId = record.first_run_id ?? record.run_id;
    // said on disk, so the daemon starts the attempt should this process not live to (README "Retry policy")
    const dueAt = new Date(Date.parse(record.ended_at) + waitMs).toISOString();
    await writePendingRetry(home.paths, {
      agent: options.agent,
      attempt: next,
      first_run_id: firstRunId,
      due_at: dueAt,
      trigger: record.trigger,
    }).catch((error) => options.onNote?.(`the pending attempt could not be written down: ${errorMessage(error)}`));
    const waited = await sleep(waitMs, options.signal);
    await removePendingRetry(home.paths, options.agent, firstRunId).catch(() => undefined);
    if (!waited) {
      options.onNote?.(`attempt ${next} not started: the wait of ${formatDuration(waitMs)} was ended from outside`);
      return records;
    }
    attempt = { number: next, firstRunId };
  }
}

async function currentPolicy(home: Home, options: AttemptsOptions) {
  try {
    return (await loadRunnableAgent(home, options.agent)).retry ?? null;
  } catch (error) {
    options.onNote?.(`no retry: agents/${options.agent}.md cannot be read now: ${errorMessage(error)}`);
    return null;
  }
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
