/**
 * Compressed sparse rows: an adjacency list packed into two typed arrays. Row `i` holds
 * `items[start[i]] .. items[start[i + 1] - 1]`. Built once per estate revision, read by every query.
 */

/** A packed one-to-many relation over integer ids. */
export interface Csr {
  /** `rows + 1` offsets into `items`. */
  readonly start: Int32Array;
  readonly items: Int32Array;
}

/** Collects `(row, item)` pairs, then packs them into a {@link Csr}. */
export class CsrBuilder {
  private rows: number[] = [];
  private values: number[] = [];

  constructor(private readonly rowCount: number) {}

  /** Adds `item` to `row`; rows keep insertion order. */
  add(row: number, item: number): void {
    this.rows.push(row);
    this.values.push(item);
  }

  /**
   * Packs the pairs (counting sort, stable).
   *
   * @example
   * const b = new CsrBuilder(2); b.add(1, 7); b.add(0, 5);
   * const csr = b.build(); // start = [0, 1, 2], items = [5, 7]
   */
  build(): Csr {
    const start = new Int32Array(this.rowCount + 1);
    for (const row of this.rows) start[row + 1]! += 1;
    for (let i = 0; i < this.rowCount; i += 1) start[i + 1]! += start[i]!;
    const cursor = start.slice(0, this.rowCount);
    const items = new Int32Array(this.values.length);
    for (let k = 0; k < this.rows.length; k += 1) {
      const row = this.rows[k]!;
      items[cursor[row]!] = this.values[k]!;
      cursor[row]! += 1;
    }
    this.rows = [];
    this.values = [];
    return { start, items };
  }
}

/** The number of items in `row`. */
export function rowLength(csr: Csr, row: number): number {
  return csr.start[row + 1]! - csr.start[row]!;
}
