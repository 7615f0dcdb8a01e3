import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** run/scheduler.json: written by the daemon every beat, read by status, check and the console. */
export const heartbeatSchema = z.object({
  pid: z.number().int(),
  started_at: z.string(),
  beat_at: z.string(),
  host: z.string().optional(),
  version: z.string().optional(),
});
export type Heartbeat = z.output<typeof heartbeatSchema>;

/** A missing or unreadable heartbeat is "never seen": the watchdog decides whether that matters. */
export async function readHeartbeat(file: string): Promise<Heartbeat | null> {
  try {
    const parsed = heartbeatSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
