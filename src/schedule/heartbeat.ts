import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { z } from 'zod';
import { lazySchema } from '../lazy.js';
import { writeFileAtomically } from '../atomic-write.js';
import { readSmallFile } from '../small-file.js';

/**
 * run/scheduler.json: written by the daemon every beat, read by status, check
 * and the console. A clean stop writes one last beat with `stopped_at` rather
 * than removing the file: the watchdog then says "stopped at …" instead of
 * "never ran", and down is decided the same way either way (beat age).
 */
export const heartbeatSchema = lazySchema(() => z.object({
  pid: z.number().int(),
  started_at: z.string(),
  beat_at: z.string(),
  host: z.string().optional(),
  version: z.string().optional(),
  /** set by a clean stop (SIGTERM, SIGINT) */
  stopped_at: z.string().optional(),
}));
export type Heartbeat = z.output<typeof heartbeatSchema>;

/** A missing or unreadable heartbeat is "never seen": the watchdog decides whether that matters. */
export async function readHeartbeat(file: string): Promise<Heartbeat | null> {
  try {
    const parsed = heartbeatSchema.safeParse(JSON.parse(await readSmallFile(file)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Temp file + rename: a reader sees the previous beat or this one, never half of one. */
export async function writeHeartbeat(file: string, heartbeat: Heartbeat): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomically(file, `${JSON.stringify(heartbeat)}\n`, { mode: 0o600, durable: false });
}

/** A daemon that beats, on this host, from a live process that is not us and has not stopped. */
export function heartbeatIsLive(heartbeat: Heartbeat | null, now: Date, staleMs: number): heartbeat is Heartbeat {
  if (!heartbeat || heartbeat.stopped_at) return false;
  if (heartbeat.host !== undefined && heartbeat.host !== hostname()) return now.getTime() - Date.parse(heartbeat.beat_at) <= staleMs;
  if (heartbeat.pid === process.pid) return false;
  if (now.getTime() - Date.parse(heartbeat.beat_at) > staleMs) return false;
  try {
    process.kill(heartbeat.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
