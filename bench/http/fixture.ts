// The pool the HTTP benchmark works on, made the same way on every database: the neighbourhood
// (examples/neighbourhood.yaml, 120 persons) imported through the period cycle for its first two
// months, so the books hold two closed periods of transfers; month 3 opened for bidding with 50
// task instances; and a member account with a personal access token (scope write) for each of
// the first 80 adults, who bid on the instances for themselves. Built through the use cases, as
// a coordinator's import and the members' sign-ups would.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { OUTSIDE_REQUEST } from '../../src/app/auth/account-writes.ts';
import { importScenario } from '../../src/app/economy/import-scenario.ts';
import { parseScenarioText } from '../../src/app/scenario/load.ts';
import type { PoolId } from '../../src/core/ids.ts';
import type { HttpDeps } from '../../src/http/deps.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'neighbourhood.yaml');
const CLOSED_PERIODS = 2;
const INSTANCES = 50;
const BIDDERS = 80;

export interface Fixture {
  readonly poolId: string;
  /** The open period, in its bidding stage. */
  readonly period: number;
  readonly instances: readonly string[];
  /** Each bidder's person id and access token. */
  readonly bidders: readonly { readonly personId: string; readonly token: string }[];
  /** The journal's entries (for the report: how much a page is out of). */
  readonly journalEntries: number;
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: { detail: string } }): T {
  if (!result.ok) throw new Error(result.error.detail);
  return result.value;
}

export async function prepareFixture(db: Kysely<unknown>, deps: HttpDeps): Promise<Fixture> {
  await migrateToLatest(db);
  const scenario = must(parseScenarioText(readFileSync(EXAMPLE, 'utf8'), EXAMPLE));
  const { economy, auth, authStore } = deps;
  const poolId = scenario.pool.id;
  must(await importScenario(economy, scenario, { periods: CLOSED_PERIODS }));
  const period = CLOSED_PERIODS + 1;
  must(await economy.advance(poolId, 'bench:planning', { period, stage: 'planning' }));
  const template = scenario.periods[0]!.tasks[0]!;
  const instances = Array.from(
    { length: INSTANCES },
    (_, i) => `bench-${template.templateId}-${i}`,
  );
  must(
    await economy.submitInputs(
      poolId,
      'bench:tasks',
      instances.map((id) => ({
        kind: 'tasks',
        period,
        record: {
          id,
          templateId: template.templateId,
          projectId: template.projectId,
          slots: 2,
          minutesPerSlot: 120,
        },
      })),
    ),
  );
  must(await economy.advance(poolId, 'bench:bidding', { period, stage: 'bidding' }));
  const adults = scenario.persons.filter((p) => p.id.startsWith('a')).slice(0, BIDDERS);
  const bidders = [];
  for (const person of adults) {
    const { accountId } = must(await auth.createAccount(`bench-${person.id}`, null));
    await authStore.grantRole(accountId, { poolId, role: 'member', subject: person.id });
    const { token } = await auth.createAccessToken(
      accountId,
      'bench',
      'write',
      86_400_000,
      OUTSIDE_REQUEST,
    );
    bidders.push({ personId: person.id, token });
  }
  const [verified] = await deps.ledger.verify([poolId as PoolId]);
  return { poolId, period, instances, bidders, journalEntries: verified!.journalEntries };
}
