// Runs the storage and ledger conformance suites on a throwaway PostgreSQL cluster, each suite
// in a database of its own. Skipped with a message where PostgreSQL is not installed; under
// CI=true a missing PostgreSQL fails the run.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { openPostgresStore } from '../../src/storage/postgres.ts';
import {
  type PostgresCluster,
  postgresUnavailableReason,
  startPostgresCluster,
} from '../support/postgres-cluster.ts';
import { describeStorageConformance } from './conformance.case.ts';
import { describeLedgerConformance } from './ledger.case.ts';

const unavailable = postgresUnavailableReason();

if (unavailable && process.env.CI === 'true') {
  test('PostgreSQL is available under CI', () => {
    assert.fail(`${unavailable}; CI must test PostgreSQL`);
  });
} else if (unavailable) {
  describe('storage conformance: PostgreSQL', () => {
    test(`skipped: ${unavailable}`, { skip: unavailable }, () => {});
  });
} else {
  let cluster: Promise<PostgresCluster> | undefined;
  after(async () => (await cluster)?.stop());

  /** A fresh database on the shared throwaway cluster. */
  const openFreshDatabase = async (name: string) => {
    cluster ??= startPostgresCluster();
    const { connectionString } = await cluster;
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    return openPostgresStore(connectionString.replace(/\/postgres$/, `/${name}`), 8);
  };

  describeStorageConformance('PostgreSQL (throwaway cluster)', () =>
    openFreshDatabase('conformance'),
  );
  describeLedgerConformance('PostgreSQL (throwaway cluster)', 'postgres', () =>
    openFreshDatabase('ledger'),
  );
}
