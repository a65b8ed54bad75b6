// Proves the association tree of reference §4.12: it rejects duplicates, unknown parents and
// cycles, derives every higher level from the residence at the lowest, and respects validity.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { asId } from '../ids.ts';
import {
  capacityOf,
  categoryByAge,
  contributorsOf,
  DEFAULT_DEPENDENT_RULES,
  declareSickness,
  dependentsIn,
  directContributors,
  directContributorsByAssociation,
  FULL_CAPACITY_MILLI,
} from './members.ts';
import {
  buildAssociationTree,
  checkResidences,
  inhabitantsOf,
  levelsOf,
  liesWithin,
  lowestCoveringAssociation,
  residenceOf,
  subtreeOf,
} from './tree.ts';

const region = asId<'Association'>('region');
const town = asId<'Association'>('town');
const hood = asId<'Association'>('hood');
const other = asId<'Association'>('other');
const ana = asId<'Person'>('ana');
const ben = asId<'Person'>('ben');

function tree() {
  const built = buildAssociationTree([
    { id: hood, parentId: town, level: 'neighbourhood' },
    { id: town, parentId: region, level: 'town' },
    { id: region, level: 'region' },
    { id: other, parentId: region, level: 'town' },
  ]);
  assert.ok(built.ok);
  return built.value;
}

describe('association tree', () => {
  test('levels are derived upwards, lowest first', () => {
    const t = tree();
    assert.deepEqual(levelsOf(t, hood), [hood, town, region]);
    assert.ok(liesWithin(t, hood, region));
    assert.ok(!liesWithin(t, hood, other));
    assert.deepEqual(subtreeOf(t, region), [region, other, town, hood]);
  });

  test('rejects duplicates, unknown parents and cycles', () => {
    const codes = [
      buildAssociationTree([
        { id: town, level: 't' },
        { id: town, level: 't' },
      ]),
      buildAssociationTree([{ id: town, parentId: region, level: 't' }]),
      buildAssociationTree([
        { id: town, parentId: hood, level: 't' },
        { id: hood, parentId: town, level: 'n' },
      ]),
    ].map((r) => (r.ok ? '' : r.error.code));
    assert.deepEqual(codes, [
      'association.duplicate_id',
      'association.unknown_parent',
      'association.cycle',
    ]);
  });

  test('inhabitants by residence and validity; moving town changes the levels', () => {
    const t = tree();
    const residences = [
      { personId: ana, associationId: hood, validFromPeriod: 0, validUntilPeriod: 5 },
      { personId: ana, associationId: other, validFromPeriod: 6 },
      { personId: ben, associationId: town, validFromPeriod: 3 },
    ];
    assert.ok(checkResidences(t, residences).ok);
    assert.deepEqual(inhabitantsOf(t, residences, town, 4), [ana, ben]);
    assert.deepEqual(inhabitantsOf(t, residences, town, 6), [ben]);
    assert.deepEqual(inhabitantsOf(t, residences, region, 6), [ana, ben]);
    assert.deepEqual(inhabitantsOf(t, residences, hood, 2), [ana]);
    assert.equal(residenceOf(residences, ben, 2), undefined);
    assert.equal(residenceOf(residences, ana, 6), other);
    const unknown = checkResidences(t, [
      { personId: ana, associationId: asId('nowhere'), validFromPeriod: 0 },
    ]);
    assert.equal(unknown.ok ? '' : unknown.error.code, 'association.unknown');
  });

  test('contributors exclude dependents and carry their capacity in the period', () => {
    const t = tree();
    const residences = [
      { personId: ana, associationId: hood, validFromPeriod: 0 },
      { personId: ben, associationId: town, validFromPeriod: 0 },
    ];
    const capacities = [
      { personId: ana, capacityMilli: 500, validFromPeriod: 2, validUntilPeriod: 3 },
    ];
    const dependents = [{ personId: ben, category: 'elderly' as const, validFromPeriod: 5 }];
    assert.equal(capacityOf(capacities, ana, 1), FULL_CAPACITY_MILLI);
    assert.equal(capacityOf(capacities, ana, 2), 500);
    assert.deepEqual(contributorsOf(t, residences, dependents, capacities, region, 2), [
      { personId: ana, capacityMilli: 500 },
      { personId: ben, capacityMilli: 1000 },
    ]);
    // Living directly in the town (not a neighbourhood): only Ben; Ana lives in the hood.
    assert.deepEqual(directContributors(residences, dependents, capacities, town, 2), [
      { personId: ben, capacityMilli: 1000 },
    ]);
    assert.deepEqual(directContributors(residences, dependents, capacities, town, 5), []);
    assert.deepEqual(
      directContributors([...residences, ...residences], dependents, capacities, hood, 2),
      [{ personId: ana, capacityMilli: 500 }],
    );
    assert.deepEqual(contributorsOf(t, residences, dependents, capacities, region, 5), [
      { personId: ana, capacityMilli: 1000 },
    ]);
    // All associations at once: the same lists, and none for an association nobody lives in.
    const all = directContributorsByAssociation(
      residences,
      dependentsIn(dependents, 2),
      capacities,
      2,
    );
    assert.deepEqual(
      [...all].sort(([a], [b]) => a.localeCompare(b)),
      [
        [hood, [{ personId: ana, capacityMilli: 500 }]],
        [town, [{ personId: ben, capacityMilli: 1000 }]],
      ],
    );
    assert.deepEqual(
      [...directContributorsByAssociation(residences, dependentsIn(dependents, 5), capacities, 5)],
      [[hood, [{ personId: ana, capacityMilli: 1000 }]]],
    );
  });

  test("a period's dependents: the first status listed that is valid then, per person", () => {
    const sick = {
      personId: ana,
      category: 'sick' as const,
      validFromPeriod: 2,
      validUntilPeriod: 3,
    };
    const child = { personId: ana, category: 'child' as const, validFromPeriod: 0 };
    const elderly = { personId: ben, category: 'elderly' as const, validFromPeriod: 5 };
    const dependents = [sick, child, elderly];
    assert.deepEqual([...dependentsIn(dependents, 1)], [[ana, child]]);
    assert.deepEqual([...dependentsIn(dependents, 2)], [[ana, sick]]);
    assert.deepEqual(
      [...dependentsIn(dependents, 5)],
      [
        [ana, child],
        [ben, elderly],
      ],
    );
    assert.equal(dependentsIn([], 1).size, 0);
  });

  test('subsidiarity: a service attaches to the lowest level covering all its users', () => {
    const t = tree();
    assert.equal(lowestCoveringAssociation(t, [hood]), hood);
    assert.equal(lowestCoveringAssociation(t, [hood, town]), town);
    assert.equal(lowestCoveringAssociation(t, [hood, other]), region);
    assert.equal(lowestCoveringAssociation(t, []), undefined);
  });

  test('default dependent rules: under 16, over 67, sickness self-declared for a limit', () => {
    assert.equal(categoryByAge(15), 'child');
    assert.equal(categoryByAge(16), undefined);
    assert.equal(categoryByAge(67), undefined);
    assert.equal(categoryByAge(68), 'elderly');
    assert.deepEqual(declareSickness(ana, 10), {
      personId: ana,
      category: 'sick',
      validFromPeriod: 10,
      validUntilPeriod: 10 + DEFAULT_DEPENDENT_RULES.sicknessLimitPeriods - 1,
    });
  });
});
