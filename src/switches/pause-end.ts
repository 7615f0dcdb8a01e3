import type { ChangeRecord } from '../journal/index.js';
import { formatIsoWall } from '../shared/index.js';

/**
 * A pause's end, and what became of an earlier pause's end. A second `pause`
 * without --until replaces the first's end with none (paused until resumed),
 * never silently: the operator who pauses again may have meant to keep it.
 * Replacing fails safe, since the agent stays stopped until someone resumes it.
 */
export function pauseEnd(record: ChangeRecord, timeZone: string): { until: string; note: string } {
  const after = record.after as { paused_until?: unknown } | null;
  const before = record.before as { state?: unknown; paused_until?: unknown } | null;
  const end = typeof after?.paused_until === 'string' ? after.paused_until : null;
  const until = end === null ? '' : ` until ${formatIsoWall(end, timeZone)}`;
  const stillPaused =
    before?.state === 'paused' &&
    (typeof before.paused_until !== 'string' || Date.parse(before.paused_until) > Date.parse(record.at));
  if (!stillPaused) return { until, note: '' };
  if (typeof before.paused_until !== 'string')
    return { until, note: 'It was paused until resumed; now it ends by itself.' };
  const earlier = formatIsoWall(before.paused_until, timeZone);
  if (end === null)
    return {
      until: ' until resumed',
      note: `This replaces its earlier end, ${earlier}: to keep that end, pause with --until instead.`,
    };
  return { until, note: `This replaces its earlier end, ${earlier}.` };
}
