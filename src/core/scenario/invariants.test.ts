// Proves that each per-period invariant check of the runner fires on a broken state and names
// the invariant: conservation, bounds, pool identity, idempotent replay, possession.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AccountId, AssociationId, PersonId, PoolId, ProjectId, TransferId } from '../ids.ts';
import { createLedger, createTransfers, openAccount } from '../ledger/index.ts';
import { accountKinds, conventionalChart } from '../pool/index.ts';
import {
  checkBounds,
  checkConservation,
  checkPeriodIdentity,
  checkReplay,
  ledgerBalances,
} from './invariants.ts';
import { checkPossession } from './possession.ts';

const chart = conventionalChart('p' as PoolId, ['ana' as PersonId], ['farm' as ProjectId]);
const kinds = accountKinds(chart);
const ana = 'p.person.ana' as AccountId;
const farm = 'p.project.farm' as AccountId;

function ledgerWithCredit() {
  const ledger = createLedger();
  for (const [id, kind] of kinds) {
    const opened = openAccount(ledger, {
      id,
      poolId: chart.poolId,
      unit: 'effort',
      kind,
      ownerId: id,
      bound: { kind: 'unbounded' },
    });
    assert.ok(opened.ok);
  }
  const credit = {
    id: 't1' as TransferId,
    debitAccountId: farm,
    creditAccountId: ana,
    amount: 2500,
    unit: 'effort' as const,
    code: 'work.credit',
  };
  assert.ok(createTransfers(ledger, [credit]).ok);
  return { ledger, credit };
}

describe('possession check (§6.8)', () => {
  const good = (lastUsedPeriod: number, idleFlaggedAtPeriod?: number) =>
    new Map([
      [
        'drill',
        {
          id: 'drill',
          stewardAssociationId: 'north' as AssociationId,
          idleLimitPeriods: 2,
          noticePeriods: 1,
          state: {
            kind: 'possessed' as const,
            by: { kind: 'person' as const, personId: 'ana' as PersonId },
            sincePeriod: 1,
            terms: {
              returnOnDemand: true,
              transferable: 'no' as const,
              onSite: false,
              repairDuty: false,
              permanent: false,
              transitive: false,
            },
            lastUsedPeriod,
            ...(idleFlaggedAtPeriod === undefined ? {} : { idleFlaggedAtPeriod }),
          },
        },
      ],
    ]);

  test('idle past the limit and not flagged, or past limit + notice: broken', () => {
    assert.equal(checkPossession(good(1), 4)?.invariant, 'possession');
    assert.equal(checkPossession(good(1, 4), 5)?.invariant, 'possession');
    assert.equal(checkPossession(good(1, 4), 4), null);
    assert.equal(checkPossession(good(2), 4), null);
  });
});

describe('invariant checks', () => {
  test('conservation: balances that do not sum to zero', () => {
    assert.equal(checkConservation(new Map([[ana, 5]]), 3)?.invariant, 'ledgerConservation');
    assert.equal(
      checkConservation(
        new Map([
          [ana, 5],
          [farm, -5],
        ]),
        3,
      ),
      null,
    );
  });

  test('bounds: below the allowance without a recorded exception', () => {
    const { ledger } = ledgerWithCredit();
    const opening = new Map([[ana, 0]]);
    const stop = checkBounds(ledger, chart, opening, new Map([[ana, -40_001]]), 40_000, [], 2);
    assert.deepEqual([stop?.invariant, stop?.code], ['bounds', 'scenario.below_allowance']);
    assert.equal(
      checkBounds(ledger, chart, opening, new Map([[ana, -40_000]]), 40_000, [], 2),
      null,
    );
  });

  test('bounds: a debt from before the period is no breach of a lowered allowance', () => {
    const { ledger } = ledgerWithCredit();
    const below = new Map([[ana, -50_000]]);
    assert.equal(checkBounds(ledger, chart, below, below, 40_000, [], 3), null);
    const lower = new Map([[ana, -50_001]]);
    const stop = checkBounds(ledger, chart, below, lower, 40_000, [], 3);
    assert.equal(stop?.code, 'scenario.below_allowance');
  });

  test('pool identity: a project whose books differ from its declaration', () => {
    const { ledger } = ledgerWithCredit();
    const closing = ledgerBalances(ledger, kinds);
    const stop = checkPeriodIdentity(chart, kinds, new Map(), closing, new Map(), 1);
    assert.equal(stop?.invariant, 'poolIdentity');
    assert.match(stop!.detail, /farm: books 2500, declared 0/);
    const declared = new Map([['farm' as ProjectId, 2500]]);
    assert.equal(checkPeriodIdentity(chart, kinds, new Map(), closing, declared, 1), null);
  });

  test('replay: the same ids are duplicates; the same id with other content is refused', () => {
    const { ledger, credit } = ledgerWithCredit();
    const balances = ledgerBalances(ledger, kinds);
    assert.equal(checkReplay(ledger, [credit], balances, kinds, 1), null);
    const stop = checkReplay(ledger, [{ ...credit, amount: 9 }], balances, kinds, 1);
    assert.equal(stop?.invariant, 'idempotentReplay');
  });
});
