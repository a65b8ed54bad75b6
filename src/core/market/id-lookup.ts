// Finding the position of an id in a list without a string map on the hot path. Rounds usually
// list a person's bids together and in the order the persons were given (a store reads them
// that way), so the next id is nearly always the one at the cursor or right after it: two
// string comparisons, which are pointer comparisons when the bid holds the same string object.
// Only ids out of that order fall back to a map, built on first need.

export class IdLookup {
  private readonly ids: readonly string[];
  private cursor = 0;
  private map: Map<string, number> | null = null;

  constructor(ids: readonly string[]) {
    this.ids = ids;
  }

  /** The position of `id` in the list, or −1. With duplicate ids, one of their positions. */
  find(id: string): number {
    const ids = this.ids;
    const at = this.cursor;
    if (ids[at] === id) return at;
    if (ids[at + 1] === id) {
      this.cursor = at + 1;
      return at + 1;
    }
    if (this.map === null) {
      this.map = new Map();
      for (let k = ids.length - 1; k >= 0; k -= 1) this.map.set(ids[k]!, k);
    }
    const found = this.map.get(id);
    if (found === undefined) return -1;
    this.cursor = found;
    return found;
  }
}
