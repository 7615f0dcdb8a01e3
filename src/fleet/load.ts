import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type AgentFault, forAgent, forAgentAsync, loadAgents, readCache, writeCache } from '../agents/index.js';
import { type DueMemo, memoDueAfter } from '../cron/index.js';
import { alertQuiet, foldAlerts, withQuiet } from '../alerts/index.js';
import { lockLiveness, readRunLock, reapStaleLock } from '../harness/index.js';
import type { Home } from '../home/index.js';
import { alertEventSchema, openRunTrail, readMerged, type RunTrail } from '../journal/index.js';
import { readCheckFaults } from './check-faults.js';
import { daemonProcess, readHeartbeat, readKubernetesBeat } from './heartbeat.js';
import { defaultAgentEntry, liveSilences, readState } from '../state/index.js';
import { type CronDaemon, previousMonth } from '../shared/index.js';
import { cronBlockInstalled, cronDaemonSeen, type CrontabPort } from '../crontab/index.js';
import { buildFleet, type LockView } from './build.js';
import type { FleetSnapshot } from './types.js';

export interface LoadFleetOptions {
  now?: Date;
  /** an open trail to refresh instead of opening one (the console keeps one) */
  trail?: RunTrail;
  /** who is looking, written into a CRASHED record when a dead run's lock is found */
  lookedBy?: string;
  /** false: leave out what the last `check` could not work out (check itself, which finds its own) */
  checkFaults?: boolean;
  /**
   * Look for cron mode too (status, the console, check): this home's block in
   * the user's crontab, and a cron daemon to fire it. Off by default: the
   * views that show no scheduler spare the `crontab -l`.
   */
  cron?: boolean | CronLook;
}

/** Where to look for cron mode: a crontab other than `crontab -l`'s ($NIGHTSHIFT_CRONTAB), another process table (tests). */
export interface CronLook {
  port?: CrontabPort;
  procRoot?: string;
}

/** Cron mode as the fleet shows it: null when this home's block is not in the crontab (or there is no crontab at all). */
async function lookAtCron(home: Home, look: boolean | CronLook | undefined): Promise<{ daemon: CronDaemon } | null> {
  if (look === undefined || look === false) return null;
  const where = look === true ? {} : look;
  if (!(await cronBlockInstalled(home, { port: where.port }))) return null;
  return { daemon: await cronDaemonSeen(where.procRoot) };
}

/**
 * The fleet as every view sees it. The one place that gathers agents, operator
 * state, runs in flight, the audit trail, alerts and the heartbeat; status,
 * check, the console and governance all read the fleet through here.
 */
export async function loadFleet(
  home: Home,
  options: LoadFleetOptions = {},
): Promise<{ snapshot: FleetSnapshot; trail: RunTrail }> {
  const now = options.now ?? new Date();
  const { paths } = home;
  const timezone = home.defaults.timezone;
  const faults = new Map<string, AgentFault[]>();
  const addFault = (fault: AgentFault) => faults.set(fault.agent, [...(faults.get(fault.agent) ?? []), fault]);
  const [live, retiredFiles, state, locks, heartbeat, kubernetesBeat, dueMemo, checked, cronBlock] = await Promise.all([
    loadAgents(paths.agents, home.defaults, paths.agentsCache),
    loadAgents(join(paths.retired, 'agents'), home.defaults, paths.retiredAgentsCache),
    readState(paths),
    liveLocks(home, options.lookedBy ?? 'status', addFault),
    readHeartbeat(paths.scheduler),
    readKubernetesBeat(paths.kubernetesBeat),
    memoByHome.get(paths.dueCache) ?? readCache<{ after: number; due: number }>(paths.dueCache),
    options.checkFaults === false ? null : readCheckFaults(paths),
    lookAtCron(home, options.cron),
  ]);
  // retired agents are rows too (operator state retired), so a view can show them when asked; hidden by default
  const liveNames = new Set(live.map((e) => e.name));
  const retiredEntries = retiredFiles.filter((e) => !liveNames.has(e.name));
  const entries = [...live, ...retiredEntries];
  const operator = { ...state.agents };
  for (const entry of retiredEntries)
    if (operator[entry.name]?.state !== 'retired')
      operator[entry.name] = { ...defaultAgentEntry(), state: 'retired', reason: 'its file is under retired/' };
  for (const fault of checked?.faults ?? []) addFault(fault);
  memoByHome.set(paths.dueCache, dueMemo);
  const due = memoDueAfter(dueMemo);
  // after the locks: a reaped lock has just appended its CRASHED record
  const given = options.trail;
  const [trail, alerts] = await Promise.all([
    given ? given.refresh().then(() => given) : openRunTrail(paths.logs, { timezone }),
    readMerged(paths.logs, 'alerts', alertEventSchema),
  ]);

  const month = trail.monthKeyOf(now);
  const lastMonth = previousMonth(month);
  const costs = trail.costPerAgentPerMonth([month, lastMonth]);
  const today = trail.dayKeyOf(now);
  const names = entries.map((e) => e.name);
  const monthCost = new Map<string, number>();
  const lastMonthCost = new Map<string, number>();
  const runsToday = new Map<string, number>();
  const failureStreak = new Map<string, number>();
  for (const name of names) {
    monthCost.set(name, costs.get(name)?.get(month) ?? 0);
    lastMonthCost.set(name, costs.get(name)?.get(lastMonth) ?? 0);
    const counted = forAgent(name, 'runs today and failure streak', () => ({
      today: trail.totalsOfDays(name, today, today).runs,
      streak: trail.failureStreak(name),
    }));
    if (!counted.ok) {
      addFault(counted.fault);
      continue;
    }
    runsToday.set(name, counted.value.today);
    failureStreak.set(name, counted.value.streak);
  }
  const badLines: Record<string, number> = {};
  for (const stat of trail.stats()) if (stat.bad > 0) badLines[`logs/${stat.name}`] = stat.bad;
  if (alerts.bad > 0) badLines['logs/alerts.jsonl'] = alerts.bad;

  const snapshot = buildFleet({
    now,
    home: home.root,
    timezone,
    month,
    entries,
    global: state.global,
    operator,
    lastRuns: trail.lastRunPerAgent(),
    monthCost,
    lastMonthCost,
    runsToday,
    failureStreak,
    locks,
    // each with its ack or maintenance window, so every view says why it is quiet
    openAlerts: new Map(
      withQuiet(foldAlerts(alerts.records).values(), alertQuiet(state, now, timezone)).map((a) => [a.key, a]),
    ),
    silences: liveSilences(state, now),
    shared: paths.journalHost !== null,
    // on this host the process table says at once that the daemon is gone, before its beat goes stale
    heartbeat: heartbeat && { ...heartbeat, process_gone: daemonProcess(heartbeat) === 'gone' },
    kubernetesBeat,
    badLines,
    cronBlock,
    dueAfter: due.dueAfter,
    faults,
  });
  if (due.changed) await writeCache(paths.dueCache, due.used);
  return { snapshot, trail };
}

/** Next-run answers already read or computed in this process (the console reloads often). */
const memoByHome = new Map<string, DueMemo>();

/**
 * Runs in flight: every run/<name>.lock whose process lives. A dead one is
 * recorded as CRASHED, once. A lock that cannot be read or reaped is that
 * agent's fault; the other locks are still looked at.
 */
async function liveLocks(
  home: Home,
  lookedBy: string,
  onFault: (fault: AgentFault) => void,
): Promise<Map<string, LockView>> {
  const files = await readdir(home.paths.run).catch(() => [] as string[]);
  const out = new Map<string, LockView>();
  for (const file of files) {
    if (!file.endsWith('.lock') || file === 'state.lock') continue;
    const name = file.slice(0, -'.lock'.length);
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(name)) continue;
    const looked = await forAgentAsync(name, `run in flight (run/${file})`, async () => {
      await reapStaleLock(home.paths, name, { by: lookedBy });
      const lock = await readRunLock(home.paths, name);
      return lock && (await lockLiveness(lock)) !== 'dead' ? lock : null;
    });
    if (!looked.ok) onFault(looked.fault);
    else if (looked.value)
      out.set(name, {
        run_id: looked.value.run_id,
        pid: looked.value.pid,
        started_at: looked.value.started_at,
        trigger: looked.value.trigger,
        host: looked.value.host,
      });
  }
  return out;
}
