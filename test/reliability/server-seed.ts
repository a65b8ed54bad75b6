// The database a server crash or concurrency test starts from: the HTTP tests' pool "p" (six
// persons, the bakery with its rye bread, the north's garden) with one account per role, and
// for each account a write token the clients send as `Authorization: Bearer`, so no client
// signs in (sign-in is rate limited per address, and every client is on loopback).
import type { Kysely } from 'kysely';
import { OUTSIDE_REQUEST } from '../../src/app/auth/account-writes.ts';
import { startTestServer, type TestRole } from '../../src/http/testing.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import type { Database } from '../../src/storage/schema.ts';
import type { ServerTarget } from './server-process.ts';

export type AccountRole = Exclude<TestRole, 'public'>;

export interface Seeded {
  readonly tokens: Readonly<Record<AccountRole, string>>;
  readonly accountIds: Readonly<Record<AccountRole, string>>;
  /** The pool's next input sequence number after seeding: the clients' inputs start here. */
  readonly firstSeq: number;
}

const TOKEN_TTL_MS = 7 * 24 * 3600_000;

/** Seeds the pool and the accounts into an empty database, then closes it. */
export async function seedServerDatabase(target: ServerTarget): Promise<Seeded> {
  const database = openDatabase({
    dataDir: target.dataDir,
    ...(target.databaseUrl === undefined ? {} : { databaseUrl: target.databaseUrl }),
  });
  try {
    const server = await startTestServer({}, database);
    // The tokens must live by the real server's clock, not the test server's.
    server.clock.now = Date.now();
    const tokens = {} as Record<AccountRole, string>;
    for (const [role, accountId] of Object.entries(server.accountIds)) {
      const created = await server.deps.auth.createAccessToken(
        accountId,
        'crash test',
        'write',
        TOKEN_TTL_MS,
        OUTSIDE_REQUEST,
      );
      tokens[role as AccountRole] = created.token;
    }
    const pool = await (database.db as Kysely<Database>)
      .selectFrom('economy_pools')
      .select('next_seq')
      .where('pool_id', '=', 'p')
      .executeTakeFirstOrThrow();
    return { tokens, accountIds: { ...server.accountIds }, firstSeq: pool.next_seq };
  } finally {
    await database.close();
  }
}
