import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getBalance } from './accounts.ts';
import { getJournal, headHash } from './journal.ts';
import { entriesFootprint, replayEntries } from './replay.ts';
import { createLedger } from './state.ts';
import { accountId, allowance, openAccounts, poolId, request, transferId } from './testing.ts';
import { createTransfers, postTransfer, reverseTransfer, voidTransfer } from './transfers.ts';
import type { LedgerState } from './types.ts';

const ACCOUNTS = [
  { id: 'ana', kind: 'person' as const, bound: allowance(5_000) },
  { id: 'ben', kind: 'person' as const, bound: allowance(5_000) },
  { id: 'bakery' },
];

/** A ledger with every kind of journal entry: a batch, a pending post and void, a reversal. */
function sourceLedger(): LedgerState {
  const state = createLedger();
  openAccounts(state, ACCOUNTS);
  const steps = [
    createTransfers(state, [
      request('t1', 'bakery', 'ana', 3_000),
      request('t2', 'ana', 'bakery', 1_000, { code: 'goods.taking' }),
    ]),
    createTransfers(state, [request('t3', 'bakery', 'ben', 2_000, { pending: true })]),
    createTransfers(state, [request('t4', 'bakery', 'ben', 1_000, { pending: true })]),
    postTransfer(state, { transferId: transferId('t3') }),
    voidTransfer(state, { transferId: transferId('t4') }),
    reverseTransfer(state, { id: transferId('r1'), originalId: transferId('t1'), period: 2 }),
  ];
  for (const step of steps) assert.ok(step.ok);
  return state;
}

test('replaying every entry into a fresh ledger rebuilds the same journal and balances', () => {
  const source = sourceLedger();
  const entries = getJournal(source, poolId('pool'))!.entries;
  const target = createLedger();
  openAccounts(target, ACCOUNTS);
  const replayed = replayEntries(target, entries);
  assert.ok(replayed.ok);
  assert.equal(
    headHash(getJournal(target, poolId('pool'))!),
    headHash(getJournal(source, poolId('pool'))!),
  );
  for (const id of ['ana', 'ben', 'bakery']) {
    assert.deepEqual(getBalance(target, accountId(id)), getBalance(source, accountId(id)));
  }
});

test('a replay continues a partial journal: the second half lands on the first half', () => {
  const source = sourceLedger();
  const entries = getJournal(source, poolId('pool'))!.entries;
  const target = createLedger();
  openAccounts(target, ACCOUNTS);
  assert.ok(replayEntries(target, entries.slice(0, 3)).ok);
  const rest = replayEntries(target, entries.slice(3));
  assert.ok(rest.ok);
  assert.equal(
    headHash(getJournal(target, poolId('pool'))!),
    headHash(getJournal(source, poolId('pool'))!),
  );
});

test('replaying entries a ledger already holds appends nothing', () => {
  const source = sourceLedger();
  const entries = getJournal(source, poolId('pool'))!.entries;
  const creations = entries.filter(
    (e) => e.kind === 'created' && e.transfer.reversalOf === undefined,
  );
  const again = replayEntries(source, creations);
  assert.ok(again.ok);
  assert.ok(again.value.events.every((e) => e.type === 'transfer.duplicate'));
  assert.equal(getJournal(source, poolId('pool'))!.entries.length, entries.length);
});

test('a replay onto a ledger that cannot take it is refused', () => {
  const source = sourceLedger();
  const entries = getJournal(source, poolId('pool'))!.entries;
  const target = createLedger();
  // Ana may not fall below 0 here: +3 000, −1 000, then reversing the 3 000 would leave −1 000.
  openAccounts(target, [{ ...ACCOUNTS[0]!, bound: allowance(0) }, ...ACCOUNTS.slice(1)]);
  const replayed = replayEntries(target, entries);
  assert.equal(replayed.ok, false);
  assert.equal(replayed.ok ? '' : replayed.error.code, 'ledger.bound_exceeded');
});

test('the footprint names every account and transfer a replay touches', () => {
  const entries = getJournal(sourceLedger(), poolId('pool'))!.entries;
  const footprint = entriesFootprint(entries);
  assert.deepEqual([...footprint.accountIds].sort(), ['ana', 'bakery', 'ben']);
  assert.deepEqual([...footprint.transferIds].sort(), ['r1', 't1', 't2', 't3', 't4']);
});
