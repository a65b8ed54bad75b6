// Requests generated from docs/openapi.json and mutated (test/security/fuzz/), sent to the app
// as every kind of account: no answer is a 5xx, every refusal is problem+json with a stable
// code, and no refused request changes a row of the database (bench/fuzz/run.ts sends more).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type SecurityFixture, startSecurityFixture } from './fixture.ts';
import { MUTATIONS } from './fuzz/mutations.ts';
import { loadOperations } from './fuzz/operations.ts';
import { fuzz } from './fuzz/run-fuzz.ts';

const REQUESTS = 2500;
const SEED = 20261207;

let fixture: SecurityFixture;
before(async () => {
  fixture = await startSecurityFixture();
});
after(() => fixture.close());

test(`${REQUESTS} fuzzed requests: no 5xx, only problems, no state change from a refusal`, async () => {
  const figures = await fuzz(fixture, { requests: REQUESTS, seed: SEED });
  assert.deepEqual(figures.findings, []);
  assert.equal(figures.serverErrors, 0);
  assert.equal(figures.notProblems, 0);
  assert.equal(figures.stateChanges, 0);
  // The run reached every operation and every mutation, and most requests were refused.
  const operations = loadOperations().map((o) => `${o.method} ${o.template}`);
  assert.deepEqual(
    operations.filter((route) => figures.byRoute[route] === undefined),
    [],
  );
  assert.deepEqual(
    MUTATIONS.filter((kind) => figures.byMutation[kind] === undefined),
    [],
  );
  assert.ok(figures.refused > REQUESTS / 2, `${figures.refused} refused`);
  assert.ok(figures.hashes > REQUESTS / 100, `${figures.hashes} hashes`);
});
