// Runs the storage conformance suite on a throwaway PostgreSQL cluster. Skipped with a message
// where PostgreSQL is not installed; under CI=true a missing PostgreSQL fails the run.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { openPostgresStore } from '../../src/storage/postgres.ts';
import {
  type PostgresCluster,
  postgresUnavailableReason,
  startPostgresCluster,
} from '../support/postgres-cluster.ts';
import { describeStorageConformance } from './conformance.case.ts';

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
  let cluster: PostgresCluster | undefined;
  after(() => cluster?.stop());
  describeStorageConformance('PostgreSQL (throwaway cluster)', async () => {
    cluster = await startPostgresCluster();
    return openPostgresStore(cluster.connectionString, 4);
  });
}
