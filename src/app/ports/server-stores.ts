// Every store the server's use cases need, as one bundle the storage layer hands over.
import type { AuthStore } from './auth-store.ts';
import type { BooksReader } from './books-reader.ts';
import type { EconomyStore } from './economy-store.ts';
import type { LedgerStore } from './ledger-store.ts';
import type { SecondFactorStore } from './second-factor-store.ts';

export interface ServerStores {
  readonly economyStore: EconomyStore;
  readonly ledgerStore: LedgerStore;
  readonly authStore: AuthStore;
  readonly books: BooksReader;
  readonly secondFactorStore: SecondFactorStore;
  /** Whether the database answers (readiness). */
  readonly ready: () => Promise<boolean>;
}
