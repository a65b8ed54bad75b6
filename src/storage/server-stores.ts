// The stores the server needs, on an opened database: its economy and ledger stores plus the
// accounts and the open-books reads.
import { sql } from 'kysely';
import type { ServerStores } from '../app/ports/server-stores.ts';
import type { OpenedDatabase } from './open-database.ts';
import { createKyselyAuthStore } from './repositories/auth-store.ts';
import { createKyselyBooksReader } from './repositories/books-reader.ts';
import { createKyselySecondFactorStore } from './repositories/second-factor-store.ts';

export function serverStoresOf(
  database: Pick<OpenedDatabase, 'db' | 'dialect' | 'economyStore' | 'ledgerStore'>,
): ServerStores {
  return {
    economyStore: database.economyStore,
    ledgerStore: database.ledgerStore,
    authStore: createKyselyAuthStore(database.db),
    books: createKyselyBooksReader(database.db, database.dialect),
    secondFactorStore: createKyselySecondFactorStore(database.db),
    async ready() {
      try {
        await sql`select 1`.execute(database.db);
        return true;
      } catch {
        return false;
      }
    },
  };
}
