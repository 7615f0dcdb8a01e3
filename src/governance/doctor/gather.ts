import { access, constants, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AgentEntry,
  type AgentFault,
  forAgentAsync,
  formatDuration,
  formatProblem,
  formatSize,
  loadAgents,
  writeCapabilities,
} from '../../agents/index.js';
import { executableProblem } from '../../runners/index.js';
import { type Home, shellQuote } from '../../home/index.js';
import { openRunTrail, readMerged, reviewRecordSchema, type RunTrail } from '../../journal/index.js';
import { daemonProcess, readHeartbeat, schedulerHealth, type SchedulerHealth } from '../../fleet/index.js';
import { beginMarker, cronDaemonSeen } from '../../crontab/index.js';
import { loadCases } from '../eval/load-cases.js';
import { agentsInCronBlock } from './crontab-block.js';
import { readCrontab } from './crontab-read.js';
import type { AgentFacts, HomeFacts } from './types.js';
import { currentUser, schedulerState } from '../../shared/index.js';

/**
 * Everything the checklist needs from disk, gathered once: the checks
 * themselves never touch a file. Eval runs are not in the run trail (they
 * are journaled in logs/eval-runs.jsonl), so the OK history is production
 * runs only.
 */
export interface GatherOptions {
  now: Date;
  env?: NodeJS.ProcessEnv;
  /** the crontab's text; default: `crontab -l` (null: no crontab) */
  crontab?: string | null;
  /** the home was named with --home: fixes then say `nightshift --home <dir> …` */
  namedHome?: boolean;
}

export interface Gathered {
  entries: AgentEntry[];
  home: HomeFacts;
  facts: Map<string, AgentFacts>;
  /** agents whose facts could not be read (a runbook that is a folder): theirs alone, the others are examined */
  faults: Map<string, AgentFault>;
  /** things doctor could not look at, said once at the end (an unreadable crontab) */
  notes: string[];
  /** the scheduler as status and the console say it: the daemon's heartbeat, and cron mode when the block is in the crontab */
  scheduler: SchedulerHealth;
}

const DAY_MS = 86_400_000;

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function channelsOf(home: Home): string[] {
  const notify = home.config.notify;
  return [
    notify.command ? 'command' : null,
    notify.webhook ? 'webhook' : null,
    notify.healthchecks ? 'healthchecks' : null,
  ].filter((c): c is string => c !== null);
}

async function homeFacts(
  home: Home,
  now: Date,
  namedHome: boolean,
  cronBlock: boolean,
  env: NodeJS.ProcessEnv,
): Promise<HomeFacts & { scheduler: SchedulerHealth }> {
  const beat = await readHeartbeat(home.paths.scheduler);
  const proc = beat ? daemonProcess(beat) : 'unknown';
  const daemonLive = schedulerState(beat, now, proc) === 'up';
  const cronDaemon = cronBlock ? await cronDaemonSeen() : undefined;
  const scheduler = schedulerHealth(
    beat && { ...beat, process_gone: proc === 'gone' },
    now,
    cronDaemon === undefined ? null : { daemon: cronDaemon, last_cron_run_at: null },
  );
  const limits = home.defaults.limits;
  // no passwd entry (some containers): a placeholder in the commands doctor suggests
  const user = currentUser(process.env, 'you');
  return {
    now,
    root: home.root,
    channels: channelsOf(home),
    daemonLive,
    ...(cronDaemon === undefined ? {} : { cronDaemon }),
    scheduler,
    disableScript: await executable(join(home.paths.scripts, 'disable-agent.sh')),
    cli: namedHome
      ? `nightshift --home ${/^[\w@%+=:,./-]+$/.test(home.root) ? home.root : shellQuote(home.root)}`
      : 'nightshift',
    user,
    envSet: (name) => (env[name] ?? '') !== '',
    programProblem: (file, cwd) => executableProblem(file, env, cwd),
    defaultLimits: {
      time: formatDuration(limits.time),
      calls: limits.calls,
      cost_usd: limits.cost_usd,
      output_bytes: formatSize(limits.output_bytes),
    },
  };
}

/** Local days with an OK run: the first ever, and how many of the last 30. Only for agents with write tools. */
function okHistory(trail: RunTrail, agent: string, now: Date): AgentFacts['okHistory'] {
  const days = trail
    .dailySummaries(agent)
    .filter((day) => (day.byStatus.OK ?? 0) > 0)
    .map((day) => day.day)
    .sort();
  const since = trail.dayKeyOf(new Date(now.getTime() - 30 * DAY_MS));
  return { firstOkDay: days[0] ?? null, okDaysInLast30: days.filter((day) => day > since).length };
}

export async function gatherDoctorFacts(home: Home, options: GatherOptions): Promise<Gathered> {
  const { now } = options;
  const notes: string[] = [];
  const entries = await loadAgents(home.paths.agents, home.defaults, home.paths.agentsCache);
  const crontab = options.crontab !== undefined ? { text: options.crontab } : await readCrontab(options.env);
  if ('problem' in crontab && crontab.problem) notes.push(`the crontab was not checked: ${crontab.problem}`);
  const inCrontab = new Set(crontab.text ? agentsInCronBlock(crontab.text, home.root) : []);
  const cronBlock = (crontab.text ?? '').split('\n').some((line) => line.trimEnd() === beginMarker(home.root));
  const { records: reviews } = await readMerged(home.paths.logs, 'reviews', reviewRecordSchema);
  const lastReview = new Map<string, number>();
  for (const review of reviews)
    lastReview.set(
      review.agent,
      Math.max(Date.parse(review.at), lastReview.get(review.agent) ?? Number.NEGATIVE_INFINITY),
    );
  const needsHistory = entries.some((e) => e.ok && writeCapabilities(e.agent).length > 0);
  const trail = needsHistory ? await openRunTrail(home.paths.logs, { timezone: home.defaults.timezone }) : null;

  const facts = new Map<string, AgentFacts>();
  const faults = new Map<string, AgentFault>();
  for (const entry of entries) {
    const gathered = await forAgentAsync(
      entry.name,
      'runbook, eval cases and run history',
      async (): Promise<AgentFacts> => {
        const cases = await loadCases(home.paths, entry.name);
        const reviewed = lastReview.get(entry.name);
        const writes = entry.ok && writeCapabilities(entry.agent).length > 0;
        return {
          runbook: await readOrNull(home.paths.runbookFile(entry.name)),
          lastReviewAt: reviewed === undefined ? null : new Date(reviewed),
          evalCases: {
            dirExists: cases.dirExists,
            valid: cases.cases.map((c) => c.name),
            problems: cases.problems.map(formatProblem),
          },
          okHistory: writes && trail ? okHistory(trail, entry.name, now) : { firstOkDay: null, okDaysInLast30: 0 },
          inCrontab: inCrontab.has(entry.name),
        };
      },
    );
    if (gathered.ok) facts.set(entry.name, gathered.value);
    else faults.set(entry.name, gathered.fault);
  }
  const { scheduler, ...homeOnly } = await homeFacts(
    home,
    now,
    options.namedHome ?? false,
    cronBlock,
    options.env ?? process.env,
  );
  return { entries, home: homeOnly, facts, faults, notes, scheduler };
}
