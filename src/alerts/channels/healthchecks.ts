import type { NightshiftConfig } from '../../home/index.js';
import { redactUrl } from './webhook.js';

/**
 * healthchecks.io-style pings per agent (`notify.healthchecks`): `<url>/start`
 * when a run starts, `<url>` when it ends OK, `<url>/fail` with the end of
 * its output when it does not. The run id goes along as `rid`, so the
 * service pairs each start with its end.
 */
export type PingKind = 'start' | 'success' | 'fail';

export interface PingResult {
  ok: boolean;
  url: string;
  error?: string;
}

/** The check URL of an agent: `agents.<name>`, else `url` with {agent} filled in; null when none is configured. */
export function healthcheckUrl(config: NightshiftConfig['notify'], agent: string): string | null {
  const hc = config.healthchecks;
  if (!hc) return null;
  const own = hc.agents?.[agent];
  if (own) return own;
  return hc.url ? hc.url.replaceAll('{agent}', encodeURIComponent(agent)) : null;
}

export function pingUrl(base: string, kind: PingKind, runId?: string): string {
  const trimmed = base.replace(/\/+$/, '');
  const url = new URL(kind === 'success' ? trimmed : `${trimmed}/${kind}`);
  if (runId && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(runId))
    url.searchParams.set('rid', runId);
  return url.toString();
}

export async function ping(
  base: string,
  kind: PingKind,
  options: { runId?: string; body?: string; timeoutMs: number },
): Promise<PingResult> {
  const url = pingUrl(base, kind, options.runId);
  try {
    const response = await fetch(url, {
      method: 'POST',
      body: options.body ?? '',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.text().catch(() => '');
    if (!response.ok)
      return { ok: false, url: redactUrl(url), error: `healthchecks ping ${kind} answered ${response.status}` };
    return { ok: true, url: redactUrl(url) };
  } catch (error) {
    const reason =
      (error as Error).name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : (error as Error).message;
    return { ok: false, url: redactUrl(url), error: `healthchecks ping ${kind} failed: ${reason}` };
  }
}
