/**
 * Which fleet columns fit a width. Each column has a priority: when the
 * terminal is too narrow the least important go first (the month's bar,
 * duration, cost, the trigger, then when it last ran), and the flexible ones
 * (name, last status, trigger) share what is left. At 80 columns the fleet
 * keeps state, name, owner, next, last, the month's spend against its budget
 * and alerts: who owns a row and what it costs stay in sight on the smallest
 * terminal, and the rest is one key away (enter).
 */
export type ColumnId =
  'state' | 'name' | 'owner' | 'trigger' | 'next' | 'last' | 'when' | 'duration' | 'cost' | 'month' | 'alerts';

export interface Column {
  id: ColumnId;
  title: string;
  width: number;
  align: 'left' | 'right';
  /** drawn in its full form (the month with its bar); false: the row's narrow cell (FleetRow.narrow) */
  rich?: boolean;
}

interface Form {
  title: string;
  min: number;
  max: number;
}

interface Spec extends Form {
  id: ColumnId;
  /** 100: never dropped */
  priority: number;
  /** order in which spare width is handed out (lower first) */
  grow: number;
  align?: 'right';
  /** a fuller form of the column, given up for the plain one (the spec's own) when its priority is the lowest left */
  rich?: Form & { priority: number };
}

/** "› " in front of every row: the cursor, visible even without colour. */
export const MARKER_WIDTH = 2;

/** The month's bar and the space after it, in front of "$9.06/$40" in the column's full form. */
export const MONTH_BAR_WIDTH = 5;

export interface ColumnTexts {
  names: string[];
  owners: string[];
  triggers: string[];
  statuses: string[];
  /** the month cells without their bar: "$9.06/$40", "$0" */
  months?: string[];
  /** hosts of the runs in flight, in a shared home: the state cell names them ("▶ web-1 4m12s") */
  runningHosts?: string[];
}

function longest(texts: string[], floor: number): number {
  return texts.reduce((max, text) => Math.max(max, Array.from(text).length), floor);
}

/** "MONTH/BUDGET" where it fits, else "BUDGET": the cell ("$9.06/$40") says the rest. */
function monthTitle(width: number): string {
  return width >= 12 ? 'MONTH/BUDGET' : 'BUDGET';
}

export function fleetColumns(width: number, texts: ColumnTexts): Column[] {
  const nameMax = longest(texts.names, 6);
  const owner = Math.min(longest(texts.owners, 5), 10);
  const month = Math.min(longest(texts.months ?? [], 9), 14);
  const hosts = texts.runningHosts ?? [];
  const state = hosts.length === 0 ? 8 : 8 + 1 + Math.min(longest(hosts, 1), 12);
  const specs: Spec[] = [
    { id: 'state', title: 'STATE', min: state, max: state, priority: 100, grow: 9 },
    { id: 'name', title: 'AGENT', min: Math.min(nameMax, 22), max: nameMax, priority: 100, grow: 0 },
    { id: 'owner', title: 'OWNER', min: owner, max: owner, priority: 95, grow: 9 },
    {
      id: 'trigger',
      title: 'TRIGGER',
      // 11: "manual only", "every 15m" whole; at 100 columns it is this or the trigger's column gone
      min: 11,
      max: Math.max(11, Math.min(longest(texts.triggers, 11), 44)),
      priority: 70,
      grow: 2,
    },
    { id: 'next', title: 'NEXT', min: 8, max: 8, priority: 85, grow: 9 },
    {
      id: 'last',
      title: 'LAST',
      // RUNNER_FAILED whole, even at 80 columns; only UNEXPECTED_INPUT is ever cut
      min: Math.min(longest(texts.statuses, 9), 13),
      max: longest(texts.statuses, 9),
      priority: 98,
      grow: 1,
    },
    // "13d ago" is 7; "104w ago" gets its 8th column when there is room
    { id: 'when', title: 'WHEN', min: 7, max: 8, priority: 80, grow: 9 },
    { id: 'duration', title: 'TOOK', min: 6, max: 6, priority: 60, grow: 9, align: 'right' },
    { id: 'cost', title: 'COST', min: 7, max: 7, priority: 65, grow: 9, align: 'right' },
    {
      id: 'month',
      title: 'BUDGET',
      min: Math.max(6, month),
      max: Math.max(6, month),
      priority: 90,
      grow: 9,
      rich: {
        title: 'MONTH/BUDGET',
        min: Math.max(12, MONTH_BAR_WIDTH + 1 + month),
        max: Math.max(12, MONTH_BAR_WIDTH + 1 + month),
        // the least a column tells: "$9.06/$40" and its colour say what the bar draws
        priority: 55,
      },
    },
    { id: 'alerts', title: 'ALERTS', min: 6, max: 6, priority: 92, grow: 9, align: 'right' },
  ];
  const rich = new Set(specs.filter((spec) => spec.rich).map((spec) => spec.id));
  const form = (spec: Spec): Form => (rich.has(spec.id) && spec.rich ? spec.rich : spec);
  const needed = (list: Spec[]): number =>
    MARKER_WIDTH + list.reduce((sum, spec) => sum + form(spec).min, 0) + Math.max(0, list.length - 1);
  let chosen = specs;
  while (needed(chosen) > width) {
    // what can go: a whole column, or a column's fuller form; the least important first
    const options = [
      ...chosen.filter((spec) => spec.priority < 100).map((spec) => ({ spec, priority: spec.priority, whole: true })),
      ...chosen
        .filter((spec) => rich.has(spec.id) && spec.rich)
        .map((spec) => ({ spec, priority: spec.rich?.priority ?? 0, whole: false })),
    ];
    if (options.length === 0) break;
    const weakest = options.reduce((low, option) => (option.priority < low.priority ? option : low));
    if (weakest.whole) chosen = chosen.filter((spec) => spec !== weakest.spec);
    else rich.delete(weakest.spec.id);
  }
  const widths = new Map(chosen.map((spec) => [spec.id, form(spec).min]));
  let spare = Math.max(0, width - needed(chosen));
  for (const spec of [...chosen].sort((a, b) => a.grow - b.grow)) {
    const extra = Math.min(spare, form(spec).max - form(spec).min);
    widths.set(spec.id, form(spec).min + extra);
    spare -= extra;
  }
  return chosen.map((spec) => {
    const columnWidth = widths.get(spec.id) as number;
    const column: Column = {
      id: spec.id,
      title: spec.id === 'month' && !rich.has(spec.id) ? monthTitle(columnWidth) : form(spec).title,
      width: columnWidth,
      align: spec.align ?? 'left',
    };
    if (spec.rich) column.rich = rich.has(spec.id);
    return column;
  });
}
