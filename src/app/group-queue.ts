// Group commit's queue, for any writes that are serial per key (a pool's journal, a pool's input
// log): a write that finds no group of its key running starts one; writes that arrive while it
// runs wait, and the next group takes all of them that fit. What a group shares is decided by
// `runGroup` (one transaction, one commit: decisions 0019, 0072); the queue only orders the
// writes, answers each caller with its own outcome, and runs a write again alone when the
// shared run failed, so one write's error never becomes another's.

/** One write's outcome in a group: its value, or the error it met there. */
export type Settled<R> =
  | { readonly ok: true; readonly value: R }
  | { readonly ok: false; readonly error: unknown };

export interface GroupQueueOptions<K, W, R> {
  /**
   * Runs writes of one key together, in the order given, and settles each. A write settled
   * with an error in a group of more than one runs again alone; alone, its error is its
   * caller's. A throw fails the whole group: nothing of it may then be stored, and each of its
   * writes runs again alone.
   */
  readonly runGroup: (key: K, writes: readonly W[]) => Promise<Settled<R>[]>;
  /** Whether `next` may join `group` (never asked for a group's first write). */
  readonly joins: (group: readonly W[], next: W) => boolean;
  /**
   * When a key with no group running starts one: `'now'`, or `'after-turn'` (once the event
   * loop's current turn is done, so the writes of the requests read in that turn join the
   * first group: on a synchronous database nothing can arrive while a group runs).
   */
  readonly start: 'now' | 'after-turn';
}

export interface GroupQueue<K, W, R> {
  /** Runs one write of `key`, sharing a group with concurrent ones; answers its own outcome. */
  write(key: K, write: W): Promise<R>;
}

interface Waiting<W, R> {
  readonly write: W;
  readonly resolve: (value: R) => void;
  readonly reject: (error: unknown) => void;
}

export function createGroupQueue<K, W, R>(
  options: GroupQueueOptions<K, W, R>,
): GroupQueue<K, W, R> {
  const { runGroup, joins, start } = options;
  const queues = new Map<K, Waiting<W, R>[]>();

  const settle = (waiting: Waiting<W, R>, settled: Settled<R>) => {
    if (settled.ok) waiting.resolve(settled.value);
    else waiting.reject(settled.error);
  };

  async function runAlone(key: K, waiting: Waiting<W, R>): Promise<void> {
    try {
      const [settled] = await runGroup(key, [waiting.write]);
      settle(waiting, settled!);
    } catch (error) {
      waiting.reject(error);
    }
  }

  /** The writes at the queue's head that go together. */
  function nextGroup(queue: Waiting<W, R>[]): Waiting<W, R>[] {
    const writes: W[] = [queue[0]!.write];
    while (writes.length < queue.length && joins(writes, queue[writes.length]!.write)) {
      writes.push(queue[writes.length]!.write);
    }
    return queue.splice(0, writes.length);
  }

  async function drain(key: K, queue: Waiting<W, R>[]): Promise<void> {
    while (queue.length > 0) {
      const group = nextGroup(queue);
      if (group.length === 1) {
        await runAlone(key, group[0]!);
        continue;
      }
      let outcomes: Settled<R>[];
      try {
        outcomes = await runGroup(
          key,
          group.map((waiting) => waiting.write),
        );
      } catch {
        // Nothing of the shared run was stored: each write runs again on its own.
        for (const waiting of group) await runAlone(key, waiting);
        continue;
      }
      const again: Waiting<W, R>[] = [];
      group.forEach((waiting, index) => {
        const settled = outcomes[index]!;
        if (settled.ok) waiting.resolve(settled.value);
        else again.push(waiting);
      });
      // A write that failed in the shared run (its own part rolled back) is run alone, after
      // the others were answered: the error may have been the shared run's, not its own.
      for (const waiting of again) await runAlone(key, waiting);
    }
    queues.delete(key);
  }

  return {
    write(key, write) {
      return new Promise<R>((resolve, reject) => {
        const running = queues.get(key);
        if (running !== undefined) {
          running.push({ write, resolve, reject });
          return;
        }
        const queue: Waiting<W, R>[] = [{ write, resolve, reject }];
        queues.set(key, queue);
        if (start === 'now') void drain(key, queue);
        else setImmediate(() => void drain(key, queue));
      });
    },
  };
}
