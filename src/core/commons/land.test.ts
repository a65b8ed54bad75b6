// Proves land as possession by lease term (reference §4.14): dues per area-period only within
// the term, free area, and that at the term's end the land is re-auctioned or renewed by the
// association's rule, never kept by an incumbent who no longer uses it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildAssociationTree } from '../association/tree.ts';
import { asId } from '../ids.ts';
import { allocateResource, type ResourceAllocation } from './allocation.ts';
import {
  DEFAULT_LEASE_TERM_PERIODS,
  endOfTerm,
  freeLandUnits,
  isActive,
  leaseDues,
  leasesFromAllocation,
} from './land.ts';
import type { NaturalResource } from './resource.ts';

const allocation: ResourceAllocation = {
  resourceId: asId('garden-land'),
  period: 0,
  mode: 'auction',
  capUnits: 10,
  demandUnits: 14,
  clearingPremiumEffortMilliPerUnit: 2_000,
  premiumTotalEffortMilli: 20_000,
  awards: [
    {
      claimant: { kind: 'project', projectId: asId('vegetables') },
      units: 4,
      quotaUnits: 0,
      extractionEffortMilli: 20_000,
      premiumEffortMilli: 8_000,
    },
    {
      claimant: { kind: 'person', personId: asId('ind2') },
      units: 1,
      quotaUnits: 0,
      extractionEffortMilli: 5_000,
      premiumEffortMilli: 2_000,
    },
  ],
  rejected: [],
  seed: 1,
};

describe('land leases', () => {
  const leases = leasesFromAllocation(allocation, 5_000, 12);
  test('a 3-year term of monthly periods, dues per area-period', () => {
    assert.equal(DEFAULT_LEASE_TERM_PERIODS, 36);
    const veg = leases[0]!;
    assert.equal(veg.fromPeriod, 12);
    assert.equal(veg.untilPeriod, 47);
    assert.deepEqual(leaseDues(veg, 12), { priceEffortMilli: 20_000, premiumEffortMilli: 8_000 });
    assert.deepEqual(leaseDues(veg, 48), { priceEffortMilli: 0, premiumEffortMilli: 0 });
    assert.ok(!isActive(veg, 11));
    assert.equal(freeLandUnits(10, leases, 20), 5);
    assert.equal(freeLandUnits(10, leases, 48), 10);
  });

  test('at the term end: re-auction returns everything; renew keeps only land still in use', () => {
    const reauction = endOfTerm(leases, 47, 'reauction', () => true);
    assert.equal(reauction.renewed.length, 0);
    assert.equal(reauction.returned.length, 2);
    const renew = endOfTerm(leases, 47, 'renew', (lease) => lease.holder.kind === 'project');
    assert.equal(renew.renewed.length, 1);
    assert.equal(renew.renewed[0]!.fromPeriod, 48);
    assert.equal(renew.renewed[0]!.untilPeriod, 83);
    assert.equal(renew.renewed[0]!.premiumEffortMilliPerUnitPeriod, 2_000);
    assert.equal(renew.returned.length, 1);
    assert.equal(renew.returned[0]!.holder.kind, 'person');
    assert.deepEqual(
      endOfTerm(leases, 30, 'renew', () => true),
      { renewed: [], returned: [] },
    );
  });

  test('a re-auction offers only the land not under a running lease', () => {
    const tree = buildAssociationTree([{ id: asId('valley'), level: 'town' }]);
    assert.ok(tree.ok);
    const land: NaturalResource = {
      id: asId('garden-land'),
      kind: 'land',
      stewardAssociationId: asId('valley'),
      renewable: true,
      cap: { kind: 'sustainableYield', unitsPerPeriod: 10 },
      extractionProjectId: asId('land-care'),
      extractionEffortMilliPerUnit: 5_000,
    };
    const context = {
      tree: tree.value,
      residences: [
        {
          personId: asId<'Person'>('ind1'),
          associationId: asId<'Association'>('valley'),
          validFromPeriod: 0,
        },
      ],
      projectSeats: [],
      pooling: {
        poolId: asId<'Pool'>('pool'),
        associationIds: [asId<'Association'>('valley')],
        resourceIds: [land.id],
      },
    };
    // The vegetables' 4 ha are renewed; the 1 ha returned plus 5 ha never leased are free.
    const renewed = endOfTerm(
      leases,
      47,
      'renew',
      (lease) => lease.holder.kind === 'project',
    ).renewed;
    const committed = 10 - freeLandUnits(10, renewed, 48);
    assert.equal(committed, 4);
    const claim = {
      claimant: { kind: 'person' as const, personId: asId<'Person'>('ind1') },
      units: 7,
      premiumEffortMilliPerUnit: 1_000,
    };
    const result = allocateResource(land, context, 48, [claim], 3, { committedUnits: committed });
    assert.ok(result.ok);
    assert.equal(result.value.capUnits, 6);
    assert.equal(result.value.mode, 'auction');
    assert.equal(result.value.awards[0]!.units, 6);
    // A single bidder who cannot be fully served sets the clearing premium with their own bid.
    assert.equal(result.value.clearingPremiumEffortMilliPerUnit, 1_000);
  });
});
