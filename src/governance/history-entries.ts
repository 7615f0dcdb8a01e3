import type { ChangeRecord } from '../journal/index.js';
import { fileFieldName, fileFieldValue, triggerKindOf } from './definition-fields.js';

/**
 * An agent's change log (DESIGN §6, seed: "when something goes wrong two
 * weeks later, you can see what changed and why"): every change of its
 * state, trigger, limits or definition, and the fleet-wide stops that held
 * it too, oldest first, each with what it was before and after.
 */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface HistoryEntry {
  at: string;
  by: string;
  action: ChangeRecord['action'];
  /** false: a fleet-wide change (stop-all, start-all) that applied to this agent too */
  ownChange: boolean;
  source: ChangeRecord['source'];
  reason: string | null;
  changes: FieldChange[];
  record: ChangeRecord;
}

/** Fields of a state record that are bookkeeping of the change itself, already shown as who, when and why. */
const STATE_BOOKKEEPING = new Set(['reason', 'since', 'by']);
const STATE_ACTIONS = new Set([
  'pause',
  'resume',
  'disable',
  'enable',
  'budget-pause',
  'auto-resume',
  'stop-all',
  'start-all',
]);

/** Pure: the agent's entries, oldest first (records with the same time keep their journal order). */
export function historyEntries(
  records: readonly ChangeRecord[],
  agent: string,
  options: { fleet?: boolean } = {},
): HistoryEntry[] {
  const fleet = options.fleet ?? true;
  return records
    .map((record, line) => ({ record, line }))
    .filter(({ record }) => record.agent === agent || (fleet && record.agent === null))
    .sort((a, b) => Date.parse(a.record.at) - Date.parse(b.record.at) || a.line - b.line)
    .map(({ record }) => ({
      at: record.at,
      by: record.by,
      action: record.action,
      ownChange: record.agent !== null,
      source: record.source,
      reason: record.reason,
      changes: fieldChanges(record),
      record,
    }));
}

/** What the change changed: leaf fields whose value differs between `before` and `after`. */
export function fieldChanges(record: Pick<ChangeRecord, 'action' | 'before' | 'after'>): FieldChange[] {
  const before = flatten(record.before);
  const after = flatten(record.after);
  const fields = [...new Set([...before.keys(), ...after.keys()])];
  const changes = fields
    .filter((field) => JSON.stringify(before.get(field)) !== JSON.stringify(after.get(field)))
    .map((field) => ({ field, before: before.get(field) ?? null, after: after.get(field) ?? null }));
  if (STATE_ACTIONS.has(record.action)) return changes.filter((change) => !STATE_BOOKKEEPING.has(change.field));
  if (record.action === 'definition') return inFileTerms(changes, record);
  return changes;
}

/**
 * A definition change's fields as the agent file names them (the console's
 * "changed: … Why?" and `history`): `trigger.catch_up`, not the resolved
 * `trigger.catchUp`; one `trigger.cron` for the cron as written and as
 * checked; one `trigger` when its kind changed, since the whole block did.
 */
function inFileTerms(changes: FieldChange[], record: Pick<ChangeRecord, 'before' | 'after'>): FieldChange[] {
  const was = triggerKindOf(record.before);
  const now = triggerKindOf(record.after);
  const kindChanged = was !== undefined && now !== undefined && was !== now;
  const out: FieldChange[] = [];
  const seen = new Set<string>();
  for (const change of changes) {
    const inTrigger = change.field.startsWith('trigger.');
    const field = kindChanged && inTrigger ? 'trigger' : fileFieldName(change.field, now ?? was);
    if (seen.has(field)) continue;
    seen.add(field);
    if (field === 'trigger' && kindChanged) {
      const whole = (side: unknown) => (side as { trigger?: unknown } | null)?.trigger ?? null;
      out.push({ field, before: whole(record.before), after: whole(record.after) });
    } else
      out.push({ field, before: fileFieldValue(field, change.before), after: fileFieldValue(field, change.after) });
  }
  return out;
}

function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>))
      flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) out.set(prefix, value);
  return out;
}
