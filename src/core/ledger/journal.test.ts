// Proves the journal by example: entries chain from the genesis hash, a copy verifies to the
// same head, and deleting, inserting, reordering, malforming or moving entries, or drifting
// account totals, is reported at the first broken link with its reason.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  canonicalEntryContent,
  createLedger,
  createTransfer,
  GENESIS_HASH,
  getJournal,
  headHash,
  type Journal,
  type JournalEntry,
  type LedgerState,
  postTransfer,
  verifyJournal,
  verifyLedger,
} from './index.ts';
import { accountId, openAccounts, poolId, request, transferId } from './testing.ts';

const POOL = poolId('pool');

function sample(): LedgerState {
  const state = createLedger();
  openAccounts(state, [
    { id: 'a' },
    { id: 'b' },
    { id: 'c', pool: 'other' },
    { id: 'd', pool: 'other' },
  ]);
  assert.ok(createTransfer(state, request('t1', 'a', 'b', 100, { reference: 'work:1' })).ok);
  assert.ok(createTransfer(state, request('t2', 'b', 'a', 40, { pending: true })).ok);
  assert.ok(postTransfer(state, { transferId: transferId('t2') }).ok);
  assert.ok(createTransfer(state, request('t3', 'a', 'b', 7, { period: 2 })).ok);
  assert.ok(createTransfer(state, request('t4', 'c', 'd', 9)).ok);
  return state;
}

function journal(state: LedgerState): Journal {
  return getJournal(state, POOL)!;
}

function entries(state: LedgerState): JournalEntry[] {
  return journal(state).entries;
}

function breakOf(state: LedgerState) {
  const verified = verifyLedger(state);
  assert.equal(verified.ok, false, 'expected a broken ledger');
  return verified.ok ? assert.fail() : verified.error;
}

describe('journal', () => {
  test('chains each entry to the one before, from the genesis hash', () => {
    const state = sample();
    const list = entries(state);
    assert.deepEqual(
      list.map((entry) => entry.kind),
      ['created', 'created', 'posted', 'created'],
    );
    assert.equal(list[0]!.previousHash, GENESIS_HASH);
    for (let index = 1; index < list.length; index += 1) {
      assert.equal(list[index]!.previousHash, list[index - 1]!.hash);
    }
    // The hash is SHA-256 of the canonical content, as anyone can recompute it.
    const first = list[0]!;
    assert.equal(
      first.hash,
      createHash('sha256').update(canonicalEntryContent(first)).digest('hex'),
    );
    assert.equal(
      canonicalEntryContent(first),
      JSON.stringify([
        'peerconomy.journal.v1',
        0,
        'pool',
        'created',
        GENESIS_HASH,
        't1',
        'pool',
        'a',
        'b',
        100,
        'effort',
        'work.credit',
        false,
        null,
        false,
        'work:1',
        null,
        null,
      ]),
    );
    const verified = verifyLedger(state);
    assert.ok(verified.ok);
    assert.equal(verified.value.transfers, 4);
    assert.deepEqual(verified.value.journals.get(POOL), {
      entries: 4,
      headHash: headHash(journal(state)),
    });
    assert.equal(headHash({ poolId: POOL, entries: [] }), GENESIS_HASH);
    // Pools have journals of their own.
    assert.equal(getJournal(state, poolId('other'))!.entries.length, 1);
    assert.equal(getJournal(state, poolId('none')), undefined);
  });

  test('a copy verifies on its own to the same head hash', () => {
    const state = sample();
    const copy: Journal = structuredClone(journal(state));
    const verified = verifyJournal(copy);
    assert.ok(verified.ok);
    assert.equal(verified.value.headHash, headHash(journal(state)));
  });

  test('a member who kept an earlier head sees a rewritten or truncated journal', () => {
    const state = sample();
    const seen = verifyJournal(journal(state));
    assert.ok(seen.ok);
    // Appending keeps the old head in place.
    assert.ok(createTransfer(state, request('t5', 'a', 'b', 1)).ok);
    const later = verifyJournal(journal(state), seen.value);
    assert.ok(later.ok);
    assert.equal(later.value.entries, 5);
    assert.ok(verifyJournal(journal(state), { entries: 0, headHash: GENESIS_HASH }).ok);
    // A whole rewritten and rehashed chain verifies on its own, but not against the old head.
    const list = entries(state);
    let previousHash = GENESIS_HASH;
    for (let index = 0; index < list.length; index += 1) {
      let entry = { ...list[index]!, previousHash } as JournalEntry;
      if (index === 1 && entry.kind === 'created') {
        entry = { ...entry, transfer: { ...entry.transfer, amount: 4 } };
      }
      const hash = createHash('sha256').update(canonicalEntryContent(entry)).digest('hex');
      list[index] = { ...entry, hash };
      previousHash = hash;
    }
    assert.ok(verifyJournal(journal(state)).ok);
    const rewritten = verifyJournal(journal(state), seen.value);
    assert.equal(rewritten.ok, false);
    assert.equal(!rewritten.ok && rewritten.error.reason, 'rewritten');
    assert.equal(!rewritten.ok && rewritten.error.index, 3);
    // Cutting entries off is named as such.
    list.length = 2;
    const truncated = verifyJournal(journal(state), seen.value);
    assert.equal(!truncated.ok && truncated.error.reason, 'truncated');
    assert.equal(!truncated.ok && truncated.error.index, 2);
  });

  test('a deleted entry breaks the chain where it was', () => {
    const state = sample();
    entries(state).splice(1, 1);
    const broken = breakOf(state);
    assert.equal(broken.index, 1);
    assert.equal(broken.reason, 'index');
  });

  test('swapped entries break at the first of them', () => {
    const state = sample();
    const list = entries(state);
    [list[0], list[1]] = [list[1]!, list[0]!];
    assert.equal(breakOf(state).index, 0);
  });

  test('a rehashed forgery is caught by the next link', () => {
    const state = sample();
    const list = entries(state);
    const first = list[0]! as Extract<JournalEntry, { kind: 'created' }>;
    const forged = { ...first, transfer: { ...first.transfer, amount: 1_000 } };
    const rehashed = {
      ...forged,
      hash: createHash('sha256').update(canonicalEntryContent(forged)).digest('hex'),
    };
    list[0] = rehashed;
    const broken = breakOf(state);
    assert.equal(broken.index, 1);
    assert.equal(broken.reason, 'previous_hash');
  });

  test('a rewritten tail that rehashes everything is still caught against the stored totals', () => {
    const state = sample();
    const list = entries(state);
    // Rebuild the whole chain after forging entry 0: the journal alone verifies again...
    let previousHash = GENESIS_HASH;
    for (let index = 0; index < list.length; index += 1) {
      let entry = { ...list[index]!, previousHash } as JournalEntry;
      if (index === 0 && entry.kind === 'created') {
        entry = { ...entry, transfer: { ...entry.transfer, amount: 1_000 } };
      }
      const hash = createHash('sha256').update(canonicalEntryContent(entry)).digest('hex');
      list[index] = { ...entry, hash };
      previousHash = hash;
    }
    assert.ok(verifyJournal(journal(state)).ok);
    // ...but the ledger's own copy of the transfer disagrees (and a published head would too).
    const broken = breakOf(state);
    assert.equal(broken.reason, 'record_mismatch');
    assert.equal(broken.index, 0);
  });

  const malformed: [string, (entry: Record<string, unknown>) => void][] = [
    ['not an object', () => {}],
    [
      'an unknown kind',
      (entry) => {
        entry.kind = 'edited';
      },
    ],
    [
      'an extra field',
      (entry) => {
        entry.note = 'x';
      },
    ],
    [
      'a missing field',
      (entry) => {
        delete entry.previousHash;
      },
    ],
    [
      'a fractional index',
      (entry) => {
        entry.index = 0.5;
      },
    ],
    [
      'a numeric pool',
      (entry) => {
        entry.poolId = 7;
      },
    ],
    [
      'a numeric hash',
      (entry) => {
        entry.hash = 7;
      },
    ],
    [
      'a transfer that is not an object',
      (entry) => {
        entry.transfer = 'x';
      },
    ],
    [
      'a string amount',
      (entry) => {
        (entry.transfer as Record<string, unknown>).amount = '100';
      },
    ],
    [
      'a fractional amount',
      (entry) => {
        (entry.transfer as Record<string, unknown>).amount = 1.5;
      },
    ],
    [
      'a fractional period',
      (entry) => {
        (entry.transfer as Record<string, unknown>).period = 1.5;
      },
    ],
    [
      'an unknown transfer field',
      (entry) => {
        (entry.transfer as Record<string, unknown>).note = 'x';
      },
    ],
    [
      'a numeric reference',
      (entry) => {
        (entry.transfer as Record<string, unknown>).reference = 7;
      },
    ],
  ];
  for (const [name, change] of malformed) {
    test(`an entry with ${name} is malformed at that entry`, () => {
      const state = sample();
      const list = entries(state) as unknown as Record<string, unknown>[];
      if (name === 'not an object') {
        list[0] = null as never;
      } else {
        const copy = structuredClone(list[0]!);
        change(copy);
        list[0] = copy;
      }
      const broken = breakOf(state);
      assert.equal(broken.index, 0);
      assert.equal(broken.reason, 'malformed');
    });
  }

  test('a posted entry with a numeric transfer id is malformed', () => {
    const state = sample();
    const list = entries(state) as unknown as Record<string, unknown>[];
    list[2] = { ...list[2]!, transferId: 2 };
    assert.equal(breakOf(state).reason, 'malformed');
  });

  test('an entry moved in from another pool breaks at that entry', () => {
    const state = sample();
    const other = getJournal(state, poolId('other'))!;
    other.entries.push({ ...entries(state)[3]!, index: 1 });
    const broken = breakOf(state);
    assert.equal(broken.poolId, 'other');
    assert.equal(broken.index, 1);
    assert.equal(broken.reason, 'pool');
  });

  test('a journal filed under the wrong pool is reported', () => {
    const state = sample();
    state.journals.set(poolId('aaa'), journal(state));
    assert.equal(breakOf(state).reason, 'pool');
  });

  test('semantic faults of a rehashed journal are named: twice created, unknown, not pending', () => {
    const rehash = (list: JournalEntry[]) => {
      let previousHash = GENESIS_HASH;
      return list.map((entry, index) => {
        const moved = { ...entry, index, previousHash } as JournalEntry;
        const hash = createHash('sha256').update(canonicalEntryContent(moved)).digest('hex');
        previousHash = hash;
        return { ...moved, hash } as JournalEntry;
      });
    };
    const check = (list: JournalEntry[], reason: string, index: number) => {
      const verified = verifyJournal({ poolId: POOL, entries: rehash(list) });
      assert.equal(verified.ok, false);
      if (!verified.ok) {
        assert.equal(verified.error.reason, reason);
        assert.equal(verified.error.index, index);
      }
    };
    const list = entries(sample());
    check([list[0]!, list[0]!], 'duplicate_transfer', 1);
    check([list[2]!], 'unknown_transfer', 0);
    check(
      [list[0]!, { ...list[2]!, transferId: transferId('t1') } as JournalEntry],
      'not_pending',
      1,
    );
    check([list[1]!, list[2]!, list[2]!], 'not_pending', 2);
    const reversal = list[0]! as Extract<JournalEntry, { kind: 'created' }>;
    check(
      [{ ...reversal, transfer: { ...reversal.transfer, reversalOf: transferId('zz') } }],
      'unknown_transfer',
      0,
    );
  });

  test('a stored transfer without a journal entry is reported', () => {
    const state = sample();
    const record = state.transfers.get(transferId('t1'))!;
    state.transfers.set(transferId('ghost'), {
      ...record,
      transfer: { ...record.transfer, id: transferId('ghost') },
    });
    const broken = breakOf(state);
    assert.equal(broken.reason, 'missing_entry');
    assert.equal(broken.transferId, 'ghost');
  });

  test('a transfer record lost from the ledger is reported at its entry', () => {
    const state = sample();
    state.transfers.delete(transferId('t3'));
    const broken = breakOf(state);
    assert.equal(broken.reason, 'record_mismatch');
    assert.equal(broken.index, 3);
  });

  test('running totals that drift from the journal are reported by account', () => {
    const state = sample();
    state.accounts.get(accountId('b'))!.creditsPosted += 1;
    const broken = breakOf(state);
    assert.equal(broken.reason, 'balance_mismatch');
    assert.equal(broken.accountId, 'b');
  });
});
