/**
 * Which fleet columns fit a width. Each column has a priority: when the
 * terminal is too narrow the least important go first (owner, duration, cost,
 * then the trigger), and the flexible ones (name, last status, trigger) share
 * what is left. At 80 columns the fleet keeps state, name, next, last, when,
 * month-to-date and alerts.
 */
export type ColumnId =
  'state' | 'name' | 'owner' | 'trigger' | 'next' | 'last' | 'when' | 'duration' | 'cost' | 'month' | 'alerts';

export interface Column {
  id: ColumnId;
  title: string;
  width: number;
  align: 'left' | 'right';
}

interface Spec {
  id: ColumnId;
  title: string;
  min: number;
  max: number;
  /** 100: never dropped */
  priority: number;
  /** order in which spare width is handed out (lower first) */
  grow: number;
  align?: 'right';
}

/** "› " in front of every row: the cursor, visible even without colour. */
export const MARKER_WIDTH = 2;

export interface ColumnTexts {
  names: string[];
  owners: string[];
  triggers: string[];
  statuses: string[];
}

function longest(texts: string[], floor: number): number {
  return texts.reduce((max, text) => Math.max(max, Array.from(text).length), floor);
}

export function fleetColumns(width: number, texts: ColumnTexts): Column[] {
  const nameMax = longest(texts.names, 6);
  const specs: Spec[] = [
    { id: 'state', title: 'STATE', min: 8, max: 8, priority: 100, grow: 9 },
    { id: 'name', title: 'AGENT', min: Math.min(nameMax, 22), max: nameMax, priority: 100, grow: 0 },
    {
      id: 'owner',
      title: 'OWNER',
      min: Math.min(longest(texts.owners, 5), 10),
      max: Math.min(longest(texts.owners, 5), 10),
      priority: 50,
      grow: 9,
    },
    {
      id: 'trigger',
      title: 'TRIGGER',
      min: 14,
      max: Math.max(14, Math.min(longest(texts.triggers, 14), 44)),
      priority: 70,
      grow: 2,
    },
    { id: 'next', title: 'NEXT', min: 8, max: 8, priority: 85, grow: 9 },
    { id: 'last', title: 'LAST', min: 9, max: Math.max(9, longest(texts.statuses, 4)), priority: 98, grow: 1 },
    { id: 'when', title: 'WHEN', min: 8, max: 8, priority: 80, grow: 9 },
    { id: 'duration', title: 'TOOK', min: 6, max: 6, priority: 60, grow: 9, align: 'right' },
    { id: 'cost', title: 'COST', min: 7, max: 7, priority: 65, grow: 9, align: 'right' },
    { id: 'month', title: 'MONTH/BUDGET', min: 12, max: 12, priority: 90, grow: 9 },
    { id: 'alerts', title: 'AL', min: 3, max: 3, priority: 88, grow: 9, align: 'right' },
  ];
  const needed = (list: Spec[]): number =>
    MARKER_WIDTH + list.reduce((sum, spec) => sum + spec.min, 0) + Math.max(0, list.length - 1);
  let chosen = specs;
  while (needed(chosen) > width) {
    const droppable = chosen.filter((spec) => spec.priority < 100);
    if (droppable.length === 0) break;
    const weakest = droppable.reduce((low, spec) => (spec.priority < low.priority ? spec : low));
    chosen = chosen.filter((spec) => spec !== weakest);
  }
  const widths = new Map(chosen.map((spec) => [spec.id, spec.min]));
  let spare = Math.max(0, width - needed(chosen));
  for (const spec of [...chosen].sort((a, b) => a.grow - b.grow)) {
    const extra = Math.min(spare, spec.max - spec.min);
    widths.set(spec.id, spec.min + extra);
    spare -= extra;
  }
  return chosen.map((spec) => ({
    id: spec.id,
    title: spec.title,
    width: widths.get(spec.id) as number,
    align: spec.align ?? 'left',
  }));
}
