// Proves the transfer rules by example: the reference §4.9 month posted through the ledger
// (Ana −9 WH, Ben +7, Cem +3, to the mWH), and every refusal with its stable code.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { creditEffortMilli, minutes, weightMilli } from '../units.ts';
import {
  BATCH_TRANSFERS_MAX,
  CODE_LENGTH_MAX,
  closeAccount,
  createLedger,
  createTransfer,
  createTransfers,
  getBalance,
  getJournal,
  getTransfer,
  type LedgerFailure,
  type LedgerState,
  postTransfer,
  REFERENCE_LENGTH_MAX,
  reverseTransfer,
  verifyLedger,
  voidTransfer,
} from './index.ts';
import {
  accountId,
  allowance,
  EUR,
  NON_NEGATIVE,
  openAccounts,
  request,
  transferId,
} from './testing.ts';

function balance(state: LedgerState, id: string): number {
  return getBalance(state, accountId(id))!.postedBalance;
}

function failureOf(result: { ok: boolean; error?: LedgerFailure }): LedgerFailure {
  assert.equal(result.ok, false, 'expected a failure');
  return result.error!;
}

describe('reference §4.9 worked example', () => {
  test('one month in a pool of three persons and two projects', () => {
    const state = createLedger();
    openAccounts(state, [
      { id: 'ana', kind: 'person', bound: allowance(20_000) },
      { id: 'ben', kind: 'person', bound: allowance(20_000) },
      { id: 'cem', kind: 'person', bound: allowance(20_000) },
      { id: 'bakery', kind: 'project' },
      { id: 'bikeshop', kind: 'project' },
    ]);
    // Work: credits are debited to the project whose effort they are (wip).
    const ana = creditEffortMilli(minutes(20 * 60), weightMilli(800));
    const ben = creditEffortMilli(minutes(10 * 60), weightMilli(1200));
    const cem = creditEffortMilli(minutes(15 * 60), weightMilli(2000));
    assert.deepEqual([ana, ben, cem], [16_000, 12_000, 30_000]);
    const work = createTransfers(state, [
      request('w-ana', 'bakery', 'ana', ana),
      request('w-ben', 'bikeshop', 'ben', ben),
      request('w-cem-bakery', 'bakery', 'cem', 4_000),
      request('w-cem-bikes', 'bikeshop', 'cem', cem - 4_000),
    ]);
    assert.ok(work.ok);
    // Takings at posted prices: bread 0.5 WH/kg, a bike 19 WH.
    const takings = createTransfers(state, [
      request('t-ana-bread', 'ana', 'bakery', 12 * 500, { code: 'take.goods' }),
      request('t-ana-bike', 'ana', 'bikeshop', 19_000, { code: 'take.goods' }),
      request('t-ben-bread', 'ben', 'bakery', 10 * 500, { code: 'take.goods' }),
      request('t-cem-bread', 'cem', 'bakery', 16 * 500, { code: 'take.goods' }),
      request('t-cem-bike', 'cem', 'bikeshop', 19_000, { code: 'take.goods' }),
    ]);
    assert.ok(takings.ok);

    assert.equal(balance(state, 'ana'), -9_000);
    assert.equal(balance(state, 'ben'), 7_000);
    assert.equal(balance(state, 'cem'), 3_000);
    // The bakery holds 2 kg = 1 WH of effort in stock; the bike shop is even.
    assert.equal(balance(state, 'bakery'), -1_000);
    assert.equal(balance(state, 'bikeshop'), 0);
    // Persons net +1 WH: the pool identity's change in stock.
    assert.equal(balance(state, 'ana') + balance(state, 'ben') + balance(state, 'cem'), 1_000);
    assert.equal(getJournal(state, asPool('pool'))!.entries.length, 9);
    assert.ok(verifyLedger(state).ok);
  });

  test('a smaller debit allowance stops Ana’s bike unless it is a recorded basic need', () => {
    const state = createLedger();
    openAccounts(state, [{ id: 'ana', kind: 'person', bound: allowance(5_000) }, { id: 'shop' }]);
    assert.ok(createTransfer(state, request('w', 'shop', 'ana', 16_000)).ok);
    assert.ok(createTransfer(state, request('bread', 'ana', 'shop', 6_000)).ok);
    const bike = request('bike', 'ana', 'shop', 19_000, { code: 'take.goods' });
    const refused = failureOf(createTransfer(state, bike));
    assert.equal(refused.code, 'ledger.bound_exceeded');
    assert.equal(balance(state, 'ana'), 10_000);

    const basic = createTransfer(state, { ...bike, boundException: 'basicNeeds' });
    assert.ok(basic.ok);
    assert.equal(balance(state, 'ana'), -9_000);
    assert.equal(getTransfer(state, transferId('bike'))!.transfer.boundExceptionUsed, true);
    // An exception that was not needed is kept but not marked as used.
    const small = request('small', 'shop', 'ana', 1, { boundException: 'basicNeeds' });
    assert.ok(createTransfer(state, small).ok);
    assert.equal(getTransfer(state, transferId('small'))!.transfer.boundExceptionUsed, false);
  });
});

function asPool(value: string) {
  return value as Parameters<typeof getJournal>[1];
}

describe('idempotency', () => {
  test('same id and content is a duplicate that changes nothing; other content is refused', () => {
    const state = createLedger();
    openAccounts(state, [{ id: 'a' }, { id: 'b' }]);
    const first = request('t1', 'a', 'b', 500, { reference: 'r', period: 3 });
    assert.ok(createTransfer(state, first).ok);
    const replay = createTransfer(state, { ...first });
    assert.ok(replay.ok);
    assert.deepEqual(replay.value.events, [{ type: 'transfer.duplicate', transferId: 't1' }]);
    assert.equal(balance(state, 'b'), 500);
    for (const changed of [
      { amount: 501 },
      { code: 'take.goods' },
      { reference: 's' },
      { period: 4 },
      { pending: true },
      { creditAccountId: accountId('a'), debitAccountId: accountId('b') },
      { boundException: 'basicNeeds' as const },
    ]) {
      assert.equal(
        failureOf(createTransfer(state, { ...first, ...changed })).code,
        'ledger.id_reused',
      );
    }
    assert.equal(getJournal(state, asPool('pool'))!.entries.length, 1);
  });
});

describe('refusals', () => {
  function setup(): LedgerState {
    const state = createLedger();
    openAccounts(state, [
      { id: 'p1', kind: 'person', bound: allowance(1_000) },
      { id: 'p2', kind: 'person', bound: allowance(1_000) },
      { id: 'proj' },
      { id: 'store', kind: 'premium', bound: NON_NEGATIVE },
      { id: 'eur', unit: EUR },
      { id: 'eur2', unit: EUR },
      { id: 'other', pool: 'other' },
      { id: 'closed' },
    ]);
    assert.ok(closeAccount(state, { accountId: accountId('closed') }).ok);
    return state;
  }

  const cases: [string, ReturnType<typeof request>, LedgerFailure['code']][] = [
    ['zero amount', request('x', 'proj', 'p1', 0), 'ledger.invalid_amount'],
    ['negative amount', request('x', 'proj', 'p1', -5), 'ledger.invalid_amount'],
    ['fractional amount', request('x', 'proj', 'p1', 1.5), 'ledger.invalid_amount'],
    ['huge amount', request('x', 'proj', 'p1', 2 ** 53), 'ledger.invalid_amount'],
    [
      'pending not a boolean',
      request('x', 'proj', 'p1', 1, { pending: 'yes' as never }),
      'ledger.invalid_pending',
    ],
    [
      'unknown bound exception',
      request('x', 'proj', 'p1', 1, { boundException: 'friendship' as never }),
      'ledger.invalid_bound_exception',
    ],
    ['empty code', request('x', 'proj', 'p1', 1, { code: '' }), 'ledger.invalid_code'],
    ['bad code', request('x', 'proj', 'p1', 1, { code: 'Work credit' }), 'ledger.invalid_code'],
    [
      'long code',
      request('x', 'proj', 'p1', 1, { code: `a${'b'.repeat(CODE_LENGTH_MAX)}` }),
      'ledger.invalid_code',
    ],
    ['reserved code', request('x', 'proj', 'p1', 1, { code: 'reversal' }), 'ledger.invalid_code'],
    [
      'empty reference',
      request('x', 'proj', 'p1', 1, { reference: '' }),
      'ledger.invalid_reference',
    ],
    [
      'long reference',
      request('x', 'proj', 'p1', 1, { reference: 'r'.repeat(REFERENCE_LENGTH_MAX + 1) }),
      'ledger.invalid_reference',
    ],
    ['negative period', request('x', 'proj', 'p1', 1, { period: -1 }), 'ledger.invalid_period'],
    ['same account', request('x', 'proj', 'proj', 1), 'ledger.same_account'],
    ['unknown debit', request('x', 'nobody', 'p1', 1), 'ledger.unknown_account'],
    ['unknown credit', request('x', 'p1', 'nobody', 1), 'ledger.unknown_account'],
    ['closed account', request('x', 'proj', 'closed', 1), 'ledger.account_closed'],
    ['effort into money', request('x', 'proj', 'eur', 1), 'ledger.mixed_units'],
    [
      'money unit on effort accounts',
      request('x', 'proj', 'p1', 1, { unit: EUR }),
      'ledger.mixed_units',
    ],
    ['across pools', request('x', 'proj', 'other', 1), 'ledger.cross_pool'],
    ['person to person', request('x', 'p1', 'p2', 1), 'ledger.person_to_person'],
    ['past the allowance', request('x', 'p1', 'proj', 1_001), 'ledger.bound_exceeded'],
    ['below zero', request('x', 'store', 'proj', 1), 'ledger.bound_exceeded'],
    [
      'basic needs do not lift a non-negative bound',
      request('x', 'store', 'proj', 1, { boundException: 'basicNeeds' }),
      'ledger.bound_exceeded',
    ],
  ];
  for (const [name, req, code] of cases) {
    test(`${name} → ${code}, and nothing changes`, () => {
      const state = setup();
      const before = structuredClone(state);
      assert.equal(failureOf(createTransfer(state, req)).code, code);
      assert.deepEqual(state, before);
    });
  }

  test('a time-bank service may debit the beneficiary and credit the worker', () => {
    const state = setup();
    assert.ok(createTransfer(state, request('s', 'p1', 'p2', 1_000, { code: 'work.service' })).ok);
    assert.equal(balance(state, 'p1'), -1_000);
    assert.equal(balance(state, 'p2'), 1_000);
  });

  test('money moves in its own ledger', () => {
    const state = setup();
    assert.ok(createTransfer(state, request('m', 'eur', 'eur2', 250, { unit: EUR })).ok);
    assert.equal(balance(state, 'eur2'), 250);
  });

  test('running totals never leave the safe integers', () => {
    const state = createLedger();
    openAccounts(state, [{ id: 'a' }, { id: 'b' }]);
    const record = state.accounts.get(accountId('b'))!;
    record.creditsPosted = Number.MAX_SAFE_INTEGER - 10;
    assert.equal(
      failureOf(createTransfer(state, request('x', 'a', 'b', 11))).code,
      'ledger.overflow',
    );
  });
});

describe('pending transfers', () => {
  test('a pending debit reserves against the bound until it is posted or voided', () => {
    const state = createLedger();
    openAccounts(state, [{ id: 'p', kind: 'person', bound: allowance(1_000) }, { id: 'proj' }]);
    assert.ok(createTransfer(state, request('hold', 'p', 'proj', 800, { pending: true })).ok);
    assert.deepEqual(getBalance(state, accountId('p')), {
      debitsPosted: 0,
      creditsPosted: 0,
      debitsPending: 800,
      creditsPending: 0,
      postedBalance: 0,
      worstCaseBalance: -800,
    });
    assert.equal(
      failureOf(createTransfer(state, request('more', 'p', 'proj', 201))).code,
      'ledger.bound_exceeded',
    );
    // Pending credits do not count until they post.
    assert.ok(createTransfer(state, request('in', 'proj', 'p', 500, { pending: true })).ok);
    assert.equal(
      failureOf(createTransfer(state, request('more', 'p', 'proj', 201))).code,
      'ledger.bound_exceeded',
    );
    assert.ok(voidTransfer(state, { transferId: transferId('hold') }).ok);
    assert.ok(createTransfer(state, request('more', 'p', 'proj', 201)).ok);
    assert.ok(postTransfer(state, { transferId: transferId('in') }).ok);
    assert.equal(balance(state, 'p'), 299);
    assert.equal(getTransfer(state, transferId('hold'))!.state, 'voided');
    assert.equal(getTransfer(state, transferId('never')), undefined);
    assert.equal(getTransfer(state, transferId('in'))!.state, 'posted');
    assert.ok(verifyLedger(state).ok);
  });

  test('posting and voiding are idempotent and refuse anything not pending', () => {
    const state = createLedger();
    openAccounts(state, [{ id: 'a' }, { id: 'b' }]);
    assert.ok(createTransfer(state, request('p', 'a', 'b', 5, { pending: true })).ok);
    assert.ok(createTransfer(state, request('v', 'a', 'b', 5, { pending: true })).ok);
    assert.ok(createTransfer(state, request('direct', 'a', 'b', 5)).ok);
    assert.ok(postTransfer(state, { transferId: transferId('p') }).ok);
    assert.ok(voidTransfer(state, { transferId: transferId('v') }).ok);
    const again = postTransfer(state, { transferId: transferId('p') });
    assert.ok(again.ok);
    assert.deepEqual(again.value.events, [{ type: 'transfer.duplicate', transferId: 'p' }]);
    assert.ok(voidTransfer(state, { transferId: transferId('v') }).ok);
    const code = (r: ReturnType<typeof postTransfer>) => failureOf(r).code;
    assert.equal(code(voidTransfer(state, { transferId: transferId('p') })), 'ledger.not_pending');
    assert.equal(code(postTransfer(state, { transferId: transferId('v') })), 'ledger.not_pending');
    assert.equal(
      code(postTransfer(state, { transferId: transferId('direct') })),
      'ledger.not_pending',
    );
    assert.equal(
      code(postTransfer(state, { transferId: transferId('none') })),
      'ledger.unknown_transfer',
    );
    assert.equal(balance(state, 'b'), 10);
    assert.equal(getJournal(state, asPool('pool'))!.entries.length, 5);
  });
});

describe('closing accounts', () => {
  test('needs a zero balance and nothing pending, then refuses transfers', () => {
    const state = createLedger();
    openAccounts(state, [{ id: 'a' }, { id: 'b' }]);
    const close = (id: string) => closeAccount(state, { accountId: accountId(id) });
    assert.ok(createTransfer(state, request('t', 'a', 'b', 5, { pending: true })).ok);
    assert.equal(failureOf(close('a')).code, 'ledger.pending_transfers');
    assert.ok(postTransfer(state, { transferId: transferId('t') }).ok);
    assert.equal(failureOf(close('b')).code, 'ledger.balance_not_zero');
    assert.ok(reverseTransfer(state, { id: transferId('t-back'), originalId: transferId('t') }).ok);
    assert.ok(close('b').ok);
    assert.equal(failureOf(close('b')).code, 'ledger.account_closed');
    assert.equal(failureOf(close('nobody')).code, 'ledger.unknown_account');
    assert.equal(
      failureOf(createTransfer(state, request('u', 'b', 'a', 1))).code,
      'ledger.account_closed',
    );
  });
});

describe('reversals', () => {
  function setup(): LedgerState {
    const state = createLedger();
    openAccounts(state, [
      { id: 'ana', kind: 'person', bound: allowance(0) },
      { id: 'ben', kind: 'person', bound: allowance(0) },
      { id: 'proj' },
    ]);
    assert.ok(createTransfer(state, request('work', 'proj', 'ana', 3_000)).ok);
    return state;
  }

  test('swap debit and credit, point at the original, and happen once', () => {
    const state = setup();
    const reverse = { id: transferId('fix'), originalId: transferId('work'), reference: 'typo' };
    const result = reverseTransfer(state, reverse);
    assert.ok(result.ok);
    const fix = getTransfer(state, transferId('fix'))!.transfer;
    assert.equal(fix.debitAccountId, 'ana');
    assert.equal(fix.creditAccountId, 'proj');
    assert.equal(fix.code, 'reversal');
    assert.equal(fix.reversalOf, 'work');
    assert.equal(fix.reference, 'typo');
    assert.equal(balance(state, 'ana'), 0);
    assert.equal(getTransfer(state, transferId('work'))!.reversedBy, 'fix');
    // Replaying the reversal is a duplicate; a second reversal is refused.
    const replay = reverseTransfer(state, reverse);
    assert.ok(replay.ok);
    assert.equal(replay.value.events[0]!.type, 'transfer.duplicate');
    assert.equal(
      failureOf(reverseTransfer(state, { id: transferId('fix2'), originalId: transferId('work') }))
        .code,
      'ledger.already_reversed',
    );
    assert.equal(
      failureOf(reverseTransfer(state, { id: transferId('fix3'), originalId: transferId('fix') }))
        .code,
      'ledger.not_reversible',
    );
    assert.equal(
      failureOf(reverseTransfer(state, { ...reverse, reference: 'other' })).code,
      'ledger.id_reused',
    );
    assert.ok(verifyLedger(state).ok);
  });

  test('refuse what cannot be reversed', () => {
    const state = setup();
    assert.ok(createTransfer(state, request('hold', 'proj', 'ana', 5, { pending: true })).ok);
    const reverse = (id: string, originalId: string) =>
      reverseTransfer(state, { id: transferId(id), originalId: transferId(originalId) });
    assert.equal(failureOf(reverse('r1', 'hold')).code, 'ledger.not_posted');
    assert.equal(failureOf(reverse('r1', 'nothing')).code, 'ledger.unknown_transfer');
    // The id of an existing transfer cannot be reused for a reversal.
    assert.equal(failureOf(reverse('hold', 'work')).code, 'ledger.id_reused');
    // A credit already spent cannot be taken back past the bound.
    assert.ok(createTransfer(state, request('take', 'ana', 'proj', 2_000)).ok);
    assert.equal(failureOf(reverse('r2', 'work')).code, 'ledger.bound_exceeded');
  });

  test('a reversed time-bank service is allowed although it moves between persons', () => {
    const state = setup();
    assert.ok(
      createTransfer(state, request('svc', 'ana', 'ben', 2_000, { code: 'work.service' })).ok,
    );
    assert.ok(
      reverseTransfer(state, { id: transferId('svc-back'), originalId: transferId('svc') }).ok,
    );
    assert.equal(balance(state, 'ben'), 0);
    assert.equal(balance(state, 'ana'), 3_000);
  });
});

describe('linked batches', () => {
  test('a later item sees the effect of earlier ones', () => {
    const state = createLedger();
    openAccounts(state, [{ id: 'p', kind: 'person', bound: allowance(0) }, { id: 'proj' }]);
    const batch = createTransfers(state, [
      request('credit', 'proj', 'p', 1_000),
      request('take', 'p', 'proj', 1_000, { code: 'take.goods' }),
    ]);
    assert.ok(batch.ok);
    assert.equal(batch.value.events.length, 2);
    // Taking first fails: the whole batch is refused and the error names item 0.
    const state2 = createLedger();
    openAccounts(state2, [{ id: 'p', kind: 'person', bound: allowance(0) }, { id: 'proj' }]);
    const refused = failureOf(
      createTransfers(state2, [
        request('take', 'p', 'proj', 1_000, { code: 'take.goods' }),
        request('credit', 'proj', 'p', 1_000),
      ]),
    );
    assert.equal(refused.code, 'ledger.bound_exceeded');
    assert.equal(refused.index, 0);
    assert.equal(refused.transferId, 'take');
  });

  test('a failing item refuses the whole batch and names its index', () => {
    const state = createLedger();
    openAccounts(state, [{ id: 'a' }, { id: 'b' }]);
    assert.ok(createTransfer(state, request('old', 'a', 'b', 1)).ok);
    const before = structuredClone(state);
    const refused = failureOf(
      createTransfers(state, [
        request('n1', 'a', 'b', 1),
        request('n2', 'a', 'b', 2, { pending: true }),
        request('n3', 'a', 'missing', 3),
      ]),
    );
    assert.equal(refused.code, 'ledger.unknown_account');
    assert.equal(refused.index, 2);
    assert.deepEqual(state, before);
  });

  test('an id used twice in one batch is checked like a replay', () => {
    const state = createLedger();
    openAccounts(state, [{ id: 'a' }, { id: 'b' }]);
    const same = createTransfers(state, [request('t', 'a', 'b', 1), request('t', 'a', 'b', 1)]);
    assert.ok(same.ok);
    assert.deepEqual(
      same.value.events.map((event) => event.type),
      ['journal.appended', 'transfer.duplicate'],
    );
    const reused = failureOf(
      createTransfers(state, [request('u', 'a', 'b', 1), request('u', 'a', 'b', 2)]),
    );
    assert.equal(reused.code, 'ledger.id_reused');
    assert.equal(reused.index, 1);
    assert.equal(balance(state, 'b'), 1);
  });

  test('a retried batch is a no-op; an empty batch does nothing; size is limited', () => {
    const state = createLedger();
    openAccounts(state, [{ id: 'a' }, { id: 'b' }]);
    const batch = [request('t1', 'a', 'b', 1), request('t2', 'a', 'b', 2)];
    assert.ok(createTransfers(state, batch).ok);
    const retry = createTransfers(state, batch);
    assert.ok(retry.ok);
    assert.ok(retry.value.events.every((event) => event.type === 'transfer.duplicate'));
    assert.equal(balance(state, 'b'), 3);
    const empty = createTransfers(state, []);
    assert.ok(empty.ok);
    assert.deepEqual(empty.value.events, []);
    const tooMany = Array.from({ length: BATCH_TRANSFERS_MAX + 1 }, (_, index) =>
      request(`x${index}`, 'a', 'b', 1),
    );
    assert.equal(failureOf(createTransfers(state, tooMany)).code, 'ledger.batch_too_large');
  });
});
