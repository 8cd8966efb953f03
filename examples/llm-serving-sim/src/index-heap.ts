/**
 * A binary min-heap of integer ids ordered by `(key[id], id)`, stored in a growable Int32Array. Used for
 * per-instance request queues and for the instance event heap. Mutable by design: it lives inside one
 * simulator call and never escapes it.
 */
export class IndexHeap {
  /** Heap storage: ids in heap order; only the first `size` entries are live. */
  items: Int32Array;
  /** Number of live entries. */
  size = 0;
  private readonly key: Float64Array;

  /**
   * @param key - the key array shared with the caller, indexed by id (read at compare time)
   * @param capacity - initial storage size (grows by doubling)
   */
  constructor(key: Float64Array, capacity = 16) {
    this.key = key;
    this.items = new Int32Array(Math.max(1, capacity));
  }

  private less(a: number, b: number): boolean {
    const ka = this.key[a] ?? 0;
    const kb = this.key[b] ?? 0;
    return ka < kb || (ka === kb && a < b);
  }

  /**
   * Insert `id`.
   *
   * @param id - a non-negative integer id whose key is already set
   */
  push(id: number): void {
    if (this.size === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    const items = this.items;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] ?? 0;
      if (!this.less(id, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = id;
  }

  /**
   * The smallest id without removing it.
   *
   * @returns the top id, or -1 when empty
   */
  peek(): number {
    return this.size > 0 ? (this.items[0] ?? -1) : -1;
  }

  /**
   * Remove and return the smallest id.
   *
   * @returns the removed id, or -1 when empty
   */
  pop(): number {
    if (this.size === 0) return -1;
    const items = this.items;
    const top = items[0] ?? -1;
    const last = items[--this.size] ?? 0;
    const n = this.size;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.less(items[r] ?? 0, items[l] ?? 0)) c = r;
      const child = items[c] ?? 0;
      if (!this.less(child, last)) break;
      items[i] = child;
      i = c;
    }
    if (n > 0) items[i] = last;
    return top;
  }
}
