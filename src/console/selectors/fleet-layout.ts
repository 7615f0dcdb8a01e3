import { frameWidth } from '../layout.js';
import type { ConsoleState } from '../state/types.js';
import { type Column, fleetColumns } from './columns.js';
import { monthText } from './fleet.js';

const cache = new WeakMap<object, { width: number; columns: Column[] }>();

/** The fleet's columns for this snapshot and width: the same array until either changes, so memoized rows stay put. */
export function fleetLayout(state: ConsoleState): Column[] {
  const width = frameWidth(state);
  const snapshot = state.snapshot;
  if (!snapshot) return fleetColumns(width, { names: [], owners: [], triggers: [], statuses: [] });
  const hit = cache.get(snapshot);
  if (hit && hit.width === width) return hit.columns;
  const columns = fleetColumns(width, {
    names: snapshot.agents.map((a) => a.name),
    owners: snapshot.agents.map((a) => a.owner ?? '—'),
    triggers: snapshot.agents.map((a) => a.trigger),
    statuses: snapshot.agents.map((a) => a.lastRun?.status ?? '—'),
    months: snapshot.agents.map(monthText),
    runningHosts: snapshot.agents.flatMap((a) => (a.running?.host === undefined ? [] : [a.running.host])),
  });
  cache.set(snapshot, { width, columns });
  return columns;
}
