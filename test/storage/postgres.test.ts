// Runs the storage and ledger conformance suites on a throwaway PostgreSQL cluster, each suite
// in a database of its own. Skipped with a message where PostgreSQL is not installed; under
// CI=true a missing PostgreSQL fails the run.
import { openPostgresStore } from '../../src/storage/postgres.ts';
import { withPostgres } from '../support/postgres-suite.ts';
import { describeBooksPages } from './books-pages.case.ts';
import { describeCheckpointRotation } from './checkpoint-rotation.case.ts';
import { describeCheckpoints } from './checkpoints.case.ts';
import { describeStorageConformance } from './conformance.case.ts';
import { describeEconomyConformance } from './economy.case.ts';
import { describeLedgerConformance } from './ledger.case.ts';
import { describeMigrationAtomicity } from './migration.case.ts';
import { describePolicyFacts } from './policy-facts.case.ts';
import { describeProjectionKept } from './projection-kept.case.ts';
import { describeScenarioCache } from './scenario-cache.case.ts';
import { describeTransferKeyLookups } from './transfer-key-lookups.case.ts';

withPostgres('storage conformance: PostgreSQL', ({ freshDatabase }) => {
  const open = async (name: string) =>
    openPostgresStore((await freshDatabase(name)).databaseUrl, 8);
  describeStorageConformance('PostgreSQL (throwaway cluster)', () => open('conformance'));
  describeLedgerConformance('PostgreSQL (throwaway cluster)', 'postgres', () => open('ledger'));
  describeEconomyConformance('PostgreSQL (throwaway cluster)', 'postgres', () => open('economy'));
  let migrations = 0;
  describeMigrationAtomicity('PostgreSQL (throwaway cluster)', () => {
    migrations += 1;
    return open(`migrations${migrations}`);
  });
  describeCheckpoints('PostgreSQL (throwaway cluster)', 'postgres', () => open('checkpoints'));
  describePolicyFacts('PostgreSQL (throwaway cluster)', 'postgres', () => open('facts'));
  describeScenarioCache('PostgreSQL (throwaway cluster)', 'postgres', () => open('kept'));
  describeProjectionKept('PostgreSQL (throwaway cluster)', 'postgres', () => open('projection'));
  describeCheckpointRotation('PostgreSQL (throwaway cluster)', 'postgres', () => open('rotation'));
  describeTransferKeyLookups('PostgreSQL (throwaway cluster)', () => open('key_lookups'));
  describeBooksPages('PostgreSQL (throwaway cluster)', 'postgres', () => open('books_pages'));
});
