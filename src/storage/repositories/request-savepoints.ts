// The savepoints of the requests that share an economy transaction (decision 0072), taken only
// when a request needs one (decision 0076). A request whose only statement is its input write
// (a bid checked by id against the open period's index decides without reading and writes
// last) needs none: its write is held, dropped if the request ends refused or throws, and kept
// with the other held writes, which are written together before any other statement of the
// transaction and at its end (one statement on PostgreSQL). A request that makes any other
// statement takes its savepoint there, after the held writes, with its own held write inside.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { type MovingOn, writeMovingOn } from './economy-appends.ts';
import type { Dialect } from './ledger-store.ts';

/** The running savepoint's state: whether it was taken, and its request's held write(s). */
interface Scope {
  taken: boolean;
  readonly writes: MovingOn[];
}

export class RequestSavepoints {
  readonly #trx: Transaction<Database>;
  readonly #dialect: Dialect;
  /** A savepoint kept open on PostgreSQL, to be released with the next one taken. */
  #kept = false;
  /** The running `savepoint`'s, if one runs. */
  #scope: Scope | null = null;
  /** Writes of kept savepoints never taken, in log order. */
  #held: MovingOn[] = [];
  /** What made the transaction unable to commit (see `#readyNow`). */
  #broken: unknown;
  /** `ready` bringing the database up to date, while it does. */
  #readying: Promise<void> | undefined;

  constructor(trx: Transaction<Database>, dialect: Dialect) {
    this.#trx = trx;
    this.#dialect = dialect;
  }

  /** Whether a savepoint runs that was not taken yet (its statements would come too early). */
  get holding(): boolean {
    return this.#scope !== null && !this.#scope.taken;
  }

  /** Holds `write` when a savepoint runs that was not taken yet; false when it must be made. */
  hold(write: MovingOn): boolean {
    if (!this.holding) return false;
    this.#scope!.writes.push(write);
    return true;
  }

  /**
   * Brings the database up to what the transaction has done before a statement runs: the held
   * writes, then, within a savepoint, the savepoint itself and its own held write. Run before
   * every statement of the transaction and at its end.
   */
  async ready(): Promise<void> {
    // Calls made side by side wait for the one bringing it up to date, so none of their
    // statements runs before the held writes or the savepoint.
    while (this.#readying !== undefined) await this.#readying.catch(() => {});
    if (this.#broken !== undefined) throw this.#broken;
    if (this.#held.length === 0 && !this.holding) return;
    this.#readying = this.#readyNow();
    try {
      await this.#readying;
    } finally {
      this.#readying = undefined;
    }
  }

  async #readyNow(): Promise<void> {
    try {
      if (this.#held.length > 0) {
        const held = this.#held;
        this.#held = [];
        await writeMovingOn(this.#trx, this.#dialect, held);
      }
      const scope = this.#scope;
      if (scope === null || scope.taken) return;
      scope.taken = true;
      if (this.#kept) {
        this.#kept = false;
        await sql`release savepoint request; savepoint request`.execute(this.#trx);
      } else {
        await sql`savepoint request`.execute(this.#trx);
      }
      await writeMovingOn(this.#trx, this.#dialect, scope.writes.splice(0));
    } catch (error) {
      // Held writes of requests already decided failed, or a savepoint could not be taken:
      // no savepoint covers them, so the transaction cannot commit any more (on PostgreSQL
      // it is aborted, and a commit would silently roll back). Every later call throws, and
      // so does the transaction's end, which rolls it back: its requests run again alone.
      this.#broken = error;
      throw error;
    }
  }

  /**
   * Runs `work` as one request: what it wrote stays when `keep` says so of its value, and is
   * rolled back (or, held, dropped) when not or when it throws. One name, released or rolled
   * back before the next is taken: never nested, so a shared transaction holds one savepoint
   * at a time however many requests it carries. On PostgreSQL a kept one is released with the
   * next one taken, in one round trip (several statements without parameters go as one simple
   * query); the commit releases the last.
   */
  async savepoint<T>(work: () => Promise<T>, keep: (value: T) => boolean): Promise<T> {
    if (this.#scope !== null) throw new Error('savepoints are not nested');
    const server = this.#dialect === 'postgres';
    const scope: Scope = { taken: false, writes: [] };
    this.#scope = scope;
    const undo = async () => {
      if (!scope.taken) return; // nothing of it was written: its held writes are dropped
      if (server) {
        await sql`rollback to savepoint request; release savepoint request`.execute(this.#trx);
      } else {
        await sql`rollback to savepoint request`.execute(this.#trx);
        await sql`release savepoint request`.execute(this.#trx);
      }
    };
    let value: T;
    try {
      value = await work();
    } catch (error) {
      this.#scope = null;
      await undo();
      throw error;
    } finally {
      this.#scope = null;
    }
    if (!keep(value)) await undo();
    else if (!scope.taken) this.#held.push(...scope.writes);
    else if (server) this.#kept = true;
    else await sql`release savepoint request`.execute(this.#trx);
    return value;
  }
}
