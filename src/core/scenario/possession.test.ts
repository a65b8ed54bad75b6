// Proves that the possession check (MODEL.md §6.8) also catches a good still possessed after
// a demanded return or a return date plus the notice, not only one idle past its limit.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DurableGood } from '../commons/index.ts';
import type { AssociationId, PersonId } from '../ids.ts';
import { checkPossession } from './possession.ts';

const held = (extra: { returnDemandedAtPeriod?: number; returnOnPeriod?: number }) =>
  new Map<string, DurableGood>([
    [
      'drill',
      {
        id: 'drill',
        stewardAssociationId: 'north' as AssociationId,
        idleLimitPeriods: 12,
        noticePeriods: 1,
        state: {
          kind: 'possessed',
          by: { kind: 'person', personId: 'ana' as PersonId },
          sincePeriod: 1,
          terms: {
            returnOnDemand: true,
            transferable: 'no',
            onSite: false,
            repairDuty: false,
            permanent: false,
            transitive: false,
            ...(extra.returnOnPeriod === undefined ? {} : { returnOnPeriod: extra.returnOnPeriod }),
          },
          lastUsedPeriod: 5,
          ...(extra.returnDemandedAtPeriod === undefined
            ? {}
            : { returnDemandedAtPeriod: extra.returnDemandedAtPeriod }),
        },
      },
    ],
  ]);

describe('possession check (§6.8): returns that are due', () => {
  test('demanded in period 3 with a notice of 1: possessed in 3 is fine, in 4 broken', () => {
    assert.equal(checkPossession(held({ returnDemandedAtPeriod: 3 }), 3), null);
    const broken = checkPossession(held({ returnDemandedAtPeriod: 3 }), 4);
    assert.equal(broken?.invariant, 'possession');
    assert.equal(broken?.code, 'scenario.possession_outlived_use');
  });
  test('due back by period 5 with a notice of 1: possessed in 5 is fine, in 6 broken', () => {
    assert.equal(checkPossession(held({ returnOnPeriod: 5 }), 5), null);
    assert.equal(checkPossession(held({ returnOnPeriod: 5 }), 6)?.invariant, 'possession');
  });
});
