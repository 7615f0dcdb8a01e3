import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a webhook request proves it knows the agent's secret (README "Webhook
 * trigger"): GitHub's `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256
 * of the raw body under the secret, or `Authorization: Bearer <secret>`.
 * With `X-Nightshift-Timestamp: <unix seconds>` the signed bytes are
 * `<timestamp>.<body>`, so the time cannot be changed without the secret,
 * and a request older than the replay window is refused.
 */
export const SIGNATURE_HEADER = 'x-hub-signature-256';
export const TIMESTAMP_HEADER = 'x-nightshift-timestamp';
export const REPLAY_WINDOW_MS = 5 * 60_000;

/** The bytes the HMAC covers: the body, behind `<timestamp>.` when a timestamp is sent. */
function signedBytes(body: Buffer, timestamp: string | undefined): Buffer {
  return timestamp === undefined ? body : Buffer.concat([Buffer.from(`${timestamp}.`), body]);
}

/** The header value: `sha256=<hex>`. */
export function signBody(secret: string, body: Buffer, timestamp?: string): string {
  return `sha256=${createHmac('sha256', secret).update(signedBytes(body, timestamp)).digest('hex')}`;
}

/** Equal bytes, in time that does not depend on where they differ (a different length is told at once: it is no secret). */
function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export type AuthResult = { ok: true; by: 'signature' | 'bearer' } | { ok: false; reason: 'bad_signature' | 'stale' };

export interface AuthRequest {
  body: Buffer;
  signature: string | undefined;
  authorization: string | undefined;
  timestamp: string | undefined;
}

export function authenticate(request: AuthRequest, secret: string, nowMs: number): AuthResult {
  // the time is looked at only once the secret is proven: an unsigned request learns nothing from the answer
  let by: 'signature' | 'bearer' | null = null;
  if (request.signature !== undefined) {
    const expected = Buffer.from(signBody(secret, request.body, request.timestamp));
    if (sameBytes(Buffer.from(request.signature.trim()), expected)) by = 'signature';
  } else if (request.authorization !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(request.authorization.trim());
    if (match && sameBytes(Buffer.from(match[1] as string), Buffer.from(secret))) by = 'bearer';
  }
  if (by === null) return { ok: false, reason: 'bad_signature' };
  if (request.timestamp !== undefined && !fresh(request.timestamp, nowMs)) return { ok: false, reason: 'stale' };
  return { ok: true, by };
}

/** Unix seconds within the replay window either way (a clock a little ahead is not a replay; far ahead is as bad as far behind). */
function fresh(timestamp: string, nowMs: number): boolean {
  if (!/^\d{1,12}$/.test(timestamp.trim())) return false;
  return Math.abs(nowMs - Number(timestamp.trim()) * 1000) <= REPLAY_WINDOW_MS;
}
