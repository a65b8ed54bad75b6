// Watches the security fixture's database for changes between two moments. SQLite counts the
// rows every statement writes (total_changes()), so when the count did not move nothing was
// written; when it moved, and every `hashEvery` looks in any case, every table is hashed
// (db-hash.ts) and compared with the hash before, so a write that left all rows as they were
// (a transaction rolled back) is no change and any other is.
import { sql } from 'kysely';
import type { SecurityFixture } from './fixture.ts';

export interface StateWatch {
  /** Takes the state as it is now as the one to compare with. */
  rebase(): Promise<void>;
  /** Whether the database differs from the state last looked at; then looks at the new one. */
  changed(): Promise<boolean>;
  /** How many times every table was hashed. */
  readonly hashes: number;
}

export async function watchState(fixture: SecurityFixture, hashEvery = 100): Promise<StateWatch> {
  const totalChanges = async () =>
    (await sql<{ n: number }>`select total_changes() as n`.execute(fixture.db)).rows[0]!.n;
  let hash = await fixture.hash();
  let changes = await totalChanges();
  let looks = 0;
  let hashes = 1;
  const watch: StateWatch = {
    async rebase() {
      const now = await totalChanges();
      if (now === changes) return;
      changes = now;
      hash = await fixture.hash();
      hashes += 1;
    },
    async changed() {
      const now = await totalChanges();
      const wrote = now !== changes;
      changes = now;
      looks += 1;
      if (!wrote && looks % hashEvery !== 0) return false;
      const next = await fixture.hash();
      hashes += 1;
      const differs = next !== hash;
      hash = next;
      return differs;
    },
    get hashes() {
      return hashes;
    },
  };
  return watch;
}
