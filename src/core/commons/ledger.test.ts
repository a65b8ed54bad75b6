// Proves that the commons' postings go through the ledger and conserve effort: a scarce
// resource's premium lands on the pool's premium account (never the steward's), land leases
// charge only within their term, and housing dues debit the residents.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildAssociationTree } from '../association/tree.ts';
import { type AccountId, asId, type PersonId, type PoolId, type ProjectId } from '../ids.ts';
import {
  type AccountKind,
  createLedger,
  createTransfers,
  getBalance,
  type LedgerState,
  openAccount,
  verifyLedger,
} from '../ledger/index.ts';
import { allocateResource, type ResourceAccounts, resourcePostings } from './allocation.ts';
import { advanceHousingPeriod, housingPostings, openHousingAccount } from './housing.ts';
import { leasePostings, leasesFromAllocation } from './land.ts';
import type { NaturalResource } from './resource.ts';

const pool = asId<'Pool'>('valley-pool') as PoolId;
const valley = asId<'Association'>('valley');
const ana = asId<'Person'>('ana');
const ben = asId<'Person'>('ben');
const veg = asId<'Project'>('vegetables');
const landCare = asId<'Project'>('land-care');

const accounts: ResourceAccounts & { housing(unitId: string): AccountId } = {
  person: (id: PersonId) => asId<'Account'>(`person.${id}`),
  project: (id: ProjectId) => asId<'Account'>(`project.${id}`),
  premium: () => asId<'Account'>('pool.premium'),
  housing: (unitId: string) => asId<'Account'>(`project.housing-${unitId}`),
};

function ledgerWithAccounts(): LedgerState {
  const ledger = createLedger();
  const open = (id: AccountId, kind: AccountKind, ownerId: string) =>
    assert.ok(
      openAccount(ledger, {
        id,
        poolId: pool,
        unit: 'effort',
        kind,
        ownerId,
        bound:
          kind === 'person' ? { kind: 'debitAllowance', allowance: 40_000 } : { kind: 'unbounded' },
      }).ok,
    );
  open(accounts.person(ana), 'person', ana);
  open(accounts.person(ben), 'person', ben);
  open(accounts.project(veg), 'project', veg);
  open(accounts.project(landCare), 'project', landCare);
  open(accounts.premium(), 'premium', pool);
  open(accounts.housing('flat-1'), 'project', 'housing-flat-1');
  return ledger;
}

const land: NaturalResource = {
  id: asId('garden-land'),
  kind: 'land',
  stewardAssociationId: valley,
  renewable: true,
  cap: { kind: 'sustainableYield', unitsPerPeriod: 5 },
  extractionProjectId: landCare,
  extractionEffortMilliPerUnit: 5_000,
};

describe('commons postings through the ledger', () => {
  test('resource auction, land lease and housing dues conserve effort', () => {
    const tree = buildAssociationTree([{ id: valley, level: 'town' }]);
    assert.ok(tree.ok);
    const allocation = allocateResource(
      land,
      {
        tree: tree.value,
        residences: [ana, ben].map((personId) => ({
          personId,
          associationId: valley,
          validFromPeriod: 0,
        })),
        projectSeats: [{ projectId: veg, associationId: valley, validFromPeriod: 0 }],
        pooling: { poolId: pool, associationIds: [valley], resourceIds: [land.id] },
      },
      1,
      [
        {
          claimant: { kind: 'project', projectId: veg },
          units: 4,
          premiumEffortMilliPerUnit: 3_000,
        },
        { claimant: { kind: 'person', personId: ana }, units: 2, premiumEffortMilliPerUnit: 1_000 },
      ],
      9,
    );
    assert.ok(allocation.ok);
    // 6 ha claimed for 5: vegetables 4 ha, Ana 1 ha, at x* = 1 WH per ha.
    assert.equal(allocation.value.clearingPremiumEffortMilliPerUnit, 1_000);
    const ledger = ledgerWithAccounts();
    assert.ok(
      createTransfers(ledger, resourcePostings('land.1', land, allocation.value, accounts)).ok,
    );
    const balance = (id: AccountId) => getBalance(ledger, id)!.postedBalance;
    assert.equal(balance(accounts.premium()), 5_000);
    assert.equal(balance(accounts.project(landCare)), 25_000);
    assert.equal(balance(accounts.project(veg)), -24_000);
    assert.equal(balance(accounts.person(ana)), -6_000);

    // The same award as a 3-period lease: charged in periods 2–4 only.
    const leases = leasesFromAllocation(allocation.value, 5_000, 2, 3);
    for (const period of [1, 2, 3, 4, 5]) {
      for (const lease of leases) {
        const postings = leasePostings(
          `lease.${period}.${lease.leaseId.replaceAll(':', '-')}`,
          lease,
          period,
          landCare,
          accounts,
        );
        if (period < 2 || period > 4) assert.equal(postings.length, 0);
        assert.ok(createTransfers(ledger, postings).ok);
      }
    }
    assert.equal(balance(accounts.premium()), 5_000 + 3 * 5_000);

    // Two residents share a flat for one month.
    const unit = {
      id: 'flat-1',
      buildEffortMilli: 1_000_000,
      lifePeriods: 100,
      expectedMaintenanceEffortMilli: 0,
      expectedOccupancyPpm: 1_000_000,
      reestimateEveryPeriods: 12,
    };
    const month = advanceHousingPeriod(unit, openHousingAccount(unit), {
      residents: [
        { personId: ana, shareWeight: 1 },
        { personId: ben, shareWeight: 1 },
      ],
      actualMaintenanceEffortMilli: 0,
    });
    assert.ok(month.ok);
    assert.ok(
      createTransfers(ledger, housingPostings('housing.1', 'flat-1', 1, month.value.dues, accounts))
        .ok,
    );
    assert.equal(balance(accounts.housing('flat-1')), 10_000);
    assert.equal(balance(accounts.person(ben)), -5_000);

    let total = 0;
    for (const id of ledger.accounts.keys()) total += balance(id);
    assert.equal(total, 0);
    assert.ok(verifyLedger(ledger).ok);
  });
});
