import type { Retention } from '../../agents/index.js';

/**
 * What DESIGN §2's `retention:` means for one output: kept for a while, then
 * archived or deleted, or kept for ever. The seed's rule of thumb: daily
 * outputs 90 days, weekly ones a year, quarterly ones for ever.
 */
export const DAY_MS = 86_400_000;
export const DAILY_KEEP_MS = 90 * DAY_MS;
export const WEEKLY_KEEP_MS = 365 * DAY_MS;

export type RetentionRule =
  { kind: 'forever'; label: string } | { kind: 'expire'; keepMs: number; then: 'archive' | 'delete'; label: string };

export function retentionRule(retention: Retention): RetentionRule {
  if (typeof retention === 'object') {
    return {
      kind: 'expire',
      keepMs: retention.keep,
      then: retention.then,
      label: `keep ${Math.round(retention.keep / DAY_MS)}d, then ${retention.then}`,
    };
  }
  switch (retention) {
    case 'daily':
      return { kind: 'expire', keepMs: DAILY_KEEP_MS, then: 'archive', label: 'daily: keep 90d, then archive' };
    case 'weekly':
      return { kind: 'expire', keepMs: WEEKLY_KEEP_MS, then: 'archive', label: 'weekly: keep 1y, then archive' };
    case 'quarterly':
    case 'forever':
      return { kind: 'forever', label: `${retention}: keep forever` };
  }
}
