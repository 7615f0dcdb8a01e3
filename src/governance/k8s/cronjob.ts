import { labelValue } from './labels.js';

/**
 * The CronJob objects, as plain data in the shape of batch/v1 (validated in
 * the tests with kubernetes-models against the official schema). Pure: what
 * the home says comes in decided (schedule, zone, suspend, deadlines).
 */
export interface K8sTarget {
  image: string;
  namespace?: string;
  /** the PersistentVolumeClaim that holds the shared home (ReadWriteMany where pods land on several nodes) */
  homeClaim: string;
  /** a Secret whose keys become the container's environment (API keys), by name only */
  secret?: string;
}

/** Where the home is mounted in every pod, and NIGHTSHIFT_HOME with it. */
export const HOME_MOUNT = '/nightshift';
/** A finished Job and its pod stay a day for `kubectl logs`; the run's record is in the home for good. */
export const TTL_AFTER_FINISHED_S = 86_400;
/** `nightshift check` every minute; one that has not started 50 s late waits for the next minute. */
export const WATCHDOG_SCHEDULE = '* * * * *';
export const WATCHDOG_STARTING_DEADLINE_S = 50;
/** A check that takes longer than this is stuck (alert delivery has its own short timeouts). */
export const WATCHDOG_DEADLINE_S = 300;
/**
 * The CronJob controller looks every 10 s: a smaller startingDeadlineSeconds may
 * never start the Job (Kubernetes' CronJob documentation).
 */
export const MIN_STARTING_DEADLINE_S = 10;

export interface AgentJob {
  /** the CronJob's name (names.ts) */
  name: string;
  agent: string;
  owner?: string;
  schedule: string;
  timeZone: string;
  startingDeadlineSeconds: number;
  activeDeadlineSeconds: number;
  suspend: boolean;
  annotations: Record<string, string>;
}

export type K8sObject = Record<string, unknown>;

export function agentCronJob(job: AgentJob, target: K8sTarget): K8sObject {
  const labels: Record<string, string> = {
    ...commonLabels('agent'),
    'nightshift/agent': labelValue(job.agent),
  };
  if (job.owner !== undefined && labelValue(job.owner) !== '') labels['nightshift/owner'] = labelValue(job.owner);
  const annotations: Record<string, string> = { 'nightshift/agent': job.agent, ...job.annotations };
  if (job.owner !== undefined) annotations['nightshift/owner'] = job.owner;
  return cronJob({
    name: job.name,
    labels,
    annotations,
    schedule: job.schedule,
    timeZone: job.timeZone,
    suspend: job.suspend,
    startingDeadlineSeconds: job.startingDeadlineSeconds,
    activeDeadlineSeconds: job.activeDeadlineSeconds,
    args: ['run', job.agent, '--trigger', 'cron'],
    env: [],
    target,
  });
}

/** The watchdog: `nightshift check` every minute (missed runs, failures, budgets, alerts). Never suspended. */
export function watchdogCronJob(name: string, timeZone: string, target: K8sTarget): K8sObject {
  return cronJob({
    name,
    labels: commonLabels('watchdog'),
    annotations: {},
    schedule: WATCHDOG_SCHEDULE,
    timeZone,
    suspend: false,
    startingDeadlineSeconds: WATCHDOG_STARTING_DEADLINE_S,
    activeDeadlineSeconds: WATCHDOG_DEADLINE_S,
    // open alerts are the watchdog's news, not its failure: a Job failing every minute would page on Kubernetes instead
    args: ['check', '--exit-zero'],
    // check then knows who starts the runs: no scheduler_down for a home without a daemon (missed runs still alert)
    env: [{ name: 'NIGHTSHIFT_SCHEDULER', value: 'kubernetes' }],
    target,
  });
}

function commonLabels(component: 'agent' | 'watchdog'): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'nightshift',
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/managed-by': 'nightshift-export',
  };
}

interface CronJobParts {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  schedule: string;
  timeZone: string;
  suspend: boolean;
  startingDeadlineSeconds: number;
  activeDeadlineSeconds: number;
  args: string[];
  /** variables beyond the home and the host */
  env: Array<{ name: string; value: string }>;
  target: K8sTarget;
}

function cronJob(parts: CronJobParts): K8sObject {
  const { target } = parts;
  const metadata: Record<string, unknown> = { name: parts.name };
  if (target.namespace !== undefined) metadata.namespace = target.namespace;
  metadata.labels = parts.labels;
  if (Object.keys(parts.annotations).length > 0) metadata.annotations = parts.annotations;
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata,
    spec: {
      schedule: parts.schedule,
      timeZone: parts.timeZone,
      // a run still going when the next is due is nightshift's overlap: Kubernetes does not start a second pod
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: parts.startingDeadlineSeconds,
      suspend: parts.suspend,
      jobTemplate: {
        metadata: { labels: parts.labels },
        spec: {
          // retries are nightshift's business (catch_up, alerts, an agent's retry policy, whose attempts the same
          // pod runs after an in-process wait): a failed pod is never re-run blindly, which would skip the admission
          backoffLimit: 0,
          activeDeadlineSeconds: parts.activeDeadlineSeconds,
          ttlSecondsAfterFinished: TTL_AFTER_FINISHED_S,
          template: {
            metadata: { labels: parts.labels },
            spec: podSpec(parts.name, parts.args, parts.env, target),
          },
        },
      },
    },
  };
}

/**
 * One container running the image's entrypoint (`nightshift`) with the home
 * mounted. NIGHTSHIFT_HOST is the CronJob's name: its pods never overlap
 * (Forbid), so each CronJob appends to journals of its own, and a pod that
 * died leaves a lock the next pod of the same CronJob recognises as its host's
 * and reaps (a pod's own name would make every run a host of its own).
 */
function podSpec(
  host: string,
  args: string[],
  env: Array<{ name: string; value: string }>,
  target: K8sTarget,
): Record<string, unknown> {
  const container: Record<string, unknown> = {
    name: 'nightshift',
    image: target.image,
    args,
    env: [{ name: 'NIGHTSHIFT_HOME', value: HOME_MOUNT }, { name: 'NIGHTSHIFT_HOST', value: host }, ...env],
  };
  // API keys by the Secret's name, never by value: its keys become variables (ANTHROPIC_API_KEY, …)
  if (target.secret !== undefined) container.envFrom = [{ secretRef: { name: target.secret } }];
  container.volumeMounts = [{ name: 'home', mountPath: HOME_MOUNT }];
  return {
    restartPolicy: 'Never',
    // the image's user (node, 1000); fsGroup makes the claim's files writable by it
    securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 },
    containers: [container],
    volumes: [{ name: 'home', persistentVolumeClaim: { claimName: target.homeClaim } }],
  };
}
