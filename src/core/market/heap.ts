// An indexed 4-ary min-heap over node numbers 0..size−1 whose keys are pairs (primary,
// secondary) compared lexicographically, then by node number, so every run pops in the same
// order (the order is total, so the shape of the heap cannot change it). The keys live in the
// caller's array (the Dijkstra distances): node v's key is keys[v·stride + offset] and
// keys[v·stride + offset + 1]. The heap keeps a copy of each entry's key beside it, so sifting
// compares neighbouring memory instead of chasing node numbers into the caller's array, and four
// children per entry halve the depth (the searches are bound by memory latency).

const ARITY = 4;

export class PairHeap {
  private readonly nodes: Int32Array;
  /** The key of the entry at heap position `at`: [2·at] primary, [2·at + 1] secondary. */
  private readonly entryKey: Float64Array;
  private readonly position: Int32Array;
  private length = 0;
  private readonly keys: Float64Array;
  private readonly stride: number;
  private readonly offset: number;

  constructor(size: number, keys: Float64Array, stride: number, offset: number) {
    this.nodes = new Int32Array(size);
    this.entryKey = new Float64Array(2 * size);
    this.position = new Int32Array(size).fill(-1);
    this.keys = keys;
    this.stride = stride;
    this.offset = offset;
  }

  get size(): number {
    return this.length;
  }

  peek(): number {
    return this.nodes[0]!;
  }

  /** The node at heap position `at` (0 ≤ at < size), to visit the entries in no set order. */
  at(at: number): number {
    return this.nodes[at]!;
  }

  /** Inserts the node or, when present, restores order after its key decreased. */
  pushOrDecrease(node: number): void {
    let at = this.position[node]!;
    if (at < 0) {
      at = this.length;
      this.length += 1;
    }
    const k = node * this.stride + this.offset;
    this.siftUp(at, node, this.keys[k]!, this.keys[k + 1]!);
  }

  pop(): number {
    const nodes = this.nodes;
    const top = nodes[0]!;
    this.position[top] = -1;
    this.length -= 1;
    const end = this.length;
    if (end > 0) {
      this.siftDown(nodes[end]!, this.entryKey[2 * end]!, this.entryKey[2 * end + 1]!);
    }
    return top;
  }

  /** Empties the heap in O(entries). */
  clear(): void {
    for (let at = 0; at < this.length; at += 1) this.position[this.nodes[at]!] = -1;
    this.length = 0;
  }

  /** Moves the entry (node, p, s) from position `start` towards the root to its place. */
  private siftUp(start: number, node: number, p: number, s: number): void {
    const { nodes, entryKey, position } = this;
    let at = start;
    while (at > 0) {
      const parentAt = ((at - 1) / ARITY) | 0;
      const pp = entryKey[2 * parentAt]!;
      const ps = entryKey[2 * parentAt + 1]!;
      const parent = nodes[parentAt]!;
      if (p > pp || (p === pp && (s > ps || (s === ps && node > parent)))) break;
      nodes[at] = parent;
      entryKey[2 * at] = pp;
      entryKey[2 * at + 1] = ps;
      position[parent] = at;
      at = parentAt;
    }
    nodes[at] = node;
    entryKey[2 * at] = p;
    entryKey[2 * at + 1] = s;
    position[node] = at;
  }

  /** Places the entry (node, p, s) at the root and moves it down to its place. */
  private siftDown(node: number, p: number, s: number): void {
    const { nodes, entryKey, position } = this;
    const length = this.length;
    let at = 0;
    for (;;) {
      const first = ARITY * at + 1;
      if (first >= length) break;
      const last = Math.min(first + ARITY, length);
      // The least child, by (primary, secondary, node).
      let best = first;
      let bp = entryKey[2 * first]!;
      let bs = entryKey[2 * first + 1]!;
      let bn = nodes[first]!;
      for (let c = first + 1; c < last; c += 1) {
        const cp = entryKey[2 * c]!;
        const cs = entryKey[2 * c + 1]!;
        const cn = nodes[c]!;
        if (cp < bp || (cp === bp && (cs < bs || (cs === bs && cn < bn)))) {
          best = c;
          bp = cp;
          bs = cs;
          bn = cn;
        }
      }
      if (p < bp || (p === bp && (s < bs || (s === bs && node < bn)))) break;
      nodes[at] = bn;
      entryKey[2 * at] = bp;
      entryKey[2 * at + 1] = bs;
      position[bn] = at;
      at = best;
    }
    nodes[at] = node;
    entryKey[2 * at] = p;
    entryKey[2 * at + 1] = s;
    position[node] = at;
  }
}
