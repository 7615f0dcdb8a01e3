import { redact, type Secret } from '../secrets/index.js';
import type { AlertEvent } from '../journal/index.js';
import type { Condition } from './conditions.js';

/**
 * Alerts quote reasons and outputs, which may hold a key that leaked into a
 * runner's stderr: every string in the event passes the one redaction
 * (src/secrets: whole secrets and any piece of one) before any channel or the
 * journal sees it.
 */
export function redactEvent(event: AlertEvent, secrets: readonly Secret[]): AlertEvent {
  if (secrets.length === 0) return event;
  return redactValue(event, secrets) as AlertEvent;
}

/**
 * The conditions as they will be recorded: reconcile compares their words with
 * the recorded (redacted) ones, so a quoted secret must not read as a change.
 */
export function redactConditions(conditions: readonly Condition[], secrets: readonly Secret[]): Condition[] {
  if (secrets.length === 0) return [...conditions];
  return conditions.map((c) => ({
    ...c,
    message: redact(c.message, secrets),
    ...(c.details ? { details: redactValue(c.details, secrets) as Record<string, unknown> } : {}),
  }));
}

function redactValue(value: unknown, secrets: readonly Secret[]): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, secrets)]));
  }
  return value;
}
