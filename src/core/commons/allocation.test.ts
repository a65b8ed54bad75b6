// Proves the natural-resource rules of reference §4.14: the garden-land worked example to the
// mWH, eligibility only for inhabitants and projects of pooling associations, caps from yield
// and depletion schedules, and that the flat-rate/auction switch happens exactly at the cap.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { buildAssociationTree } from '../association/tree.ts';
import { clearUnitAuction } from '../goods/unit-auction.ts';
import { type AccountId, asId, type PersonId, type ProjectId } from '../ids.ts';
import { lotteryRanks as lotteryRank } from '../random.ts';
import { sumIntegers } from '../units.ts';
import {
  allocateResource,
  type Claimant,
  type EligibilityContext,
  isEligible,
  projectResourceInputs,
  RESOURCE_CODES,
  type ResourceClaim,
  resourcePostings,
} from './allocation.ts';
import { capForPeriod, checkResource, type NaturalResource } from './resource.ts';

const valley = asId<'Association'>('valley');
const hill = asId<'Association'>('hill');
const hillTown = asId<'Association'>('hill-town');
const outside = asId<'Association'>('outside');
const region = asId<'Association'>('region');
const tree = (() => {
  const built = buildAssociationTree([
    { id: region, level: 'region' },
    { id: valley, parentId: region, level: 'town' },
    { id: hill, parentId: region, level: 'town' },
    { id: hillTown, parentId: hill, level: 'neighbourhood' },
    { id: outside, parentId: region, level: 'town' },
  ]);
  assert.ok(built.ok);
  return built.value;
})();

const person = (id: string): Claimant => ({ kind: 'person', personId: asId<'Person'>(id) });
const project = (id: string): Claimant => ({ kind: 'project', projectId: asId<'Project'>(id) });
const garden = asId<'Resource'>('garden-land');

const land: NaturalResource = {
  id: garden,
  kind: 'land',
  stewardAssociationId: valley,
  renewable: true,
  cap: { kind: 'sustainableYield', unitsPerPeriod: 10 }, // 10 ha per season
  extractionProjectId: asId<'Project'>('land-care'),
  extractionEffortMilliPerUnit: 5_000, // 5 WH per ha-season: surveying and maintenance
};

const residents = ['ind1', 'ind2', 'ind3', 'ind4', 'ind5', 'far'];
const context: EligibilityContext = {
  tree,
  residences: residents.map((id) => ({
    personId: asId<'Person'>(id),
    associationId: id === 'far' ? outside : id === 'ind5' ? hillTown : valley,
    validFromPeriod: 0,
  })),
  projectSeats: ['vegetables', 'school-garden', 'herbs'].map((id) => ({
    projectId: asId<'Project'>(id),
    associationId: id === 'herbs' ? hill : valley,
    validFromPeriod: 0,
  })),
  pooling: { poolId: asId('pool'), associationIds: [valley, hill], resourceIds: [garden] },
};

const gardenClaims: ResourceClaim[] = [
  { claimant: project('vegetables'), units: 4, premiumEffortMilliPerUnit: 6_000 },
  { claimant: project('school-garden'), units: 2, premiumEffortMilliPerUnit: 4_000 },
  { claimant: project('herbs'), units: 3, premiumEffortMilliPerUnit: 3_000 },
  { claimant: person('ind1'), units: 1, premiumEffortMilliPerUnit: 2_000 },
  { claimant: person('ind2'), units: 1, premiumEffortMilliPerUnit: 2_000 },
  { claimant: person('ind3'), units: 1, premiumEffortMilliPerUnit: 2_000 },
  { claimant: person('ind4'), units: 1, premiumEffortMilliPerUnit: 1_000 },
  { claimant: person('ind5'), units: 1, premiumEffortMilliPerUnit: 1_000 },
];

describe('reference §4.14 worked example: pooled garden land', () => {
  test('14 ha claimed for 10 ha: x* = 2 WH, Π = 20 WH, vegetables pay 28 WH', () => {
    const result = allocateResource(land, context, 1, gardenClaims, 42);
    assert.ok(result.ok);
    const a = result.value;
    assert.equal(a.mode, 'auction');
    assert.equal(a.demandUnits, 14);
    assert.equal(a.capUnits, 10);
    assert.equal(a.clearingPremiumEffortMilliPerUnit, 2_000);
    assert.equal(a.premiumTotalEffortMilli, 20_000);
    assert.equal(sumIntegers(a.awards.map((w) => w.units)), 10);
    const veg = a.awards.find(
      (w) => w.claimant.kind === 'project' && w.claimant.projectId === 'vegetables',
    )!;
    assert.equal(veg.units, 4);
    assert.equal(veg.extractionEffortMilli + veg.premiumEffortMilli, 28_000);
    // Exactly one of the three 2-WH individuals wins the last hectare, by the seeded lottery.
    const twoWh = a.awards.filter((w) => w.claimant.kind === 'person');
    assert.equal(twoWh.length, 1);
    const ranks = lotteryRank(
      [
        'person:ind1',
        'person:ind2',
        'person:ind3',
        'person:ind4',
        'person:ind5',
        'project:herbs',
        'project:school-garden',
        'project:vegetables',
      ],
      42,
    );
    const expectedWinner = ['person:ind1', 'person:ind2', 'person:ind3'].sort(
      (x, y) => ranks.get(x)! - ranks.get(y)!,
    )[0];
    assert.equal(`person:${(twoWh[0]!.claimant as { personId: string }).personId}`, expectedWinner);
    assert.equal(a.seed, 42);
  });

  test('the premium enters the projects’ effort prices and the pool’s premium account', () => {
    const result = allocateResource(land, context, 1, gardenClaims, 42);
    assert.ok(result.ok);
    assert.deepEqual(
      projectResourceInputs(result.value).map((i) => [
        i.projectId,
        i.units,
        i.extractionEffortMilli,
        i.premiumEffortMilli,
      ]),
      [
        ['herbs', 3, 15_000, 6_000],
        ['school-garden', 2, 10_000, 4_000],
        ['vegetables', 4, 20_000, 8_000],
      ],
    );
    const accounts = {
      person: (id: PersonId) => asId<'Account'>(`person:${id}`),
      project: (id: ProjectId) => asId<'Account'>(`project:${id}`),
      premium: () => asId<'Account'>('pool:premium'),
    };
    const postings = resourcePostings('land-1', land, result.value, accounts);
    const credited = (account: AccountId) =>
      sumIntegers(postings.filter((p) => p.creditAccountId === account).map((p) => p.amount));
    assert.equal(credited(accounts.premium()), 20_000);
    assert.equal(credited(accounts.project(asId('land-care'))), 50_000);
    assert.ok(
      postings.every((p) => p.code === RESOURCE_CODES.take || p.code === RESOURCE_CODES.premium),
    );
    // The steward association receives nothing: the premium goes evenly into the pool.
    assert.ok(postings.every((p) => !p.creditAccountId.includes('valley')));
  });

  test('enough for all: flat rate at extraction effort, no premium', () => {
    const result = allocateResource(land, context, 1, gardenClaims.slice(0, 3), 1);
    assert.ok(result.ok);
    assert.equal(result.value.mode, 'flatRate');
    assert.equal(result.value.premiumTotalEffortMilli, 0);
    assert.deepEqual(
      result.value.awards.map((w) => [w.units, w.extractionEffortMilli, w.premiumEffortMilli]),
      [
        [3, 15_000, 0],
        [2, 10_000, 0],
        [4, 20_000, 0],
      ],
    );
  });
});

describe('basic-needs quota (reference §4.8 equity)', () => {
  test('quota units go by lottery at the extraction price; the rest is auctioned', () => {
    const withQuota: NaturalResource = { ...land, basicNeedsQuotaUnits: 2 };
    const claims = gardenClaims.map((c) =>
      c.claimant.kind === 'person' &&
      (c.claimant.personId === 'ind4' || c.claimant.personId === 'ind5')
        ? { ...c, basicNeeds: true }
        : c,
    );
    const result = allocateResource(withQuota, context, 1, claims, 42);
    assert.ok(result.ok);
    const a = result.value;
    // ind4 and ind5 draw the 2 quota ha at 5 WH each and no premium.
    for (const id of ['ind4', 'ind5']) {
      const award = a.awards.find(
        (w) => w.claimant.kind === 'person' && w.claimant.personId === id,
      )!;
      assert.deepEqual(
        [award.units, award.quotaUnits, award.extractionEffortMilli, award.premiumEffortMilli],
        [1, 1, 5_000, 0],
      );
    }
    // 8 ha left for 6 (4 ha) + 4 (2 ha) + 3 (3 ha) + 2 (3 ha): herbs get 2 of 3, so x* = 3 WH.
    assert.equal(a.clearingPremiumEffortMilliPerUnit, 3_000);
    const herbs = a.awards.find(
      (w) => w.claimant.kind === 'project' && w.claimant.projectId === 'herbs',
    )!;
    assert.equal(herbs.units, 2);
    assert.equal(a.premiumTotalEffortMilli, 8 * 3_000);
    assert.equal(sumIntegers(a.awards.map((w) => w.units)), 10);
  });
});

describe('eligibility and caps', () => {
  test('only inhabitants and projects of pooling associations, at any level below them', () => {
    assert.ok(isEligible(context, person('ind5'), 0)); // lives in hill-town, inside hill
    assert.ok(isEligible(context, project('herbs'), 0));
    assert.ok(!isEligible(context, person('far'), 0));
    assert.ok(!isEligible(context, person('nobody'), 0));
    const result = allocateResource(
      land,
      context,
      1,
      [
        { claimant: person('far'), units: 50, premiumEffortMilliPerUnit: 9_000 },
        { claimant: person('ind1'), units: 2, premiumEffortMilliPerUnit: 0 },
      ],
      7,
    );
    assert.ok(result.ok);
    // The outsider's 50 ha do not count as demand: the rest fits, so flat rate.
    assert.equal(result.value.mode, 'flatRate');
    assert.equal(result.value.demandUnits, 2);
    assert.equal(result.value.rejected.length, 1);
  });

  test('a depletion schedule never passes the reserve', () => {
    const ore: NaturalResource = {
      ...land,
      id: asId('ore'),
      kind: 'mineral',
      renewable: false,
      cap: {
        kind: 'depletion',
        reserveUnits: 100,
        schedule: [
          { fromPeriod: 1, unitsPerPeriod: 30 },
          { fromPeriod: 5, unitsPerPeriod: 10 },
        ],
      },
    };
    assert.ok(checkResource(ore).ok);
    assert.equal(capForPeriod(ore, 0, 0), 0);
    assert.equal(capForPeriod(ore, 2, 0), 30);
    assert.equal(capForPeriod(ore, 4, 80), 20);
    assert.equal(capForPeriod(ore, 6, 0), 10);
    assert.equal(capForPeriod(ore, 6, 100), 0);
  });

  test('expected failures', () => {
    const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? '' : r.error!.code);
    assert.equal(
      code(checkResource({ ...land, renewable: false })),
      'commons.nonrenewable_needs_depletion',
    );
    assert.equal(
      code(checkResource({ ...land, cap: { kind: 'sustainableYield', unitsPerPeriod: -1 } })),
      'commons.bad_cap',
    );
    assert.equal(
      code(checkResource({ ...land, extractionEffortMilliPerUnit: -1 })),
      'commons.bad_cap',
    );
    assert.equal(code(checkResource({ ...land, basicNeedsQuotaUnits: -1 })), 'commons.bad_cap');
    assert.equal(code(checkResource({ ...land, quotaUnitsPerClaimant: 0 })), 'commons.bad_cap');
    assert.equal(
      code(
        checkResource({
          ...land,
          renewable: false,
          cap: {
            kind: 'depletion',
            reserveUnits: 5,
            schedule: [
              { fromPeriod: 2, unitsPerPeriod: 1 },
              { fromPeriod: 2, unitsPerPeriod: 1 },
            ],
          },
        }),
      ),
      'commons.bad_cap',
    );
    assert.equal(
      code(
        checkResource({
          ...land,
          renewable: false,
          cap: { kind: 'depletion', reserveUnits: -5, schedule: [] },
        }),
      ),
      'commons.bad_cap',
    );
    assert.equal(
      code(
        checkResource({
          ...land,
          renewable: false,
          cap: {
            kind: 'depletion',
            reserveUnits: 5,
            schedule: [{ fromPeriod: 2, unitsPerPeriod: 1.5 }],
          },
        }),
      ),
      'commons.bad_cap',
    );
    assert.equal(
      code(
        allocateResource(
          land,
          { ...context, pooling: { ...context.pooling, resourceIds: [] } },
          0,
          [],
          0,
        ),
      ),
      'commons.not_pooled',
    );
    assert.equal(
      code(
        allocateResource(
          land,
          { ...context, pooling: { ...context.pooling, associationIds: [hill] } },
          0,
          [],
          0,
        ),
      ),
      'commons.not_pooled',
    );
    assert.equal(
      code(allocateResource({ ...land, renewable: false }, context, 0, [], 0)),
      'commons.nonrenewable_needs_depletion',
    );
    const claim = gardenClaims[0]!;
    assert.equal(
      code(allocateResource(land, context, 0, [claim, claim], 0)),
      'commons.duplicate_claim',
    );
    assert.equal(
      code(allocateResource(land, context, 0, [{ ...claim, units: 0 }], 0)),
      'commons.bad_claim',
    );
    assert.equal(
      code(allocateResource(land, context, 0, [{ ...claim, premiumEffortMilliPerUnit: -1 }], 0)),
      'commons.bad_claim',
    );
  });
});

describe('properties', () => {
  const claimsArb = fc.uniqueArray(
    fc.record({
      who: fc.constantFrom(...residents.slice(0, 5)),
      units: fc.integer({ min: 1, max: 6 }),
      premium: fc.integer({ min: 0, max: 5 }).map((n) => n * 1_000),
      basicNeeds: fc.boolean(),
    }),
    { selector: (c) => c.who, maxLength: 5 },
  );

  test('the switch to an auction happens exactly when demand exceeds the cap', () => {
    fc.assert(
      fc.property(
        claimsArb,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer(),
        (raw, cap, quotaUnits, seed) => {
          const claims = raw.map((c) => ({
            claimant: person(c.who),
            units: c.units,
            premiumEffortMilliPerUnit: c.premium,
            basicNeeds: c.basicNeeds,
          }));
          const resource: NaturalResource = {
            ...land,
            cap: { kind: 'sustainableYield', unitsPerPeriod: cap },
            basicNeedsQuotaUnits: quotaUnits,
          };
          const result = allocateResource(resource, context, 0, claims, seed);
          assert.ok(result.ok);
          const demand = sumIntegers(claims.map((c) => c.units));
          const given = sumIntegers(result.value.awards.map((a) => a.units));
          assert.equal(result.value.mode, demand <= cap ? 'flatRate' : 'auction');
          assert.equal(given, Math.min(demand, cap));
          if (result.value.mode === 'flatRate')
            assert.equal(result.value.premiumTotalEffortMilli, 0);
          // Uniform price: every winner pays x* per auctioned unit, and no winner bid below it;
          // quota units (only under scarcity, only for basic needs, within the quota) pay none.
          const x = result.value.clearingPremiumEffortMilliPerUnit;
          const quotaGiven = sumIntegers(result.value.awards.map((a) => a.quotaUnits));
          assert.ok(
            quotaGiven <= (result.value.mode === 'auction' ? Math.min(quotaUnits, cap) : 0),
          );
          for (const award of result.value.awards) {
            assert.equal(award.premiumEffortMilli, (award.units - award.quotaUnits) * x);
            const bid = claims.find(
              (c) =>
                c.claimant.kind === 'person' &&
                award.claimant.kind === 'person' &&
                c.claimant.personId === award.claimant.personId,
            )!;
            if (award.quotaUnits > 0) assert.equal(bid.basicNeeds, true);
            if (award.units > award.quotaUnits) assert.ok(bid.premiumEffortMilliPerUnit >= x);
            // Anyone who bid strictly more than x* is fully served.
            if (bid.premiumEffortMilliPerUnit > x) assert.equal(award.units, bid.units);
          }
          assert.equal(
            result.value.premiumTotalEffortMilli,
            (given - quotaGiven) * x * (result.value.mode === 'auction' ? 1 : 0),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  test('the auction does not depend on the order of the bids', () => {
    fc.assert(
      fc.property(claimsArb, fc.integer({ min: 0, max: 20 }), fc.integer(), (raw, cap, seed) => {
        const bids = raw.map((c) => ({
          partyId: c.who,
          units: c.units,
          premiumEffortMilliPerUnit: c.premium,
        }));
        assert.deepEqual(
          clearUnitAuction(cap, bids, seed),
          clearUnitAuction(cap, [...bids].reverse(), seed),
        );
      }),
      { numRuns: 200 },
    );
  });
});
