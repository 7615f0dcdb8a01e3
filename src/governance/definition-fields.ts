import { formatDuration, formatSize } from '../agents/index.js';

/**
 * A field of a recorded definition change (DefinitionParts: the resolved
 * trigger, limits and budget) named as the agent file names it, so the
 * console's "agents/x.md changed: … Why?" and `nightshift history` say
 * `trigger.catch_up` or `trigger.watch.path`, the key a person edited, not
 * the resolved object's `trigger.catchUp` or `trigger.path`. Limits and
 * budget keep their names: the resolved objects use the file's.
 */
const CRON_KEYS: Readonly<Record<string, string>> = {
  catchUp: 'catch_up',
  // the cron as written and as checked (normalized) are one key in the file
  expression: 'cron',
};

const WEBHOOK_KEYS: Readonly<Record<string, string>> = { secretEnv: 'secret_env', maxBytes: 'max_bytes' };

/** `kind`: the trigger's kind (cron, watch or when), for the keys that sit under trigger.watch / trigger.when in the file. */
export function fileFieldName(field: string, kind: string | undefined): string {
  const parts = field.split('.');
  if (parts[0] !== 'trigger' || parts.length !== 2) return field;
  const key = parts[1]!;
  // the kind itself changed: the whole trigger block is what was edited
  if (key === 'kind') return 'trigger';
  if (key === 'timezone') return field;
  if (kind === 'cron') return `trigger.${CRON_KEYS[key] ?? key}`;
  if (kind === 'watch' || kind === 'when') return `trigger.${kind}.${key}`;
  if (kind === 'webhook') return `trigger.webhook.${WEBHOOK_KEYS[key] ?? key}`;
  return field;
}

/** The trigger kind a before/after pair of definition parts is about (the new one when it changed). */
export function triggerKindOf(...parts: unknown[]): string | undefined {
  for (const part of parts) {
    const trigger = (part as { trigger?: { kind?: unknown } } | null | undefined)?.trigger;
    if (typeof trigger?.kind === 'string') return trigger.kind;
  }
  return undefined;
}

/** Fields (as the file names them) the resolved definition holds in ms or bytes, and the file writes as `5m`, `64KB`. */
const DURATION_FIELDS = new Set([
  'limits.time',
  'trigger.grace',
  'trigger.deadline',
  'trigger.watch.debounce',
  'trigger.when.every',
  'trigger.when.timeout',
]);
const SIZE_FIELDS = new Set(['limits.output_bytes', 'trigger.webhook.max_bytes']);

/** A recorded value as the file writes it: `limits.time: 5m → 7m`, not `300000 → 420000`. */
export function fileFieldValue(field: string, value: unknown): unknown {
  if (typeof value !== 'number') return value;
  if (DURATION_FIELDS.has(field)) return formatDuration(value);
  if (SIZE_FIELDS.has(field)) return formatSize(value);
  return value;
}
