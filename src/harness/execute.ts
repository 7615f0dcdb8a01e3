import type { Limits } from '../agents/index.js';
import type { HomePaths } from '../home/index.js';
import { type Containment, runnerSecrets, type SpawnedInfo } from '../runners/index.js';
import type { PriceTable, Runner, RunnerInput, RunnerOutcome, RunnerUsage } from '../runners/index.js';
import { keepTail, redact, type Secret } from '../secrets/index.js';
import { killReason } from './kill.js';
import type { KillWatch } from './kill-watch.js';
import type { RunLock } from './lock.js';
import { lockUsageOf, rewriteRunLock } from './lock.js';
import type { HarnessPorts } from './ports.js';
import { limitReachedByRunner } from './limits.js';
import { LiveFeed } from './live-file.js';
import { LIVE_PROGRESS_EVERY_MS, liveFile } from './live-format.js';
import type { RunEnd } from './status.js';
import { RunWatch, type WatchSnapshot } from './watch.js';

/**
 * Runs the runner under the watch (DESIGN §3 step 3) and says how it ended.
 * The harness trusts the runner to report, never to stop: if it has not
 * returned some time after its signal was aborted, the harness ends the
 * run's processes itself; and after every run processes that carry the run
 * id are swept for (by the runner's supervisor, or else by the harness), so
 * nothing the agent started outlives the run.
 */
/** What the runner is given (RunnerInput, described there) and what the harness keeps to watch it. */
export interface ExecuteInput extends Pick<
  RunnerInput,
  'agent' | 'systemPrompt' | 'date' | 'task' | 'inputPath' | 'env' | 'secrets'
> {
  paths: HomePaths;
  runner: Runner;
  lock: RunLock;
  limits: Limits;
  killGraceMs: number;
  prices: PriceTable;
  /** aborted from outside (signal to the harness, the caller's shutdown): its reason becomes the record's */
  signal?: AbortSignal;
  ports: Pick<HarnessPorts, 'terminateRun'>;
  /** the run's ear for `nightshift kill` (open since the lock was taken) */
  kill: KillWatch;
  onProgress?: (snapshot: WatchSnapshot) => void;
  /** words for a person (the live view could not be written) */
  onNote?: (message: string) => void;
  clock?: () => number;
}

export interface Executed {
  end: RunEnd;
  usage: RunnerUsage;
  exitCode: number | null;
  /** how the runner's process was contained; null when it started none (HTTP runners) */
  containment: Containment | null;
}

/** How often the lock's usage copy may be rewritten. */
export const LOCK_USAGE_EVERY_MS = 1000;
export const PROGRESS_EVERY_MS = 250;
/** After the abort, what the runner gets on top of the kill grace to return before the harness ends it itself. */
export const RUNNER_RETURN_SLACK_MS = 2000;

export async function execute(input: ExecuteInput): Promise<Executed> {
  const secrets = runnerSecrets(input);
  const lockState = { lock: input.lock, writtenAt: 0, writing: Promise.resolve() };
  const saveLock = (next: RunLock): void => {
    lockState.lock = next;
    lockState.writtenAt = Date.now();
    // Serialized so an older copy never lands after a newer one.
    lockState.writing = lockState.writing.then(() => rewriteRunLock(input.paths, next)).catch(() => undefined);
  };
  // what the console's live view follows (live-file.ts): never slows or fails the run
  const live = await LiveFeed.open(liveFile(input.paths, input.agent.name), input.paths.run, {
    runId: input.lock.run_id,
    runner: input.agent.runner.kind,
    model: input.agent.model ?? null,
    limits: input.limits,
    secrets,
    onNote: input.onNote,
  });
  const watch = new RunWatch(input.limits, input.clock, (w) => {
    live.observe(w.usage, () => w.snapshot());
    input.onProgress?.(w.snapshot());
    if (Date.now() - lockState.writtenAt >= LOCK_USAGE_EVERY_MS && w.usage.llmCalls + w.usage.costUsd > 0)
      saveLock({ ...lockState.lock, usage: lockUsageOf(w.usage) });
  });

  const onOutsideAbort = (): void => watch.abort(abortReason(input.signal));
  if (input.signal?.aborted) onOutsideAbort();
  input.signal?.addEventListener('abort', onOutsideAbort, { once: true });
  input.kill.onKill((marker) => watch.abort(killReason(marker)));
  // The progress line's clock moves even while the agent is quiet.
  const progressTick = input.onProgress
    ? setInterval(() => input.onProgress?.(watch.snapshot()), PROGRESS_EVERY_MS)
    : undefined;
  progressTick?.unref();
  const liveTick = setInterval(() => live.progress(watch.snapshot()), LIVE_PROGRESS_EVERY_MS);
  liveTick.unref();

  let processRef: { pid: number; pgid: number; cgroup: string | null } = { pid: 0, pgid: 0, cgroup: null };
  let spawned: SpawnedInfo | null = null;
  const events = watch.events({
    tool: (call) => live.tool(call),
    spawned: (info) => {
      spawned = info;
      processRef = { pid: info.pid, pgid: info.pgid, cgroup: info.cgroup };
      saveLock({ ...lockState.lock, pgid: info.pgid, runner_pid: info.pid, cgroup: info.cgroup });
    },
  });

  watch.start();
  live.begin(watch.snapshot());
  let outcome: RunnerOutcome | null = null;
  let thrown: unknown = null;
  try {
    const running = input.runner.run(
      {
        agent: input.agent,
        runId: input.lock.run_id,
        systemPrompt: input.systemPrompt,
        date: input.date,
        task: input.task,
        inputPath: input.inputPath,
        env: input.env,
        secrets,
        signal: watch.signal,
        killGraceMs: input.killGraceMs,
        prices: input.prices,
        cwd: input.paths.root,
      },
      events,
    );
    outcome = await settleWithBackstop(running, watch.signal, input.killGraceMs, async () => {
      await input.ports.terminateRun(
        { runId: input.lock.run_id, ...processRef, notBefore: input.lock.pid_start_ticks },
        { graceMs: 0 },
      );
    });
  } catch (error) {
    thrown = error;
  } finally {
    clearInterval(progressTick);
    clearInterval(liveTick);
    input.signal?.removeEventListener('abort', onOutsideAbort);
    watch.stop();
  }

  const causeDuringRun = watch.cause;
  if (outcome) watch.finish(outcome.usage);
  // Whatever happened above, nothing of this run may keep running: the runner's own sweep after its end, when it made
  // one and left nothing, or this one.
  if (outcome?.swept !== true)
    await input.ports.terminateRun(
      { runId: input.lock.run_id, ...processRef, notBefore: input.lock.pid_start_ticks },
      { graceMs: input.killGraceMs },
    );
  await lockState.writing;
  live.progress(watch.snapshot()); // the final figures
  // removed once the record has landed (run-agent.ts): the view goes from the run's last figures to its record
  await live.close({ remove: false });

  if (!watch.cause && !outcome?.completed) {
    // a kill that ended the runner before the harness's next look
    const marker = await input.kill.look();
    if (marker) watch.abort(killReason(marker));
  }
  const containment = (spawned as SpawnedInfo | null)?.containment ?? null;
  return {
    end: endOf(watch, causeDuringRun, outcome, thrown, secrets),
    usage: outcome?.usage ?? watch.usage,
    exitCode: outcome?.exitCode ?? null,
    containment,
  };
}

function endOf(
  watch: RunWatch,
  causeDuringRun: RunWatch['cause'],
  outcome: RunnerOutcome | null,
  thrown: unknown,
  secrets: readonly Secret[],
): RunEnd {
  const cause = watch.cause;
  if (cause?.kind === 'limit') {
    if (causeDuringRun === null && outcome?.completed) {
      // crossed only by the runner's final figures: the run was not stopped, and its output is whole
      return { kind: 'limit', hit: cause.hit, note: "seen in the runner's final figures", output: watch.output.text() };
    }
    return { kind: 'limit', hit: cause.hit };
  }
  if (cause?.kind === 'aborted') return { kind: 'aborted', reason: cause.reason };
  if (thrown !== null)
    return {
      kind: 'failed',
      reason: `the runner failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
    };
  if (!outcome) return { kind: 'failed', reason: 'the runner did not return' };
  if (!outcome.completed) {
    const guard = limitReachedByRunner(outcome.usage, watch.limits);
    if (guard)
      return { kind: 'limit', hit: guard, note: `the runner stopped at it: ${failureReason(outcome, secrets)}` };
    return { kind: 'failed', reason: failureReason(outcome, secrets) };
  }
  return { kind: 'completed', output: watch.output.text() };
}

/** The runner's reason and the end of its stderr; both redacted (a runner may not have been given the secrets) before they are cut. */
function failureReason(outcome: RunnerOutcome, secrets: readonly Secret[]): string {
  const base = outcome.reason
    ? redact(outcome.reason, secrets)
    : `the runner did not complete (exit ${outcome.exitCode ?? 'none'}${outcome.signal ? `, ${outcome.signal}` : ''})`;
  const tail = outcome.stderrTail
    ? redact(outcome.stderrTail, secrets).trim().split('\n').slice(-3).join(' | ')
    : undefined;
  return tail && !base.includes(tail) ? `${base}; stderr: ${keepTail(tail, 500, secrets, '')}` : base;
}

/**
 * Waits for the runner; once the run is aborted, gives it the kill grace plus
 * some slack, then ends its processes from here and waits a little more. A
 * runner that still has not returned is left behind: the record is written
 * anyway.
 */
async function settleWithBackstop(
  running: Promise<RunnerOutcome>,
  signal: AbortSignal,
  graceMs: number,
  forceEnd: () => Promise<void>,
): Promise<RunnerOutcome | null> {
  const aborted = new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  const done = running.then((outcome) => ({ outcome }));
  const first = await Promise.race([done, aborted.then(() => null)]);
  if (first) return first.outcome;
  const late = await within(done, graceMs + RUNNER_RETURN_SLACK_MS);
  if (late) return late.outcome;
  await forceEnd();
  const last = await within(done, RUNNER_RETURN_SLACK_MS);
  return last ? last.outcome : null;
}

/** The promise's value, or null after `ms`; the timer is cleared either way so it never holds the process up. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export function abortReason(signal: AbortSignal | undefined): string {
  const reason: unknown = signal?.reason;
  if (typeof reason === 'string') return reason;
  if (reason instanceof Error && reason.name !== 'AbortError') return reason.message;
  return 'the run was aborted by its caller';
}
