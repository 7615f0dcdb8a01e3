import { binPath } from '../files/index.js';
import { loadAgents } from '../agents/index.js';
import type { Home } from '../home/index.js';
import { UsageError } from '../shared/index.js';
import { agentState, readState } from '../state/index.js';
import { binary, findBlock, inheritedCronTz, removeBlock, replaceBlock } from './block.js';
import { type CrontabPort, realCrontab } from './crontab-io.js';
import { type BlockPlan, type PlanAgent, planBlock, WATCHDOG_COMMENT } from './plan.js';
import { cronDaemonZone } from './system-zone.js';

/**
 * `nightshift cron install | uninstall | show` and the refresh that keeps an
 * installed block in step with operator state: paused, disabled and stopped
 * agents leave it, resumed ones come back. Plain cron has no daemon to ask,
 * so every state change (kill switches, budget pauses, expired pauses found
 * by `check`) calls refreshCronBlockIfInstalled.
 */
export interface CronModeOptions {
  port?: CrontabPort;
  /** how cron starts nightshift: node and bin/nightshift.js (default: this installation's) */
  nightshiftArgv?: readonly string[];
  /** add the `nightshift check` line (install only; a refresh keeps what is installed) */
  watchdog?: boolean;
  now?: Date;
  systemZone?: string;
}

export interface CronBlockState {
  /** the block as it stands in the crontab, null when not installed */
  installed: string[] | null;
  plan: BlockPlan;
  /** the crontab as it would be written */
  next: Buffer;
  current: Buffer | null;
  upToDate: boolean;
}

/** node + this installation's bin/nightshift.js (src/crontab → bin). */
export function defaultNightshiftArgv(): string[] {
  return [process.execPath, binPath()];
}

function checkHome(home: Home): void {
  if (/[\n\r]/.test(home.root)) {
    throw new UsageError(`the home path ${JSON.stringify(home.root)} holds a line break, which a crontab line cannot`, {
      field: '--home',
      actual: home.root,
    });
  }
}

async function planAgents(home: Home, now: Date): Promise<PlanAgent[]> {
  const [entries, state] = await Promise.all([
    loadAgents(home.paths.agents, home.defaults, home.paths.agentsCache),
    readState(home.paths),
  ]);
  const out: PlanAgent[] = [];
  for (const entry of entries) {
    if (!entry.ok || entry.agent.trigger?.kind !== 'cron') continue;
    const effective = agentState(state, entry.name, now);
    const why = effective.blockedBy === 'stopped' ? 'the global stop is on' : (effective.blockedBy ?? undefined);
    out.push({ name: entry.name, trigger: entry.agent.trigger, runnable: effective.blockedBy === null, why });
  }
  return out;
}

/** The crontab now, and as it would be with this home's block rewritten. */
export async function cronBlockState(home: Home, options: CronModeOptions = {}): Promise<CronBlockState> {
  checkHome(home);
  const port = options.port ?? realCrontab();
  const now = options.now ?? new Date();
  const current = await port.read();
  const text = current?.toString('latin1') ?? '';
  const marker = binary(home.root);
  const found = findBlock(text, marker);
  const watchdog = options.watchdog ?? (found ? found.body.includes(WATCHDOG_COMMENT) : true);
  const plan = planBlock({
    home: home.root,
    agents: await planAgents(home, now),
    nightshiftArgv: options.nightshiftArgv ?? defaultNightshiftArgv(),
    systemZone: options.systemZone ?? cronDaemonZone(),
    cronTz: await port.supportsCronTz(),
    inheritedCronTz: inheritedCronTz(text, marker),
    watchdog,
    now,
  });
  const next = Buffer.from(replaceBlock(text, marker, plan.body.map(binary)), 'latin1');
  return {
    installed: found ? found.body.map((line) => Buffer.from(line, 'latin1').toString('utf8')) : null,
    plan,
    next,
    current,
    upToDate: found !== null && current !== null && next.equals(current),
  };
}

export async function installCronBlock(
  home: Home,
  options: CronModeOptions = {},
): Promise<CronBlockState & { changed: boolean }> {
  const port = options.port ?? realCrontab();
  return port.withLock(async () => {
    const state = await cronBlockState(home, { ...options, port });
    if (state.upToDate) return { ...state, changed: false };
    await port.write(state.next);
    return { ...state, changed: true };
  });
}

export async function uninstallCronBlock(home: Home, options: CronModeOptions = {}): Promise<{ removed: boolean }> {
  checkHome(home);
  const port = options.port ?? realCrontab();
  return port.withLock(async () => {
    const current = await port.read();
    if (current === null) return { removed: false };
    const text = current.toString('latin1');
    const marker = binary(home.root);
    if (!findBlock(text, marker)) return { removed: false };
    const next = removeBlock(text, marker);
    // the block was all there was: leave no empty crontab behind
    if (next.length === 0) await port.remove();
    else await port.write(Buffer.from(next, 'latin1'));
    return { removed: true };
  });
}

/** Whether this home's block is in the user's crontab; false when there is no crontab program at all. */
export async function cronBlockInstalled(home: Home, options: Pick<CronModeOptions, 'port'> = {}): Promise<boolean> {
  const port = options.port ?? realCrontab();
  let current: Buffer | null;
  try {
    current = await port.read();
  } catch {
    return false;
  }
  if (current === null) return false;
  try {
    return findBlock(current.toString('latin1'), binary(home.root)) !== null;
  } catch {
    return true; // damaged, but there: plain cron is in use
  }
}

export interface RefreshResult {
  installed: boolean;
  changed: boolean;
  plan?: BlockPlan;
}

/**
 * Rewrites this home's block if (and only if) one is installed and it no
 * longer matches the agents and their state. Never installs one.
 */
export async function refreshCronBlockIfInstalled(home: Home, options: CronModeOptions = {}): Promise<RefreshResult> {
  const port = options.port ?? realCrontab();
  if (!(await cronBlockInstalled(home, { port }))) return { installed: false, changed: false };
  return port.withLock(async () => {
    const state = await cronBlockState(home, { ...options, port });
    if (state.installed === null) return { installed: false, changed: false };
    if (state.upToDate) return { installed: true, changed: false, plan: state.plan };
    await port.write(state.next);
    return { installed: true, changed: true, plan: state.plan };
  });
}
