// The keys of an open period's bids (or work records) as versions of one growing set: the index
// of the period is kept per sequence number and a new version is made for every input accepted
// (open-period-index.ts), while an older version must stay as it was (a transaction that took
// the newer one may roll back). Copying the set for each version cost the size of the period
// per bid, a fifth of the server's time on a bid with 4,000 bids in the period
// (docs/BENCHMARKS.md, decision 0072). Here the versions share one map from key to the order it
// was added in, and a version holds the keys added before its size: adding to the newest
// version costs the keys added; adding to an older one (a branch) copies what it holds first.

export class KeyVersion {
  readonly #order: Map<string, number>;
  /** How many keys this version holds: those the shared map ordered before it. */
  readonly size: number;

  private constructor(order: Map<string, number>, size: number) {
    this.#order = order;
    this.size = size;
  }

  static of(keys: Iterable<string>): KeyVersion {
    const order = new Map<string, number>();
    for (const key of keys) if (!order.has(key)) order.set(key, order.size);
    return new KeyVersion(order, order.size);
  }

  has(key: string): boolean {
    const at = this.#order.get(key);
    return at !== undefined && at < this.size;
  }

  /** A version with `keys` added; this one stays as it is. */
  with(keys: Iterable<string>): KeyVersion {
    let order = this.#order;
    if (order.size !== this.size) {
      // Another version was made from this one already: its keys are not this one's.
      order = new Map();
      for (const [key, at] of this.#order) if (at < this.size) order.set(key, at);
    }
    for (const key of keys) if (!order.has(key)) order.set(key, order.size);
    return new KeyVersion(order, order.size);
  }
}
