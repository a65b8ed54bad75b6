// The frame every PostgreSQL test file uses: where PostgreSQL is missing, one skipped test
// says so (and under CI=true one failing test, since CI must test PostgreSQL); otherwise one
// throwaway cluster per file, started on first use and stopped after the file, with a fresh
// database for each suite that asks.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  type PostgresCluster,
  postgresUnavailableReason,
  startPostgresCluster,
} from './postgres-cluster.ts';

export interface PostgresTestContext {
  /** Creates a database on the file's cluster; returns its URL and the cluster's admin URL. */
  freshDatabase(name: string): Promise<{ readonly adminUrl: string; readonly databaseUrl: string }>;
}

export function withPostgres(
  suiteName: string,
  register: (context: PostgresTestContext) => void,
): void {
  const unavailable = postgresUnavailableReason();
  if (unavailable && process.env.CI === 'true') {
    test(`${suiteName}: PostgreSQL is available under CI`, () => {
      assert.fail(`${unavailable}; CI must test PostgreSQL`);
    });
    return;
  }
  if (unavailable) {
    describe(suiteName, () => {
      test(`skipped: ${unavailable}`, { skip: unavailable }, () => {});
    });
    return;
  }
  let cluster: Promise<PostgresCluster> | undefined;
  after(async () => (await cluster)?.stop());
  register({
    async freshDatabase(name) {
      cluster ??= startPostgresCluster();
      const started = await cluster;
      return {
        adminUrl: started.connectionString,
        databaseUrl: await started.createDatabase(name),
      };
    },
  });
}
