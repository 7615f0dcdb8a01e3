import { RUN_STATUSES, type RunStatus } from './records.js';

/**
 * Per-day totals of one agent: runs, cost, duration and runs per status, by
 * local day number. Stored in columns (typed arrays) rather than an object per
 * day: a year of 50 agents is 18,000 days, which every `status` loads, and
 * columns load as a few arrays instead of tens of thousands of objects for
 * the garbage collector to copy. Pure.
 */
const STATUS_COUNT = RUN_STATUSES.length;
const STATUS_INDEX: ReadonlyMap<string, number> = new Map(RUN_STATUSES.map((status, index) => [status, index]));
/** length and first two letters tell the statuses apart: a number key spares hashing a string per run */
const shapeOf = (status: string): number => status.length * 65_536 + status.charCodeAt(0) * 256 + status.charCodeAt(1);
const BY_SHAPE: ReadonlyMap<number, number> = new Map(RUN_STATUSES.map((status, index) => [shapeOf(status), index]));

export function statusIndex(status: RunStatus): number {
  const index = BY_SHAPE.get(shapeOf(status));
  return index !== undefined && RUN_STATUSES[index] === status ? index : (STATUS_INDEX.get(status) as number);
}

export interface DayTotals {
  /** local day number: days since 1970-01-01 on the local calendar */
  day: number;
  runs: number;
  costUsd: number;
  durationMs: number;
  byStatus: Partial<Record<RunStatus, number>>;
}

/** counts fit in 16 bits on most days: a stored table keeps them so and widens on its first write */
type Counts = Uint32Array | Uint16Array;

export class DayTable {
  size = 0;
  private days: Int32Array = new Int32Array(8);
  private runs: Uint32Array = new Uint32Array(8);
  private costs: Float64Array = new Float64Array(8);
  private durations: Float64Array = new Float64Array(8);
  private counts: Counts = new Uint32Array(8 * STATUS_COUNT);
  /** day number → row; built on first need (a loaded table is often only read) */
  private rows: Map<number, number> | null = null;

  /** The row of `day`, added when missing; the table is about to be written. */
  private rowOf(day: number): number {
    if (this.counts instanceof Uint16Array) this.counts = Uint32Array.from(this.counts);
    if (this.rows === null) {
      this.rows = new Map();
      for (let row = 0; row < this.size; row++) this.rows.set(this.days[row] as number, row);
    }
    let row = this.rows.get(day);
    if (row === undefined) {
      row = this.size++;
      if (row >= this.days.length) this.grow(Math.max(8, row * 2));
      this.days[row] = day;
      this.rows.set(day, row);
    }
    return row;
  }

  private grow(capacity: number): void {
    const widen = <T extends Int32Array | Uint32Array | Float64Array>(from: T, to: T): T => {
      to.set(from.subarray(0, Math.min(from.length, to.length)));
      return to;
    };
    this.days = widen(this.days, new Int32Array(capacity));
    this.runs = widen(this.runs, new Uint32Array(capacity));
    this.costs = widen(this.costs, new Float64Array(capacity));
    this.durations = widen(this.durations, new Float64Array(capacity));
    this.counts = widen(this.counts as Uint32Array, new Uint32Array(capacity * STATUS_COUNT));
  }

  addRun(day: number, status: number, costUsd: number, durationMs: number): void {
    const row = this.rowOf(day);
    this.runs[row] = (this.runs[row] as number) + 1;
    this.costs[row] = (this.costs[row] as number) + costUsd;
    this.durations[row] = (this.durations[row] as number) + durationMs;
    const cell = row * STATUS_COUNT + status;
    this.counts[cell] = (this.counts[cell] as number) + 1;
  }

  /** The tables added up, in one table sized for them all at once (a home shared by hosts has one per host). */
  static sum(tables: readonly DayTable[]): DayTable {
    const sum = new DayTable();
    sum.grow(
      Math.max(
        8,
        tables.reduce((rows, table) => rows + table.size, 0),
      ),
    );
    for (const table of tables) sum.addTable(table);
    return sum;
  }

  addTable(other: DayTable): void {
    for (let from = 0; from < other.size; from++) {
      const row = this.rowOf(other.days[from] as number);
      this.runs[row] = (this.runs[row] as number) + (other.runs[from] as number);
      this.costs[row] = (this.costs[row] as number) + (other.costs[from] as number);
      this.durations[row] = (this.durations[row] as number) + (other.durations[from] as number);
      for (let s = 0; s < STATUS_COUNT; s++) {
        const cell = row * STATUS_COUNT + s;
        this.counts[cell] = (this.counts[cell] as number) + (other.counts[from * STATUS_COUNT + s] as number);
      }
    }
  }

  /** The earliest day with a run, or undefined for an empty table. */
  firstDay(): number | undefined {
    let first: number | undefined;
    for (let row = 0; row < this.size; row++)
      if (first === undefined || (this.days[row] as number) < first) first = this.days[row] as number;
    return first;
  }

  dayAt(row: number): number {
    return this.days[row] as number;
  }

  costAt(row: number): number {
    return this.costs[row] as number;
  }

  runsAt(row: number): number {
    return this.runs[row] as number;
  }

  /** Runs of the row with the status of index `status` (statusIndex). */
  countAt(row: number, status: number): number {
    return this.counts[row * STATUS_COUNT + status] as number;
  }

  /** Adds the row's runs per status into `into` (indexed like RUN_STATUSES). */
  addCountsAt(row: number, into: number[]): void {
    for (let s = 0; s < STATUS_COUNT; s++)
      into[s] = (into[s] as number) + (this.counts[row * STATUS_COUNT + s] as number);
  }

  /** Every day's totals (from day `from` on), ascending by day. */
  allTotals(from = Number.NEGATIVE_INFINITY): DayTotals[] {
    const totals: DayTotals[] = [];
    for (let row = 0; row < this.size; row++) if ((this.days[row] as number) >= from) totals.push(this.totalsAt(row));
    return totals.sort((a, b) => a.day - b.day);
  }

  totalsAt(row: number): DayTotals {
    const byStatus: Partial<Record<RunStatus, number>> = {};
    for (let s = 0; s < STATUS_COUNT; s++) {
      const count = this.counts[row * STATUS_COUNT + s] as number;
      if (count > 0) byStatus[RUN_STATUSES[s] as RunStatus] = count;
    }
    return {
      day: this.days[row] as number,
      runs: this.runs[row] as number,
      costUsd: this.costs[row] as number,
      durationMs: this.durations[row] as number,
      byStatus,
    };
  }

  /**
   * The columns as JSON (DayColumns), `counts` RUN_STATUSES.length per day.
   * Written with TypedArray.join, natively: the numbers are finite, and
   * join formats them exactly as JSON.stringify does.
   */
  toJson(): string {
    const size = this.size;
    const column = (values: Int32Array | Uint32Array | Uint16Array | Float64Array, width: number): string =>
      `[${values.subarray(0, size * width).join(',')}]`;
    return (
      `{"day":${column(this.days, 1)},"runs":${column(this.runs, 1)},"cost":${column(this.costs, 1)},` +
      `"duration":${column(this.durations, 1)},"counts":${column(this.counts, STATUS_COUNT)}}`
    );
  }

  /**
   * The columns, `size` rows each (`counts` RUN_STATUSES.length per row), as
   * views on the table (index-codec stores them as they are in memory);
   * counts in 16 bits when every one fits.
   */
  columns(): StoredDayColumns {
    const size = this.size;
    const counts = this.counts.subarray(0, size * STATUS_COUNT);
    let narrow = counts instanceof Uint16Array;
    if (!narrow) {
      narrow = true;
      for (let i = 0; i < counts.length; i++)
        if ((counts[i] as number) > 0xffff) {
          narrow = false;
          break;
        }
    }
    return {
      day: this.days.subarray(0, size),
      runs: this.runs.subarray(0, size),
      cost: this.costs.subarray(0, size),
      duration: this.durations.subarray(0, size),
      counts: narrow && !(counts instanceof Uint16Array) ? new Uint16Array(counts) : counts,
    };
  }

  /**
   * The table of these columns: typed ones of columns()' types are used as
   * they are (a stored index's views on the file's bytes: nothing copied),
   * anything else is copied. RangeError when the columns do not fit together.
   */
  static fromColumns(columns: DayColumns | StoredDayColumns): DayTable {
    const size = columns.day.length;
    if (
      columns.runs.length !== size ||
      columns.cost.length !== size ||
      columns.duration.length !== size ||
      columns.counts.length !== size * STATUS_COUNT
    ) {
      throw new RangeError(`day columns of different lengths (${size} days)`);
    }
    const table = new DayTable();
    table.size = size;
    table.days = columns.day instanceof Int32Array ? columns.day : Int32Array.from(columns.day);
    table.runs = columns.runs instanceof Uint32Array ? columns.runs : Uint32Array.from(columns.runs);
    table.costs = columns.cost instanceof Float64Array ? columns.cost : Float64Array.from(columns.cost);
    table.durations = columns.duration instanceof Float64Array ? columns.duration : Float64Array.from(columns.duration);
    table.counts =
      columns.counts instanceof Uint16Array || columns.counts instanceof Uint32Array
        ? columns.counts
        : Uint32Array.from(columns.counts);
    return table;
  }
}

/** A table's columns in memory (and in a stored index): see columns(). */
export interface StoredDayColumns {
  day: Int32Array;
  runs: Uint32Array;
  cost: Float64Array;
  duration: Float64Array;
  counts: Uint16Array | Uint32Array;
}

export interface DayColumns {
  day: number[];
  runs: number[];
  cost: number[];
  duration: number[];
  counts: number[];
}
