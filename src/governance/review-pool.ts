import type { Random } from './review-random.js';

/**
 * The pool the week's output is drawn from, as pickRandomOutput sees it after
 * each miss is filtered out, without refiltering: the candidates stay in their
 * order and a Fenwick tree over them finds the k-th one still in, so a draw
 * and a removal each cost O(log n) and a week of n misses O(n log n), where
 * a filter per miss cost O(n²) (18,500 missing outputs of one agent: 3 s).
 * It draws exactly what pickRandomOutput would from the filtered list: the
 * same rng() calls, the same pick, so `--seed N` draws the same output.
 */
export class DrawPool {
  /** 1-based Fenwick tree of "still in" over the candidates that are not `previous` */
  private readonly tree: Int32Array;
  private readonly order: readonly string[];
  /** file → its positions in `order`; made at the first removal (a draw whose first pick exists needs none) */
  private where: Map<string, number[]> | null = null;
  private left = 0;
  /** entries equal to `previous` still in: drawn only when nothing else is left */
  private previousLeft = 0;

  constructor(
    candidates: readonly string[],
    private readonly previous: string | null = null,
  ) {
    // one read of each candidate (a caller's list may be large, or costly to index)
    const order: string[] = [];
    for (const file of candidates) {
      if (previous !== null && file === previous) this.previousLeft++;
      else order.push(file);
    }
    this.order = order;
    // every candidate in: each node holds its own 1 and its children's sums (a linear build)
    const tree = new Int32Array(order.length + 1);
    for (let i = 1; i < tree.length; i++) {
      tree[i] = (tree[i] as number) + 1;
      const parent = i + (i & -i);
      if (parent < tree.length) tree[parent] = (tree[parent] as number) + (tree[i] as number);
    }
    this.tree = tree;
    this.left = order.length;
  }

  get size(): number {
    return this.left + this.previousLeft;
  }

  /** pickRandomOutput(the pool, rng, previous): one rng() call; null when empty */
  pick(rng: Random): string | null {
    if (this.left > 0) {
      const k = Math.min(this.left - 1, Math.floor(rng() * this.left));
      return this.order[this.kth(k)] as string;
    }
    if (this.previousLeft > 0) {
      // only `previous` is left: pickRandomOutput draws among its copies, all the same file
      Math.floor(rng() * this.previousLeft);
      return this.previous;
    }
    return null;
  }

  /** Takes every copy of `file` out of the pool (a miss). */
  remove(file: string): void {
    if (this.previous !== null && file === this.previous) {
      this.previousLeft = 0;
      return;
    }
    const where = this.where ?? this.positions();
    const at = where.get(file);
    if (at === undefined) return;
    where.delete(file);
    for (const i of at) this.add(i, -1);
    this.left -= at.length;
  }

  private positions(): Map<string, number[]> {
    const where = new Map<string, number[]>();
    for (let i = 0; i < this.order.length; i++) {
      const file = this.order[i] as string;
      const at = where.get(file);
      if (at === undefined) where.set(file, [i]);
      else at.push(i);
    }
    this.where = where;
    return where;
  }

  private add(index: number, delta: number): void {
    for (let i = index + 1; i < this.tree.length; i += i & -i) this.tree[i] = (this.tree[i] as number) + delta;
  }

  /** the 0-based position in `order` of the k-th (0-based) candidate still in */
  private kth(k: number): number {
    let position = 0;
    let remaining = k + 1;
    let step = 1;
    while (step * 2 < this.tree.length) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = position + step;
      if (next < this.tree.length && (this.tree[next] as number) < remaining) {
        position = next;
        remaining -= this.tree[next] as number;
      }
    }
    return position;
  }
}
