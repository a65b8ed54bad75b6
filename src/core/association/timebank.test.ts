// Proves M15 and reference §6.2 B1/B2 through the ledger: in one mutual-aid pool (time bank,
// food coop, care coop, local association) an hour given at the time bank is usable at all the
// others, services debit the beneficiary, a flat pool credits every hour at 1.000, and the
// association's period posts with basic needs past the allowance — all conserving effort.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type AccountId, asId, type PersonId, type PoolId, type ProjectId } from '../ids.ts';
import {
  type AccountBound,
  type AccountKind,
  createLedger,
  createTransfers,
  getBalance,
  getTransfer,
  type LedgerState,
  openAccount,
  SERVICE_CODE,
  type TransferRequest,
  verifyLedger,
} from '../ledger/index.ts';
import { minutes, weightMilli } from '../units.ts';
import { associationPostings } from './postings.ts';
import { computeAssociationShares } from './shares.ts';
import { effectiveWeight, servicePosting, WORK_SERVICE_CODE } from './timebank.ts';
import { buildAssociationTree } from './tree.ts';

const pool = asId<'Pool'>('mutual-aid') as PoolId;
const ana = asId<'Person'>('ana');
const ben = asId<'Person'>('ben');
const cem = asId<'Person'>('cem');
const dia = asId<'Person'>('dia');
const la = asId<'Association'>('east-side');
const foodcoop = asId<'Project'>('food-coop');
const carecoop = asId<'Project'>('care-coop');
const water = asId<'Project'>('waterworks');

const accounts = {
  person: (id: PersonId) => asId<'Account'>(`person.${id}`),
  project: (id: ProjectId) => asId<'Account'>(`project.${id}`),
  association: (id: string) => asId<'Account'>(`association.${id}`),
  redistribution: (id: string) => asId<'Account'>(`redistribution.${id}`),
};

function open(
  ledger: LedgerState,
  id: AccountId,
  kind: AccountKind,
  ownerId: string,
  bound: AccountBound,
) {
  const result = openAccount(ledger, { id, poolId: pool, unit: 'effort', kind, ownerId, bound });
  assert.ok(result.ok);
}

function network(): LedgerState {
  const ledger = createLedger();
  // Ana starts with no debit allowance, so she can only take what she has given.
  open(ledger, accounts.person(ana), 'person', ana, { kind: 'debitAllowance', allowance: 0 });
  for (const p of [ben, cem, dia]) {
    open(ledger, accounts.person(p), 'person', p, { kind: 'debitAllowance', allowance: 40_000 });
  }
  for (const p of [foodcoop, carecoop, water]) {
    open(ledger, accounts.project(p), 'project', p, { kind: 'unbounded' });
  }
  open(ledger, accounts.association(la), 'association', la, { kind: 'unbounded' });
  open(ledger, accounts.redistribution(la), 'redistribution', la, { kind: 'unbounded' });
  return ledger;
}

function post(ledger: LedgerState, requests: TransferRequest[]) {
  return createTransfers(ledger, requests);
}

function transfer(
  id: string,
  debit: AccountId,
  credit: AccountId,
  amount: number,
  code: string,
): TransferRequest {
  return {
    id: asId<'Transfer'>(id),
    debitAccountId: debit,
    creditAccountId: credit,
    amount,
    unit: 'effort',
    code,
    period: 1,
  };
}

const balance = (ledger: LedgerState, id: AccountId) => getBalance(ledger, id)!.postedBalance;

describe('a mutual aid network in one pool', () => {
  test('an hour given at the time bank is usable at the food coop and the care coop', () => {
    const ledger = network();
    const takeFood = transfer(
      'food.ana.1',
      accounts.person(ana),
      accounts.project(foodcoop),
      1_500,
      'share.flatRate',
    );
    const refused = post(ledger, [takeFood]);
    assert.equal(refused.ok ? '' : refused.error.code, 'ledger.bound_exceeded');

    // Ana helps Ben in his garden for 2 hours; Ben confirms. Flat weighting: 2 WH.
    const service = servicePosting(
      {
        recordId: 'tb-1',
        giver: ana,
        beneficiary: ben,
        durationMinutes: minutes(120),
        confirmedBy: ben,
        period: 1,
      },
      'flat',
      effectiveWeight('flat', weightMilli(1_800)),
      accounts,
    );
    assert.ok(service.ok);
    assert.equal(service.value.code, SERVICE_CODE);
    assert.equal(WORK_SERVICE_CODE, SERVICE_CODE);
    assert.ok(post(ledger, [service.value]).ok);
    assert.equal(balance(ledger, accounts.person(ana)), 2_000);
    assert.equal(balance(ledger, accounts.person(ben)), -2_000);

    // The same account now pays the food coop's flat-rate share and half an hour of care.
    const careWork = transfer(
      'care.cem.1',
      accounts.project(carecoop),
      accounts.person(cem),
      1_000,
      'work.credit',
    );
    const takeCare = transfer(
      'care.ana.1',
      accounts.person(ana),
      accounts.project(carecoop),
      500,
      'take.service',
    );
    assert.ok(post(ledger, [takeFood, careWork, takeCare]).ok);
    assert.equal(balance(ledger, accounts.person(ana)), 0);
    assert.equal(balance(ledger, accounts.person(cem)), 1_000);

    // Credits are not transferable: Ana cannot hand effort to Cem except as a service.
    const gift = post(ledger, [
      transfer('gift.1', accounts.person(cem), accounts.person(ben), 100, 'gift'),
    ]);
    assert.equal(gift.ok ? '' : gift.error.code, 'ledger.person_to_person');

    // The local association's period: water is a basic need the association keeps open in
    // arrears; Dia is a child whose food is covered by redistribution.
    assert.ok(
      post(ledger, [
        transfer(
          'food.dia.1',
          accounts.person(dia),
          accounts.project(foodcoop),
          1_000,
          'take.goods',
        ),
      ]).ok,
    );
    const tree = buildAssociationTree([{ id: la, level: 'neighbourhood' }]);
    assert.ok(tree.ok);
    const settings = [
      { associationId: la, allowanceByCategory: { child: 25_000 }, basicNeedsInArrears: true },
    ];
    const services = [
      {
        serviceId: 'water',
        associationId: la,
        projectId: water,
        effortMilli: 3_000,
        basicNeeds: true,
      },
    ];
    const shares = computeAssociationShares({
      tree: tree.value,
      period: 1,
      residences: [ana, ben, cem, dia].map((personId) => ({
        personId,
        associationId: la,
        validFromPeriod: 0,
      })),
      dependents: [{ personId: dia, category: 'child', validFromPeriod: 0 }],
      capacities: [],
      settings,
      services,
      dependentTakings: [{ personId: dia, takenEffortMilli: 1_000 }],
    });
    assert.ok(shares.ok);
    // (3,000 + 1,000) / 3 contributors → 1,334, 1,333, 1,333 by id.
    assert.deepEqual(
      shares.value.shares.map((s) => s.totalEffortMilli),
      [1_334, 1_333, 1_333],
    );
    const batch = associationPostings('east-side.1', shares.value, services, settings, accounts);
    const posted = post(ledger, batch);
    assert.ok(posted.ok, posted.ok ? '' : posted.error.detail);
    const anaShare = batch.find((t) => t.debitAccountId === accounts.person(ana))!;
    assert.equal(getTransfer(ledger, anaShare.id)!.transfer.boundExceptionUsed, true);
    // Ana is past her allowance only by the basic-needs share, recorded as such on the transfer.
    assert.equal(balance(ledger, accounts.person(ana)), -1_334);
    assert.equal(balance(ledger, accounts.person(dia)), 0);
    assert.equal(balance(ledger, accounts.association(la)), 0);
    assert.equal(balance(ledger, accounts.redistribution(la)), 0);
    assert.equal(balance(ledger, accounts.project(water)), 3_000);

    // Conservation: the balances of the pool sum to zero and the journal verifies.
    let total = 0;
    for (const id of ledger.accounts.keys()) total += balance(ledger, id);
    assert.equal(total, 0);
    assert.ok(verifyLedger(ledger).ok);
  });

  test('without the association’s decision, basic needs do not pass the allowance', () => {
    const ledger = network();
    const tree = buildAssociationTree([{ id: la, level: 'neighbourhood' }]);
    assert.ok(tree.ok);
    const settings = [{ associationId: la, basicNeedsInArrears: false }];
    const services = [
      {
        serviceId: 'water',
        associationId: la,
        projectId: water,
        effortMilli: 3_000,
        basicNeeds: true,
      },
    ];
    const shares = computeAssociationShares({
      tree: tree.value,
      period: 1,
      residences: [{ personId: ana, associationId: la, validFromPeriod: 0 }],
      dependents: [],
      capacities: [],
      settings,
      services,
      dependentTakings: [],
    });
    assert.ok(shares.ok);
    const refused = post(
      ledger,
      associationPostings('east-side.1', shares.value, services, settings, accounts),
    );
    assert.equal(refused.ok ? '' : refused.error.code, 'ledger.bound_exceeded');
  });
});

describe('service records', () => {
  const record = {
    recordId: 'tb-2',
    giver: ana,
    beneficiary: ben,
    durationMinutes: minutes(90),
    confirmedBy: ben,
    period: 2,
  };
  test('a weighted pool credits the cleared weight; a flat pool refuses any other weight', () => {
    const weighted = servicePosting(record, 'auction', weightMilli(1_500), accounts);
    assert.ok(weighted.ok);
    assert.equal(weighted.value.amount, 2_250);
    assert.equal(effectiveWeight('auction', weightMilli(1_500)), 1_500);
    const flat = servicePosting(record, 'flat', weightMilli(1_500), accounts);
    assert.equal(flat.ok ? '' : flat.error.code, 'timebank.weight_not_flat');
  });
  test('self-service, unconfirmed and empty services are refused', () => {
    const code = (r: ReturnType<typeof servicePosting>) => (r.ok ? '' : r.error.code);
    const one = effectiveWeight('flat', weightMilli(0));
    assert.equal(
      code(servicePosting({ ...record, beneficiary: ana }, 'flat', one, accounts)),
      'timebank.self_service',
    );
    const { confirmedBy: _, ...unconfirmed } = record;
    assert.equal(code(servicePosting(unconfirmed, 'flat', one, accounts)), 'timebank.unconfirmed');
    assert.equal(
      code(servicePosting({ ...record, confirmedBy: ana }, 'flat', one, accounts)),
      'timebank.unconfirmed',
    );
    assert.equal(
      code(servicePosting({ ...record, durationMinutes: minutes(0) }, 'flat', one, accounts)),
      'timebank.empty',
    );
  });
});
