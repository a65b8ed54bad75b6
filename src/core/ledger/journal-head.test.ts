// Proves that a ledger holding only the head of a pool's journal (as a store loads it to
// append) produces exactly the entries the whole ledger produces, and cannot be verified.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createLedger,
  createTransfers,
  GENESIS_HASH,
  getJournal,
  headHash,
  journalFromHead,
  type LedgerState,
  nextIndex,
  postTransfer,
  verifyJournal,
} from './index.ts';
import { allowance, openAccounts, poolId, request, transferId } from './testing.ts';

const ACCOUNTS = [
  { id: 'ana', kind: 'person' as const, bound: allowance(20_000) },
  { id: 'bakery', kind: 'project' as const },
];

/** A copy of `whole` that keeps the accounts and the named transfers but only the journal head. */
function headOnly(whole: LedgerState, keepTransfers: readonly string[]): LedgerState {
  const journal = getJournal(whole, poolId('pool'))!;
  const state = createLedger();
  for (const [id, record] of whole.accounts) state.accounts.set(id, { ...record });
  for (const id of keepTransfers) {
    const record = whole.transfers.get(transferId(id))!;
    state.transfers.set(record.transfer.id, { ...record });
  }
  state.journals.set(
    journal.poolId,
    journalFromHead(journal.poolId, { index: nextIndex(journal), previousHash: headHash(journal) }),
  );
  return state;
}

test('appending to a journal head gives the entries the whole journal gives', () => {
  const whole = createLedger();
  openAccounts(whole, ACCOUNTS);
  const first = createTransfers(whole, [
    request('w-1', 'bakery', 'ana', 16_000),
    request('t-1', 'ana', 'bakery', 6_000, { code: 'take.goods', pending: true }),
  ]);
  assert.ok(first.ok);

  const head = headOnly(whole, ['t-1']);
  const later = [request('t-2', 'ana', 'bakery', 5_000, { code: 'take.goods' })];
  const fromHead = createTransfers(head, later);
  const fromWhole = createTransfers(whole, later);
  assert.deepEqual(fromHead, fromWhole);
  assert.deepEqual(
    postTransfer(head, { transferId: transferId('t-1') }),
    postTransfer(whole, { transferId: transferId('t-1') }),
  );

  const headJournal = getJournal(head, poolId('pool'))!;
  const wholeJournal = getJournal(whole, poolId('pool'))!;
  assert.deepEqual(headJournal.entries, wholeJournal.entries.slice(2));
  assert.equal(nextIndex(headJournal), 4);
  assert.equal(headHash(headJournal), headHash(wholeJournal));
  assert.deepEqual(head.accounts, whole.accounts);
});

test('a journal head cannot be verified, and a head must be well formed', () => {
  const head = journalFromHead(poolId('pool'), { index: 0, previousHash: GENESIS_HASH });
  assert.equal(headHash(head), GENESIS_HASH);
  const verified = verifyJournal(head);
  assert.equal(verified.ok, false);
  assert.equal(!verified.ok && verified.error.reason, 'partial');
  assert.throws(() => journalFromHead(poolId('pool'), { index: -1, previousHash: GENESIS_HASH }));
  assert.throws(() => journalFromHead(poolId('pool'), { index: 3, previousHash: 'not-a-hash' }));
  assert.throws(() => journalFromHead(poolId('pool'), { index: 0, previousHash: 'a'.repeat(64) }));
});
