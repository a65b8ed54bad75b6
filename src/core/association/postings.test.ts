// Proves that an association period posts as a balanced pass-through: contributors are debited
// their shares, service projects credited their effort, the association and its redistribution
// account net to zero, dependents' covered takings are credited back, and basic-needs postings
// carry the recorded bound exception only when the association decided so.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type AccountId, asId, type PersonId } from '../ids.ts';
import { mayUseService, standingOf } from './access.ts';
import { ASSOCIATION_CODES, type AssociationAccounts, associationPostings } from './postings.ts';
import {
  type AssociationSettings,
  computeAssociationShares,
  type PublicService,
} from './shares.ts';
import { buildAssociationTree } from './tree.ts';

const la = asId<'Association'>('la');
const ana = asId<'Person'>('ana');
const ben = asId<'Person'>('ben');
const kid = asId<'Person'>('kid');
const accounts: AssociationAccounts = {
  person: (id) => asId<'Account'>(`person:${id}`),
  project: (id) => asId<'Account'>(`project:${id}`),
  association: (id) => asId<'Account'>(`association:${id}`),
  redistribution: (id) => asId<'Account'>(`redistribution:${id}`),
};
const services: PublicService[] = [
  {
    serviceId: 'water',
    associationId: la,
    projectId: asId('waterworks'),
    effortMilli: 3_001,
    basicNeeds: true,
  },
  {
    serviceId: 'streets',
    associationId: la,
    projectId: asId('streets'),
    effortMilli: 2_000,
    basicNeeds: false,
  },
];

function run(basicNeedsInArrears: boolean) {
  const tree = buildAssociationTree([{ id: la, level: 'town' }]);
  assert.ok(tree.ok);
  const settings: AssociationSettings[] = [
    { associationId: la, allowanceByCategory: { child: 1_000 }, basicNeedsInArrears },
  ];
  const shares = computeAssociationShares({
    tree: tree.value,
    period: 7,
    residences: [ana, ben, kid].map((personId) => ({
      personId,
      associationId: la,
      validFromPeriod: 0,
    })),
    dependents: [{ personId: kid, category: 'child', validFromPeriod: 0 }],
    capacities: [],
    settings,
    services,
    dependentTakings: [{ personId: kid, takenEffortMilli: 1_500 }],
  });
  assert.ok(shares.ok);
  return associationPostings('la-7', shares.value, services, settings, accounts);
}

function balances(postings: ReturnType<typeof run>): Map<AccountId, number> {
  const out = new Map<AccountId, number>();
  for (const p of postings) {
    out.set(p.creditAccountId, (out.get(p.creditAccountId) ?? 0) + p.amount);
    out.set(p.debitAccountId, (out.get(p.debitAccountId) ?? 0) - p.amount);
  }
  return out;
}

describe('association postings', () => {
  test('balances after one period, to the mWH', () => {
    const postings = run(true);
    const b = balances(postings);
    // S + D = 3,001 + 2,000 + 1,000 = 6,001 over two contributors: 3,001 (ana) and 3,000 (ben).
    assert.equal(b.get(accounts.person(ana)), -3_001);
    assert.equal(b.get(accounts.person(ben)), -3_000);
    assert.equal(b.get(accounts.association(la)), 0);
    assert.equal(b.get(accounts.redistribution(la)), 0);
    assert.equal(b.get(accounts.project(asId('waterworks'))), 3_001);
    assert.equal(b.get(accounts.project(asId('streets'))), 2_000);
    // The child's taking of 1,500 was debited by the goods code; 1,000 of it is covered here.
    assert.equal(b.get(accounts.person(kid as PersonId)), 1_000);
    assert.equal(
      [...b.values()].reduce((x, y) => x + y, 0),
      0,
    );
    assert.deepEqual(
      postings.map((p) => p.id),
      postings.map((_, n) => `la-7.${n}`),
    );
    assert.ok(postings.every((p) => p.amount > 0 && p.unit === 'effort' && p.period === 7));
  });

  test('basic-needs shares carry the bound exception only when decided', () => {
    const withException = run(true).filter((p) => p.code === ASSOCIATION_CODES.shareBasic);
    assert.ok(withException.length > 0);
    assert.ok(withException.every((p) => p.boundException === 'basicNeeds'));
    const without = run(false).filter((p) => p.code === ASSOCIATION_CODES.shareBasic);
    assert.ok(without.every((p) => p.boundException === undefined));
    assert.ok(
      run(true)
        .filter((p) => p.code === ASSOCIATION_CODES.share)
        .every((p) => p.boundException === undefined),
    );
  });
});

describe('access in arrears', () => {
  const settings = (basicNeedsInArrears: boolean): AssociationSettings => ({
    associationId: la,
    basicNeedsInArrears,
  });
  test('standing from balance and allowance', () => {
    assert.equal(standingOf(-40_000, 40_000, false), 'ok');
    assert.equal(standingOf(-40_001, 40_000, false), 'inArrears');
    assert.equal(standingOf(-90_000, 40_000, true), 'dependent');
  });
  test('basic needs stay open in arrears only when the association decides so', () => {
    const [water, streets] = services as [PublicService, PublicService];
    assert.deepEqual(mayUseService(water, settings(true), 'inArrears'), {
      ok: true,
      value: { boundException: 'basicNeeds' },
    });
    const closed = mayUseService(water, settings(false), 'inArrears');
    assert.equal(closed.ok ? '' : closed.error.code, 'association.in_arrears');
    const optional = mayUseService(streets, settings(true), 'inArrears');
    assert.equal(optional.ok ? '' : optional.error.code, 'association.in_arrears');
    assert.deepEqual(mayUseService(streets, settings(false), 'ok'), { ok: true, value: {} });
    assert.deepEqual(mayUseService(streets, settings(false), 'dependent'), { ok: true, value: {} });
  });
});
