import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../shared/index.js';
import { journalFileName } from '../journal/index.js';

export const DEFAULT_HOME_DIRNAME = '.bot-infrastructure';
const AGENT_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** `--home` beats `NIGHTSHIFT_HOME` beats `~/.bot-infrastructure`. */
export function resolveHome(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env.NIGHTSHIFT_HOME;
  if (chosen && chosen.length > 0) return resolve(expandTilde(chosen));
  return join(homedir(), DEFAULT_HOME_DIRNAME);
}

export function expandTilde(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/')) return join(homedir(), path.slice(2));
  return path;
}

/** `child` is `parent` or lies below it (both absolute, compared as written: resolve links first where they matter). Pure. */
export function pathInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

export function isAgentName(name: string): boolean {
  return AGENT_NAME.test(name);
}

/** Every path below is built from an agent name, so a name is checked before any path is made. */
export function assertAgentName(name: string): string {
  if (!isAgentName(name)) {
    throw new UsageError(
      `"${name}" is not an agent name: expected lowercase letters, digits and dashes (1-63 characters, not starting with a dash)`,
      {
        field: 'name',
        expected: '^[a-z0-9][a-z0-9-]{0,62}$',
        actual: name,
      },
    );
  }
  return name;
}

export interface HomePaths {
  root: string;
  agents: string;
  evals: string;
  outputs: string;
  logs: string;
  logsArchive: string;
  runbooks: string;
  scripts: string;
  run: string;
  index: string;
  /** the host this home's journals below are named after (a shared home: hosts.ts), null for the single files */
  journalHost: string | null;
  /** the journals this process appends to: logs/<kind>.jsonl, or logs/<kind>@<host>.jsonl in a shared home. Readers list them all (listJournals). */
  runsJournal: string;
  alertsJournal: string;
  /** OTLP log records the receiver did not take yet, retried at the next export (src/telemetry) */
  otlpSpool: string;
  changesJournal: string;
  reviewsJournal: string;
  evalsJournal: string;
  state: string;
  stateLock: string;
  config: string;
  scheduler: string;
  /** the Kubernetes watchdog's beat (`check` in the pod of `nightshift export k8s`): Kubernetes schedules this home */
  kubernetesBeat: string;
  /** parsed agent files, so unchanged ones are not parsed again (agents/cache.ts) */
  agentsCache: string;
  /** the same for retired/agents, which status and the console read too */
  retiredAgentsCache: string;
  /** parsed nightshift.yaml, likewise */
  configCache: string;
  /** when each cron schedule is next due, as last computed (agents/due-memo.ts) */
  dueCache: string;
  agentFile(name: string): string;
  runbookFile(name: string): string;
  evalsDir(name: string): string;
  outputsDir(name: string): string;
  /** inputs/: the bodies of accepted webhook requests, one per run (src/daemon/webhook) */
  inputs: string;
  inputsDir(name: string): string;
  lockFile(name: string): string;
  /** retired/: what `nightshift retire` moved out of agents/, runbooks/ and evals/ (src/switches/retire.ts) */
  retired: string;
  retiredAgentFile(name: string): string;
  retiredRunbookFile(name: string): string;
  retiredEvalsDir(name: string): string;
}

/** `journalHost` (hosts.ts): null for the home's single journals, else this host's own. */
export function homePaths(root: string, journalHost: string | null = null): HomePaths {
  const logs = join(root, 'logs');
  const run = join(root, 'run');
  return {
    root,
    agents: join(root, 'agents'),
    evals: join(root, 'evals'),
    outputs: join(root, 'outputs'),
    logs,
    logsArchive: join(logs, 'archive'),
    runbooks: join(root, 'runbooks'),
    scripts: join(root, 'scripts'),
    run,
    index: join(logs, '.index'),
    journalHost,
    runsJournal: join(logs, journalFileName('runs', journalHost)),
    alertsJournal: join(logs, journalFileName('alerts', journalHost)),
    otlpSpool: join(root, 'spool', 'otlp'),
    changesJournal: join(logs, journalFileName('changes', journalHost)),
    reviewsJournal: join(logs, journalFileName('reviews', journalHost)),
    evalsJournal: join(logs, journalFileName('evals', journalHost)),
    state: join(root, 'state.json'),
    stateLock: join(run, 'state.lock'),
    config: join(root, 'nightshift.yaml'),
    scheduler: join(run, 'scheduler.json'),
    kubernetesBeat: join(run, 'kubernetes.json'),
    agentsCache: join(run, 'agents.cache.json'),
    retiredAgentsCache: join(run, 'retired-agents.cache.json'),
    configCache: join(run, 'config.cache.json'),
    dueCache: join(run, 'next-due.cache.json'),
    agentFile: (name) => join(root, 'agents', `${assertAgentName(name)}.md`),
    runbookFile: (name) => join(root, 'runbooks', `${assertAgentName(name)}.md`),
    evalsDir: (name) => join(root, 'evals', assertAgentName(name)),
    outputsDir: (name) => join(root, 'outputs', assertAgentName(name)),
    inputs: join(root, 'inputs'),
    inputsDir: (name) => join(root, 'inputs', assertAgentName(name)),
    lockFile: (name) => join(run, `${assertAgentName(name)}.lock`),
    retired: join(root, 'retired'),
    retiredAgentFile: (name) => join(root, 'retired', 'agents', `${assertAgentName(name)}.md`),
    retiredRunbookFile: (name) => join(root, 'retired', 'runbooks', `${assertAgentName(name)}.md`),
    retiredEvalsDir: (name) => join(root, 'retired', 'evals', assertAgentName(name)),
  };
}
