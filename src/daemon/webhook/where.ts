import { heartbeatIsLive, readHeartbeat } from '../../fleet/index.js';
import type { HomePaths } from '../../home/index.js';
import { currentHost } from '../../shared/index.js';

/**
 * Where this home's daemon takes webhook requests, as its heartbeat says
 * ("127.0.0.1:9465"), or null: no live daemon on this host, or it has no
 * listener. A daemon on another host of a shared home is not named: its
 * loopback address is not this host's.
 */
export async function liveWebhookAddress(paths: HomePaths, now: Date): Promise<string | null> {
  const heartbeat = await readHeartbeat(paths.scheduler);
  if (!heartbeatIsLive(heartbeat, now) || heartbeat.webhooks === undefined) return null;
  if (heartbeat.host !== undefined && heartbeat.host !== currentHost()) return null;
  return heartbeat.webhooks;
}
