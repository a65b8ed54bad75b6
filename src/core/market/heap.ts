// An indexed binary min-heap over node numbers 0..size−1 whose keys are pairs (primary,
// secondary) compared lexicographically, then by node number, so every run pops in the same
// order. The keys live in the caller's array (the Dijkstra distances), which saves copying:
// node v's key is keys[v·stride + offset] and keys[v·stride + offset + 1], so callers can keep
// all data of a node in one cache line.

export class PairHeap {
  private readonly nodes: Int32Array;
  private readonly position: Int32Array;
  private length = 0;
  private readonly keys: Float64Array;
  private readonly stride: number;
  private readonly offset: number;

  constructor(size: number, keys: Float64Array, stride: number, offset: number) {
    this.nodes = new Int32Array(size);
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

  /** Inserts the node or, when present, restores order after its key decreased. */
  pushOrDecrease(node: number): void {
    let at = this.position[node]!;
    if (at < 0) {
      at = this.length;
      this.length += 1;
      this.nodes[at] = node;
      this.position[node] = at;
    }
    this.siftUp(at);
  }

  pop(): number {
    const top = this.nodes[0]!;
    this.position[top] = -1;
    this.length -= 1;
    if (this.length > 0) {
      const last = this.nodes[this.length]!;
      this.nodes[0] = last;
      this.position[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  /** Empties the heap in O(entries). */
  clear(): void {
    for (let at = 0; at < this.length; at += 1) this.position[this.nodes[at]!] = -1;
    this.length = 0;
  }

  private less(a: number, b: number): boolean {
    const keys = this.keys;
    const ka = a * this.stride + this.offset;
    const kb = b * this.stride + this.offset;
    const pa = keys[ka]!;
    const pb = keys[kb]!;
    if (pa !== pb) return pa < pb;
    const sa = keys[ka + 1]!;
    const sb = keys[kb + 1]!;
    if (sa !== sb) return sa < sb;
    return a < b;
  }

  private siftUp(start: number): void {
    const nodes = this.nodes;
    const node = nodes[start]!;
    let at = start;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parent = nodes[parentAt]!;
      if (!this.less(node, parent)) break;
      nodes[at] = parent;
      this.position[parent] = at;
      at = parentAt;
    }
    nodes[at] = node;
    this.position[node] = at;
  }

  private siftDown(start: number): void {
    const nodes = this.nodes;
    const node = nodes[start]!;
    let at = start;
    for (;;) {
      let childAt = 2 * at + 1;
      if (childAt >= this.length) break;
      const right = childAt + 1;
      if (right < this.length && this.less(nodes[right]!, nodes[childAt]!)) childAt = right;
      const child = nodes[childAt]!;
      if (!this.less(child, node)) break;
      nodes[at] = child;
      this.position[child] = at;
      at = childAt;
    }
    nodes[at] = node;
    this.position[node] = at;
  }
}
