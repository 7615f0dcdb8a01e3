import { readdir } from 'node:fs/promises';
import { type AgentFault, forAgentAsync } from '../agents/index.js';
import { killRun, type KillResult } from '../harness/index.js';
import type { Home } from '../home/index.js';
import { type ChangeRecord, appendChangeRecord } from '../journal/index.js';
import { applyChange, type ChangeResult, type ChangeSource } from '../state/index.js';
import { CorruptFileError, currentUser } from '../shared/index.js';
import { refreshCronBlockIfInstalled } from '../crontab/index.js';

/**
 * The kill switches of DESIGN §6 as functions, so the CLI, the console and
 * scripts/disable-agent.sh all pull the same lever. Each records who, when
 * and why in logs/changes.jsonl.
 */
export interface SwitchOptions {
  reason?: string | null;
  by?: string;
  source: ChangeSource;
  /** told when the change is made but an installed crontab block could not follow it */
  onWarning?: (message: string) => void;
}

export type AgentSwitch = 'pause' | 'resume' | 'disable' | 'enable';

export async function switchAgent(
  home: Home,
  action: AgentSwitch,
  agent: string,
  options: SwitchOptions & { until?: Date | null },
): Promise<ChangeResult> {
  const result = await applyChange(
    home.paths,
    {
      action,
      agent,
      reason: options.reason,
      until: options.until ?? undefined,
      by: options.by,
      source: options.source,
    },
    new Date(),
    home.defaults.timezone,
  );
  if (result.applied) await followInCrontab(home, options);
  return result;
}

/**
 * In plain-cron mode there is no daemon to notice a pause: the crontab block
 * itself must lose (or regain) the agent's line. The change stands even if
 * that fails; the harness refuses a paused agent's run anyway.
 */
async function followInCrontab(home: Home, options: SwitchOptions): Promise<void> {
  try {
    await refreshCronBlockIfInstalled(home);
  } catch (error) {
    options.onWarning?.(
      `the change is made, but the crontab block could not follow it: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Ends the run in flight (its cgroup, process group and escaped descendants)
 * and records the kill. A lock no nightshift run holds changes nothing, so
 * nothing is recorded for it.
 */
export async function killAgent(home: Home, agent: string, options: SwitchOptions): Promise<KillResult> {
  const by = options.by ?? currentUser();
  const result = await killRun(home.paths, agent, {
    graceMs: home.config.harness.kill_grace,
    by,
    reason: options.reason ?? null,
  });
  if (result.outcome === 'killed' || result.outcome === 'crashed' || result.outcome === 'requested') {
    const record: ChangeRecord = {
      v: 1,
      at: new Date().toISOString(),
      by,
      action: 'kill',
      agent,
      reason: options.reason ?? null,
      before: { run_id: result.runId, state: 'running' },
      after: { outcome: result.outcome, status: 'record' in result ? (result.record?.status ?? null) : null },
      source: options.source,
    };
    await appendChangeRecord(home.paths.changesJournal, record);
  }
  return result;
}

export interface StopAllResult {
  change: ChangeResult;
  killed: Array<{ agent: string; result: KillResult }>;
  /** runs that could not be killed (a lock that cannot be read): each its agent's problem; every other run was killed */
  faults: AgentFault[];
}

/** Global stop on first (so nothing new starts), then every run in flight is killed. */
export async function stopAll(home: Home, options: SwitchOptions): Promise<StopAllResult> {
  let change: ChangeResult;
  try {
    change = await switchFleet(home, 'stop-all', options);
  } catch (error) {
    // state.json cannot be read, so the stop cannot be recorded: the runs in flight are killed all the same
    if (!(error instanceof CorruptFileError)) throw error;
    const { killed, faults } = await killEveryRun(home, options);
    const ended = killed.map(({ agent }) => agent);
    throw new CorruptFileError(
      error.file ?? home.paths.state,
      `${error.message.replace(`${error.file}: `, '')}; so the global stop is not recorded, but ` +
        `${ended.length === 0 ? 'no run was in flight' : `every run in flight was killed (${ended.join(', ')})`}` +
        `${faults.length > 0 ? ` except: ${faults.map((fault) => fault.message).join('; ')}` : ''}` +
        ', and no run starts while the file cannot be read',
      { fix: error.fix, expected: error.expected, actual: error.actual, cause: error },
    );
  }
  return { change, ...(await killEveryRun(home, options)) };
}

async function killEveryRun(home: Home, options: SwitchOptions): Promise<Omit<StopAllResult, 'change'>> {
  const killed: StopAllResult['killed'] = [];
  const faults: AgentFault[] = [];
  const running = await agentsWithLocks(home);
  const results = await Promise.all(
    running.map(async (agent) => ({
      agent,
      result: await forAgentAsync(agent, 'run in flight, to kill it', () => killAgent(home, agent, options)),
    })),
  );
  for (const { agent, result } of results) {
    if (!result.ok) faults.push(result.fault);
    else if (result.value.outcome !== 'not-running') killed.push({ agent, result: result.value });
  }
  return { killed, faults };
}

export async function startAll(home: Home, options: SwitchOptions): Promise<ChangeResult> {
  return switchFleet(home, 'start-all', options);
}

/** The global stop on or off, and the crontab block made to agree. */
async function switchFleet(
  home: Home,
  action: 'stop-all' | 'start-all',
  options: SwitchOptions,
): Promise<ChangeResult> {
  const change = await applyChange(
    home.paths,
    { action, reason: options.reason, by: options.by, source: options.source },
    new Date(),
    home.defaults.timezone,
  );
  if (change.applied) await followInCrontab(home, options);
  return change;
}

async function agentsWithLocks(home: Home): Promise<string[]> {
  const files = await readdir(home.paths.run).catch(() => [] as string[]);
  return files
    .filter((f) => f.endsWith('.lock') && f !== 'state.lock')
    .map((f) => f.slice(0, -'.lock'.length))
    .filter((name) => /^[a-z0-9][a-z0-9-]{0,62}$/.test(name));
}
