import { isObject, isTime, type Loose, ownKeyCount } from './guards.js';
import { ALERT_RULES, type AlertEvent } from './records.js';

/**
 * `alertEventSchema` by hand, for alert events exactly as the schema's parse
 * returns them (src/journal/guards.ts says why): every run re-reads
 * logs/alerts.jsonl under its lock to know which alerts are open.
 * test/journal/alert-guard.test.ts holds it to zod.
 */
const EVENTS: ReadonlySet<unknown> = new Set(['open', 'resend', 'resolve']);
const RULES: ReadonlySet<unknown> = new Set(ALERT_RULES);
const SEVERITIES: ReadonlySet<unknown> = new Set(['info', 'warning', 'critical']);

/** A plain object of JSON values: what `z.record(z.string(), z.unknown())` copies key for key. */
function isDetails(value: unknown): boolean {
  if (!isObject(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value)) if (key === '__proto__' || value[key] === undefined) return false;
  return true;
}

function isChannelResult(value: unknown): boolean {
  if (!isObject(value) || typeof value.channel !== 'string' || typeof value.ok !== 'boolean') return false;
  if (!('error' in value)) return ownKeyCount(value) === 2;
  return typeof value.error === 'string' && ownKeyCount(value) === 3;
}

function isChannels(value: unknown): boolean {
  return Array.isArray(value) && value.every(isChannelResult);
}

export function isExactAlertEvent(value: unknown): value is AlertEvent {
  if (!isObject(value)) return false;
  let keys = 8;
  const event = value as Loose;
  if ('details' in event) {
    if (!isDetails(event.details)) return false;
    keys++;
  }
  if ('channels' in event) {
    if (!isChannels(event.channels)) return false;
    keys++;
  }
  return (
    event.v === 1 &&
    typeof event.key === 'string' &&
    event.key.length > 0 &&
    EVENTS.has(event.event) &&
    RULES.has(event.rule) &&
    (event.agent === null || typeof event.agent === 'string') &&
    SEVERITIES.has(event.severity) &&
    isTime(event.at) &&
    typeof event.message === 'string' &&
    ownKeyCount(event) === keys
  );
}
