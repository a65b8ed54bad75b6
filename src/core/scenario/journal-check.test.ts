// Proves that the runner's per-period journal check passes a period as the runner posts it and
// names a changed entry, a broken link and an account whose totals moved without an entry.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type JournalEntry,
  type LedgerState,
  UNHASHED,
  withoutJournalHashes,
} from '../ledger/index.ts';
import { checkJournalSince, markJournals } from './journal-check.ts';
import { serialiseRunState, startRun, stepPeriod } from './run-state.ts';
import { oneSlotWork, scenarioOf } from './testing.ts';

/** A period of two persons, one working for a project, and the journal mark before it. */
function onePeriod(unhashed = false) {
  const { task, bid, work } = oneSlotWork('bake', 'bake', 'bakery', 'ana', 60, 1000, 'bo');
  const file = scenarioOf({
    persons: ['ana', 'bo'],
    projects: ['bakery'],
    products: [],
    periods: [
      {
        tasks: [task],
        bids: [bid],
        work: [work],
        workInProgress: [{ projectId: 'bakery', changeEffortMilli: 1000 }],
      },
    ],
  });
  const started = startRun(file);
  const state = unhashed ? { ...started, ledger: withoutJournalHashes(started.ledger) } : started;
  const mark = markJournals(state.ledger);
  const stepped = stepPeriod(state, file.periods[0]!);
  assert.equal(stepped.state.stop, null);
  return { ledger: stepped.state.ledger, mark };
}

const entriesOf = (ledger: LedgerState) => [...ledger.journals.values()][0]!.entries;

test('the entries a period appended hold together', () => {
  const { ledger, mark } = onePeriod();
  assert.ok(entriesOf(ledger).length > 0);
  assert.equal(checkJournalSince(ledger, mark, 1), null);
});

test('a changed entry, a broken link and totals moved without an entry are named', () => {
  const changed = onePeriod();
  const entries = entriesOf(changed.ledger);
  const first = entries[0]! as JournalEntry & { kind: 'created' };
  entries[0] = { ...first, transfer: { ...first.transfer, amount: first.transfer.amount + 1 } };
  assert.match(checkJournalSince(changed.ledger, changed.mark, 1)?.detail ?? '', /"hash"/);

  const unlinked = onePeriod();
  const mark = {
    ...unlinked.mark,
    heads: new Map([...unlinked.mark.heads].map(([k, v]) => [k, { ...v, hash: 'f'.repeat(64) }])),
  };
  const pool = [...unlinked.ledger.journals.keys()][0]!;
  if (!mark.heads.has(pool)) mark.heads.set(pool, { index: 0, hash: 'f'.repeat(64) });
  assert.match(checkJournalSince(unlinked.ledger, mark, 1)?.detail ?? '', /previous_hash/);

  const moved = onePeriod();
  const record = [...moved.ledger.accounts.values()][0]!;
  record.creditsPosted += 5;
  assert.match(checkJournalSince(moved.ledger, moved.mark, 1)?.detail ?? '', /balance_mismatch/);
});

test('an unhashed journal (a read, decision 0067) hashes nothing, is still checked, is never kept', () => {
  const hashed = onePeriod();
  const { ledger, mark } = onePeriod(true);
  const entries = entriesOf(ledger);
  assert.equal(entries.length, entriesOf(hashed.ledger).length);
  assert.ok(entries.every((e) => e.hash === UNHASHED));
  // The same entries but for their hashes, and the same balances.
  const unhash = (e: JournalEntry) => ({ ...e, hash: '', previousHash: '' });
  assert.deepEqual(entries.map(unhash), entriesOf(hashed.ledger).map(unhash));
  assert.deepEqual([...ledger.accounts], [...hashed.ledger.accounts]);
  assert.equal(checkJournalSince(ledger, mark, 1), null);

  const moved = onePeriod(true);
  const record = [...moved.ledger.accounts.values()][0]!;
  record.creditsPosted += 5;
  assert.match(checkJournalSince(moved.ledger, moved.mark, 1)?.detail ?? '', /balance_mismatch/);

  const mismatched = onePeriod(true);
  const changed = entriesOf(mismatched.ledger);
  const first = changed[0]! as JournalEntry & { kind: 'created' };
  changed[0] = { ...first, transfer: { ...first.transfer, amount: first.transfer.amount + 1 } };
  assert.match(
    checkJournalSince(mismatched.ledger, mismatched.mark, 1)?.detail ?? '',
    /record_mismatch/,
  );

  const file = scenarioOf({ persons: ['ana'], projects: [], products: [], periods: [] });
  const started = startRun(file);
  assert.throws(() =>
    serialiseRunState({ ...started, ledger: withoutJournalHashes(started.ledger) }),
  );
});
