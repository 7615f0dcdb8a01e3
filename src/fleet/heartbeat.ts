import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomically } from '../files/index.js';
import { processAlive, procAvailable, readProc } from '../runners/index.js';
import {
  currentHost,
  type DaemonProcess,
  type Infer,
  number,
  object,
  optional,
  schedulerState,
  type Schema,
  string,
} from '../shared/index.js';

/**
 * run/scheduler.json: written by the daemon every beat, read by status, check
 * and the console. A clean stop writes one last beat with `stopped_at` rather
 * than removing the file: the watchdog then says "stopped at …" instead of
 * "never ran", and down is decided the same way either way (beat age).
 */
export const heartbeatSchema = object(
  {
    pid: number({ int: true }),
    started_at: string(),
    beat_at: string(),
    host: optional(string()),
    /** when pid started, in clock ticks after boot (/proc): a pid reused by another process is not the daemon */
    pid_start_ticks: optional(number()),
    version: optional(string()),
    /** set by a clean stop (SIGTERM, SIGINT) */
    stopped_at: optional(string()),
    /** where its webhook listener took its port ("127.0.0.1:9465"), while one listens: `nightshift hook` sends there */
    webhooks: optional(string()),
  },
  'a heartbeat',
);
export type Heartbeat = Infer<typeof heartbeatSchema>;

/**
 * run/kubernetes.json: where Kubernetes schedules the home (`nightshift export
 * k8s`), no daemon beats; the watchdog CronJob's `check` writes this beat each
 * minute instead, so status, the console and a `check` on any host that
 * mounts the home know who starts the runs, and see it go quiet.
 */
export const kubernetesBeatSchema = object(
  { beat_at: string(), host: optional(string()), version: optional(string()) },
  "the Kubernetes watchdog's beat",
);
export type KubernetesBeat = Infer<typeof kubernetesBeatSchema>;

export function readKubernetesBeat(file: string): Promise<KubernetesBeat | null> {
  return readBeat(file, kubernetesBeatSchema);
}

/** A missing or unreadable heartbeat is "never seen": the watchdog decides whether that matters. */
export function readHeartbeat(file: string): Promise<Heartbeat | null> {
  return readBeat(file, heartbeatSchema);
}

async function readBeat<T>(file: string, schema: Schema<T>): Promise<T | null> {
  try {
    const parsed = schema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Temp file + rename: a reader sees the previous beat or this one, never half of one. */
export async function writeHeartbeat(file: string, heartbeat: Heartbeat | KubernetesBeat): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomically(file, `${JSON.stringify(heartbeat)}\n`, { mode: 0o600, durable: false });
}

export type { DaemonProcess };

/**
 * Whether the daemon that wrote a beat still runs. On this host the process
 * table says so at once: a pid that is gone, a zombie, or reused by another
 * process (its start ticks differ) is 'gone', whatever the beat's age. A
 * beat from another host (a home shared over the network) is 'unknown':
 * only its age can tell.
 */
export function daemonProcess(heartbeat: Pick<Heartbeat, 'pid' | 'host' | 'pid_start_ticks'>): DaemonProcess {
  if (heartbeat.host !== undefined && heartbeat.host !== currentHost()) return 'unknown';
  if (!processAlive(heartbeat.pid)) return 'gone';
  if (heartbeat.pid_start_ticks !== undefined && procAvailable) {
    const now = readProc(heartbeat.pid);
    if (now && now.startTime !== heartbeat.pid_start_ticks) return 'gone';
  }
  return 'alive';
}

/**
 * A daemon schedules this home, and it is not us: the scheduler is up (the
 * one rule, src/shared/scheduler-health.ts), or its process lives on this
 * host, proven the same process by its start ticks, however stale its beat —
 * a stopped or hung daemon that resumes would be a second scheduler. A clean
 * stop ends it.
 */
export function heartbeatIsLive(heartbeat: Heartbeat | null, now: Date): heartbeat is Heartbeat {
  if (!heartbeat) return false;
  const proc = daemonProcess(heartbeat);
  if (proc === 'alive' && heartbeat.pid === process.pid) return false;
  const state = schedulerState(heartbeat, now, proc);
  if (state === 'up') return true;
  return state === 'down' && proc === 'alive' && heartbeat.pid_start_ticks !== undefined;
}
