// Proves the association shares of reference §4.11 and §4.12: the worked example to the mWH,
// capacity factors, dependents' coverage, and that shares sum exactly to services +
// redistribution at every level of any tree.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type AssociationId, asId, type PersonId, type ProjectId } from '../ids.ts';
import { splitLargestRemainder, sumIntegers } from '../units.ts';
import type { CapacityFactor, DependentStatus } from './members.ts';
import {
  type AssociationSettings,
  computeAssociationShares,
  type DependentTaking,
  type PublicService,
} from './shares.ts';
import { type AssociationNode, buildAssociationTree, type Residence } from './tree.ts';

const la = asId<'Association'>('la');
const person = (n: number): PersonId => asId<'Person'>(`p${String(n).padStart(4, '0')}`);
const project = (name: string): ProjectId => asId<'Project'>(name);

function treeOf(nodes: AssociationNode[]) {
  const built = buildAssociationTree(nodes);
  assert.ok(built.ok);
  return built.value;
}

function service(
  serviceId: string,
  wh: number,
  basicNeeds = false,
  associationId: AssociationId = la,
): PublicService {
  return {
    serviceId,
    associationId,
    projectId: project(serviceId),
    effortMilli: wh * 1000,
    basicNeeds,
  };
}

/** The LA of the worked example: 700 contributors p0000–p0699, 300 dependents p0700–p0999. */
function workedExample(capacities: CapacityFactor[] = [], basicNeeds = false) {
  const residences: Residence[] = [];
  const dependents: DependentStatus[] = [];
  const takings: DependentTaking[] = [];
  for (let n = 0; n < 1000; n += 1) {
    residences.push({ personId: person(n), associationId: la, validFromPeriod: 0 });
    if (n >= 700) {
      const category = n < 900 ? 'child' : n < 970 ? 'elderly' : 'sick';
      dependents.push({ personId: person(n), category, validFromPeriod: 0 });
      takings.push({ personId: person(n), takenEffortMilli: 22_500 }); // 90 % of 25 WH
    }
  }
  const settings: AssociationSettings[] = [
    {
      associationId: la,
      allowanceByCategory: { child: 25_000, elderly: 25_000, sick: 25_000 },
      basicNeedsInArrears: true,
    },
  ];
  const services = [
    service('water', 800, basicNeeds),
    service('streets', 1200),
    service('clinic', 3000, basicNeeds),
    service('eldercare', 2000),
  ];
  return computeAssociationShares({
    tree: treeOf([{ id: la, level: 'town' }]),
    period: 1,
    residences,
    dependents,
    capacities,
    settings,
    services,
    dependentTakings: takings,
  });
}

function countBy(values: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const value of values) out.set(value, (out.get(value) ?? 0) + 1);
  return out;
}

describe('reference §4.11 worked example', () => {
  test('S = 7,000 WH, D = 6,750 WH, share ≈ 19.6 WH to the mWH', () => {
    const result = workedExample();
    assert.ok(result.ok);
    const { budgets, shares, coverage } = result.value;
    assert.equal(budgets.length, 1);
    assert.equal(budgets[0]!.servicesEffortMilli, 7_000_000);
    assert.equal(budgets[0]!.redistributionEffortMilli, 6_750_000);
    assert.equal(budgets[0]!.capacitySumMilli, 700_000);
    assert.equal(coverage.length, 300);
    assert.ok(coverage.every((c) => c.coveredEffortMilli === 22_500 && c.excessEffortMilli === 0));
    assert.equal(shares.length, 700);
    // 13,750,000 mWH / 700 = 19,642.857…: 600 parts round up, ties go to the smaller ids.
    assert.deepEqual(
      countBy(shares.map((s) => s.totalEffortMilli)),
      new Map([
        [19_643, 600],
        [19_642, 100],
      ]),
    );
    assert.equal(shares[599]!.totalEffortMilli, 19_643);
    assert.equal(shares[600]!.totalEffortMilli, 19_642);
    assert.equal(sumIntegers(shares.map((s) => s.totalEffortMilli)), 13_750_000);
  });

  test('the redistribution surcharge is ≈ 9.6 WH of each share', () => {
    const result = workedExample([], true);
    assert.ok(result.ok);
    const budget = result.value.budgets[0]!;
    // Basic pot: water 800 + clinic 3,000 + redistribution 6,750 WH; the rest is streets + care.
    assert.equal(budget.basicEffortMilli, 10_550_000);
    assert.equal(budget.otherEffortMilli, 3_200_000);
    const basics = result.value.shares.map((s) => s.levels[0]!.basicEffortMilli);
    assert.equal(sumIntegers(basics), 10_550_000);
    // Surcharge alone: 6,750,000 / 700 = 9,642.857 mWH ≈ 9.6 WH.
    assert.equal(Math.round(6_750_000 / 700), 9_643);
    const totals = result.value.shares.map((s) => s.totalEffortMilli);
    assert.equal(sumIntegers(totals), 13_750_000);
    // Dividing each share into basic and other parts leaves the share itself unchanged.
    assert.deepEqual(
      countBy(totals),
      new Map([
        [19_643, 600],
        [19_642, 100],
      ]),
    );
    const others = result.value.shares.map((s) => s.levels[0]!.otherEffortMilli);
    assert.equal(sumIntegers(others), 3_200_000);
    assert.ok(others.every((o) => o >= 0));
  });

  test('100 half-capacity contributors: ≈ 21.2 WH full and ≈ 10.6 WH half', () => {
    const capacities: CapacityFactor[] = [];
    for (let n = 600; n < 700; n += 1) {
      capacities.push({ personId: person(n), capacityMilli: 500, validFromPeriod: 0 });
    }
    const result = workedExample(capacities);
    assert.ok(result.ok);
    const { shares, budgets } = result.value;
    assert.equal(budgets[0]!.capacitySumMilli, 650_000);
    const full = shares.slice(0, 600).map((s) => s.totalEffortMilli);
    const half = shares.slice(600).map((s) => s.totalEffortMilli);
    // Exact shares 21,153.846 and 10,576.923: the half shares have the larger remainders.
    assert.deepEqual(countBy(half), new Map([[10_577, 100]]));
    assert.deepEqual(
      countBy(full),
      new Map([
        [21_154, 500],
        [21_153, 100],
      ]),
    );
    assert.equal(sumIntegers([...full, ...half]), 13_750_000);
  });

  test('takings above the allowance stay with the dependent', () => {
    const result = computeAssociationShares({
      tree: treeOf([{ id: la, level: 'town' }]),
      period: 3,
      residences: [
        { personId: person(1), associationId: la, validFromPeriod: 0 },
        { personId: person(2), associationId: la, validFromPeriod: 0 },
        { personId: person(3), associationId: la, validFromPeriod: 0 },
      ],
      dependents: [
        { personId: person(2), category: 'child', validFromPeriod: 0 },
        // Sickness declared for periods 1–2 only: in period 3 this person contributes again.
        { personId: person(3), category: 'sick', validFromPeriod: 1, validUntilPeriod: 2 },
      ],
      capacities: [],
      settings: [
        { associationId: la, allowanceByCategory: { child: 25_000 }, basicNeedsInArrears: false },
      ],
      services: [],
      dependentTakings: [{ personId: person(2), takenEffortMilli: 30_000 }],
    });
    assert.ok(result.ok);
    assert.deepEqual(result.value.coverage, [
      {
        personId: person(2),
        associationId: la,
        allowanceEffortMilli: 25_000,
        coveredEffortMilli: 25_000,
        excessEffortMilli: 5_000,
      },
    ]);
    assert.deepEqual(
      result.value.shares.map((s) => [s.personId, s.totalEffortMilli]),
      [
        [person(1), 12_500],
        [person(3), 12_500],
      ],
    );
  });
});

describe('expected failures', () => {
  const base = {
    tree: treeOf([{ id: la, level: 'town' }]),
    period: 0,
    residences: [] as Residence[],
    dependents: [],
    capacities: [],
    settings: [],
    services: [] as PublicService[],
    dependentTakings: [],
  };
  test('a budget without contributors', () => {
    const result = computeAssociationShares({ ...base, services: [service('water', 1)] });
    assert.equal(result.ok ? '' : result.error.code, 'association.no_contributors');
  });
  test('capacity outside (0, 1]', () => {
    const result = computeAssociationShares({
      ...base,
      capacities: [{ personId: person(1), capacityMilli: 0, validFromPeriod: 0 }],
    });
    assert.equal(result.ok ? '' : result.error.code, 'association.capacity_out_of_range');
  });
  test('negative service effort and unknown association', () => {
    const negative = computeAssociationShares({ ...base, services: [service('water', -1)] });
    assert.equal(negative.ok ? '' : negative.error.code, 'association.negative_amount');
    const unknown = computeAssociationShares({
      ...base,
      services: [service('water', 1, false, asId('elsewhere'))],
    });
    assert.equal(unknown.ok ? '' : unknown.error.code, 'association.unknown');
    const taking = computeAssociationShares({
      ...base,
      dependentTakings: [{ personId: person(1), takenEffortMilli: -5 }],
    });
    assert.equal(taking.ok ? '' : taking.error.code, 'association.negative_amount');
  });
  test('two residences at once', () => {
    const result = computeAssociationShares({
      ...base,
      residences: [
        { personId: person(1), associationId: la, validFromPeriod: 0, validUntilPeriod: 5 },
        { personId: person(1), associationId: la, validFromPeriod: 5 },
      ],
    });
    assert.equal(result.ok ? '' : result.error.code, 'association.residence_overlap');
  });
});

// ---------------------------------------------------------------------------------------
// Nesting (§4.12).

const region = asId<'Association'>('region');
const town1 = asId<'Association'>('town1');
const town2 = asId<'Association'>('town2');
const hood1 = asId<'Association'>('hood1');
const hood2 = asId<'Association'>('hood2');
const nested = treeOf([
  { id: region, level: 'region' },
  { id: town1, parentId: region, level: 'town' },
  { id: town2, parentId: region, level: 'town' },
  { id: hood1, parentId: town1, level: 'neighbourhood' },
  { id: hood2, parentId: town1, level: 'neighbourhood' },
]);
const leaves = [hood1, hood2, town2] as const;

describe('nested associations (§4.12)', () => {
  test('a regional budget goes down by Σc, then to the persons; a share sums its levels', () => {
    // hood1: 2 people, hood2: 1 person (half capacity), town2: 1 person. Σc: town1 2.5, town2 1.
    const residences: Residence[] = [
      { personId: person(1), associationId: hood1, validFromPeriod: 0 },
      { personId: person(2), associationId: hood1, validFromPeriod: 0 },
      { personId: person(3), associationId: hood2, validFromPeriod: 0 },
      { personId: person(4), associationId: town2, validFromPeriod: 0 },
    ];
    const result = computeAssociationShares({
      tree: nested,
      period: 0,
      residences,
      dependents: [],
      capacities: [{ personId: person(3), capacityMilli: 500, validFromPeriod: 0 }],
      settings: [],
      services: [
        service('rail', 7, false, region),
        service('school', 5, false, town1),
        service('park', 1, false, hood1),
      ],
      dependentTakings: [],
    });
    assert.ok(result.ok);
    const byPerson = new Map(result.value.shares.map((s) => [s.personId, s]));
    // Region 7,000 → town1 5,000 (2.5/3.5), town2 2,000; town1 5,000 → hood1 4,000, hood2 1,000.
    assert.deepEqual(
      byPerson.get(person(1))!.levels.map((l) => [l.associationId, l.otherEffortMilli]),
      [
        [hood1, 500],
        [town1, 2_000],
        [region, 2_000],
      ],
    );
    assert.equal(byPerson.get(person(1))!.totalEffortMilli, 4_500);
    assert.equal(byPerson.get(person(2))!.totalEffortMilli, 4_500);
    assert.equal(byPerson.get(person(3))!.totalEffortMilli, 2_000);
    assert.equal(byPerson.get(person(4))!.totalEffortMilli, 2_000);
  });

  test('a dependent is covered by the lowest level that sets an allowance for the category', () => {
    const result = computeAssociationShares({
      tree: nested,
      period: 0,
      residences: [
        { personId: person(1), associationId: hood1, validFromPeriod: 0 },
        { personId: person(2), associationId: hood1, validFromPeriod: 0 },
        { personId: person(3), associationId: town2, validFromPeriod: 0 },
      ],
      dependents: [
        { personId: person(2), category: 'elderly', validFromPeriod: 0 },
        { personId: person(3), category: 'other', validFromPeriod: 0 },
      ],
      capacities: [],
      settings: [
        {
          associationId: region,
          allowanceByCategory: { elderly: 10_000 },
          basicNeedsInArrears: true,
        },
        {
          associationId: town1,
          allowanceByCategory: { elderly: 20_000 },
          basicNeedsInArrears: true,
        },
      ],
      services: [],
      dependentTakings: [
        { personId: person(2), takenEffortMilli: 15_000 },
        { personId: person(3), takenEffortMilli: 15_000 },
      ],
    });
    assert.ok(result.ok);
    assert.equal(result.value.coverage.length, 1);
    assert.equal(result.value.coverage[0]!.associationId, town1);
    assert.equal(result.value.coverage[0]!.coveredEffortMilli, 15_000);
    assert.deepEqual(result.value.uncoveredDependents, [person(3)]);
    assert.deepEqual(
      result.value.shares.map((s) => [s.personId, s.totalEffortMilli]),
      [[person(1), 15_000]],
    );
  });

  const scenario = fc.record({
    people: fc.array(
      fc.record({
        home: fc.constantFrom(...leaves, town1, region),
        capacityMilli: fc.integer({ min: 1, max: 1000 }),
        dependent: fc.boolean(),
        takenEffortMilli: fc.integer({ min: 0, max: 50_000 }),
      }),
      { minLength: 1, maxLength: 25 },
    ),
    services: fc.array(
      fc.record({
        at: fc.constantFrom(region, town1, town2, hood1, hood2),
        effortMilli: fc.integer({ min: 0, max: 10_000_000 }),
        basicNeeds: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
  });

  test('property: shares sum exactly to services + redistribution, per level and in total', () => {
    fc.assert(
      fc.property(scenario, ({ people, services }) => {
        const residences = people.map((p, n) => ({
          personId: person(n),
          associationId: p.home,
          validFromPeriod: 0,
        }));
        const dependents: DependentStatus[] = people.flatMap((p, n) =>
          p.dependent
            ? [{ personId: person(n), category: 'child' as const, validFromPeriod: 0 }]
            : [],
        );
        const contributors = people.filter((p) => !p.dependent).length;
        const result = computeAssociationShares({
          tree: nested,
          period: 0,
          residences,
          dependents,
          capacities: people.map((p, n) => ({
            personId: person(n),
            capacityMilli: p.capacityMilli,
            validFromPeriod: 0,
          })),
          settings: [
            {
              associationId: region,
              allowanceByCategory: { child: 25_000 },
              basicNeedsInArrears: true,
            },
          ],
          services: services.map((s, n) => ({
            ...service(`s${n}`, 0, s.basicNeeds, s.at),
            effortMilli: s.effortMilli,
          })),
          dependentTakings: people.map((p, n) => ({
            personId: person(n),
            takenEffortMilli: p.takenEffortMilli,
          })),
        });
        if (!result.ok) {
          // Only possible when some budget has nobody to carry it.
          assert.equal(result.error.code, 'association.no_contributors');
          return;
        }
        const { budgets, shares } = result.value;
        assert.ok(
          contributors > 0 || budgets.every((b) => b.basicEffortMilli + b.otherEffortMilli === 0),
        );
        for (const budget of budgets) {
          const basic = shares.flatMap((s) =>
            s.levels.filter((l) => l.associationId === budget.associationId),
          );
          assert.equal(sumIntegers(basic.map((l) => l.basicEffortMilli)), budget.basicEffortMilli);
          assert.equal(sumIntegers(basic.map((l) => l.otherEffortMilli)), budget.otherEffortMilli);
          assert.equal(
            budget.basicEffortMilli + budget.otherEffortMilli,
            budget.servicesEffortMilli + budget.redistributionEffortMilli,
          );
        }
        for (const share of shares) {
          assert.equal(
            share.totalEffortMilli,
            sumIntegers(share.levels.map((l) => l.basicEffortMilli + l.otherEffortMilli)),
          );
          assert.ok(share.levels.every((l) => l.basicEffortMilli >= 0 && l.otherEffortMilli >= 0));
        }
        const total = sumIntegers(
          budgets.map((b) => b.servicesEffortMilli + b.redistributionEffortMilli),
        );
        assert.equal(sumIntegers(shares.map((s) => s.totalEffortMilli)), total);
      }),
      { numRuns: 200 },
    );
  });

  test('property: results do not depend on the order of the inputs', () => {
    fc.assert(
      fc.property(scenario, fc.integer(), ({ people, services }, shuffleSeed) => {
        const input = {
          tree: nested,
          period: 0,
          residences: people.map((p, n) => ({
            personId: person(n),
            associationId: p.home,
            validFromPeriod: 0,
          })),
          dependents: people.flatMap((p, n) =>
            p.dependent
              ? [{ personId: person(n), category: 'elderly' as const, validFromPeriod: 0 }]
              : [],
          ),
          capacities: people.map((p, n) => ({
            personId: person(n),
            capacityMilli: p.capacityMilli,
            validFromPeriod: 0,
          })),
          settings: [
            {
              associationId: town1,
              allowanceByCategory: { elderly: 20_000 },
              basicNeedsInArrears: true,
            },
          ],
          services: services.map((s, n) => ({
            ...service(`s${n}`, 0, s.basicNeeds, s.at),
            effortMilli: s.effortMilli,
          })),
          dependentTakings: people.map((p, n) => ({
            personId: person(n),
            takenEffortMilli: p.takenEffortMilli,
          })),
        };
        const shuffle = <T>(items: readonly T[]): T[] => {
          const out = [...items];
          let state = shuffleSeed >>> 0;
          for (let i = out.length - 1; i > 0; i -= 1) {
            state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
            const j = state % (i + 1);
            [out[i], out[j]] = [out[j]!, out[i]!];
          }
          return out;
        };
        const shuffled = {
          ...input,
          residences: shuffle(input.residences),
          dependents: shuffle(input.dependents),
          capacities: shuffle(input.capacities),
          services: shuffle(input.services),
          dependentTakings: shuffle(input.dependentTakings),
        };
        assert.deepEqual(computeAssociationShares(shuffled), computeAssociationShares(input));
      }),
      { numRuns: 100 },
    );
  });

  test('property: one level is exactly the capacity-weighted largest-remainder split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        (capacitiesMilli, effortMilli) => {
          const residences = capacitiesMilli.map((_, n) => ({
            personId: person(n),
            associationId: la,
            validFromPeriod: 0,
          }));
          const capacities = capacitiesMilli.map((c, n) => ({
            personId: person(n),
            capacityMilli: c,
            validFromPeriod: 0,
          }));
          const result = computeAssociationShares({
            tree: treeOf([{ id: la, level: 'town' }]),
            period: 0,
            residences: [...residences].reverse(),
            dependents: [],
            capacities,
            settings: [],
            services: [{ ...service('water', 0), effortMilli }],
            dependentTakings: [],
          });
          assert.ok(result.ok);
          const expected = splitLargestRemainder(
            effortMilli,
            capacitiesMilli.map((c, n) => ({ id: person(n), weight: c })),
          ).filter((p) => p.amount > 0);
          assert.deepEqual(
            result.value.shares.map((s) => ({ id: s.personId, amount: s.totalEffortMilli })),
            expected,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
