// Migrates a fresh data directory and SIGKILLs itself once the n-th statement of the migration
// has run (n = 0: never; it then prints how many statements the migration ran), for the
// migrate crash test.
import type { Kysely, KyselyPlugin } from 'kysely';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { openSqliteStore } from '../../src/storage/sqlite.ts';

const [dataDir, killAfterText] = process.argv.slice(2);
const killAfter = Number(killAfterText);
let statements = 0;
const killer: KyselyPlugin = {
  transformQuery: (args) => args.node,
  async transformResult(args) {
    statements += 1;
    if (statements === killAfter) process.kill(process.pid, 'SIGKILL');
    return args.result;
  },
};
const store = openSqliteStore(dataDir!);
await migrateToLatest(store.db.withPlugin(killer) as Kysely<unknown>);
await store.close();
process.stdout.write(`${statements}\n`);
