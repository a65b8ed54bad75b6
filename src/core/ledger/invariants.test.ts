// Proves MODEL.md §6 invariants 1, 2, 3, 6 and 7 on random ledgers: balances of a unit sum to
// zero (pending too), replays change nothing, bounds hold except for recorded basic needs, a
// failing batch changes nothing, order does not matter, and any tampering breaks `verify` at
// exactly the tampered entry.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  boundFloor,
  createLedger,
  createTransfer,
  createTransfers,
  getBalance,
  type LedgerState,
  postTransfer,
  reverseTransfer,
  type Transfer,
  type TransferRecord,
  type TransferRequest,
  verifyLedger,
  voidTransfer,
} from './index.ts';
import {
  type AccountSpec,
  accountId,
  allowance,
  EUR,
  NON_NEGATIVE,
  openAccounts,
  request,
  transferId,
} from './testing.ts';

const ACCOUNTS: readonly AccountSpec[] = [
  { id: 'ana', kind: 'person', bound: allowance(2_000) },
  { id: 'ben', kind: 'person', bound: allowance(0) },
  { id: 'cem', kind: 'person', bound: allowance(5_000) },
  { id: 'bakery', kind: 'project' },
  { id: 'premium', kind: 'premium', bound: NON_NEGATIVE },
  { id: 'fed-a', kind: 'federation' },
  { id: 'dan', kind: 'person', bound: allowance(1_000), pool: 'b' },
  { id: 'fed-b', kind: 'federation', pool: 'b' },
  { id: 'cash', unit: EUR },
  { id: 'cash2', unit: EUR, bound: NON_NEGATIVE },
];
const NAMES = ACCOUNTS.map((spec) => spec.id);
const CODES = ['work.credit', 'take.goods', 'work.service', 'federation.settle'];

type CreateOp = Extract<Op, { kind: 'create' }>;

type Op =
  | {
      kind: 'create';
      debit: number;
      credit: number;
      amount: number;
      pending: boolean;
      code: number;
      basicNeeds: boolean;
      sensible: boolean;
      reuse: number | null;
    }
  | { kind: 'post' | 'void' | 'reverse'; target: number }
  | { kind: 'batch'; items: Op[] };

const createOp = fc.record({
  kind: fc.constant('create' as const),
  debit: fc.nat(NAMES.length - 1),
  credit: fc.nat(NAMES.length - 1),
  amount: fc.integer({ min: 1, max: 1_500 }),
  pending: fc.boolean(),
  code: fc.nat(CODES.length - 1),
  basicNeeds: fc.boolean(),
  // Mostly a credit account of the debit account's pool and unit, so most transfers go through.
  sensible: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
  // Mostly a fresh id; sometimes an earlier one, to replay or reuse it.
  reuse: fc.oneof(
    { weight: 5, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.nat(30) },
  ),
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: createOp },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('post' as const, 'void' as const, 'reverse' as const),
      target: fc.nat(20),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('batch' as const),
      items: fc.array(createOp, { minLength: 1, maxLength: 5 }),
    }),
  },
);

/** Builds a ledger from ops; failures are expected and ignored (they must change nothing). */
function build(ops: readonly Op[]): { state: LedgerState; requests: TransferRequest[] } {
  const state = createLedger();
  openAccounts(state, ACCOUNTS);
  // Start with some credit on the bounded accounts, so that later debits can pass.
  const funding = [
    request('fund-ana', 'bakery', 'ana', 3_000),
    request('fund-ben', 'bakery', 'ben', 3_000),
    request('fund-premium', 'bakery', 'premium', 3_000, { code: 'premium' }),
    request('fund-dan', 'fed-b', 'dan', 3_000),
    request('fund-cash2', 'cash', 'cash2', 3_000, { unit: EUR, code: 'money.deposit' }),
  ];
  assert.ok(createTransfers(state, funding).ok);
  const requests: TransferRequest[] = [...funding];
  let next = 0;
  const toRequest = (op: CreateOp): TransferRequest => {
    const id = op.reuse !== null && op.reuse < next ? `t${op.reuse}` : `t${next++}`;
    const debit = NAMES[op.debit]!;
    const credit = op.sensible ? sameLedger(op.debit, op.credit) : NAMES[op.credit]!;
    const unit = ACCOUNTS[op.debit]!.unit ?? 'effort';
    return request(id, debit, credit, op.amount, {
      unit,
      code: CODES[op.code]!,
      pending: op.pending,
      ...(op.basicNeeds ? { boundException: 'basicNeeds' as const } : {}),
    });
  };
  for (const op of ops) {
    if (op.kind === 'create') {
      const req = toRequest(op);
      if (createTransfer(state, req).ok) requests.push(req);
    } else if (op.kind === 'batch') {
      const reqs = op.items.map((item) => toRequest(item as CreateOp));
      if (createTransfers(state, reqs).ok) requests.push(...reqs);
    } else {
      // Aim at a transfer that exists (now and then at one that does not).
      const ids = [...state.transfers.keys()];
      const target =
        op.target < 18 && ids.length > 0 ? ids[op.target % ids.length]! : transferId('none');
      if (op.kind === 'post') postTransfer(state, { transferId: target });
      if (op.kind === 'void') voidTransfer(state, { transferId: target });
      if (op.kind === 'reverse') {
        reverseTransfer(state, { id: transferId(`r${next++}`), originalId: target });
      }
    }
  }
  return { state, requests };
}

const ledgerArb = fc.array(opArb, { maxLength: 40, size: 'large' });

/** The `pick`-th account in the same pool and unit as account `debit`. */
function sameLedger(debit: number, pick: number): string {
  const spec = ACCOUNTS[debit]!;
  const peers = ACCOUNTS.filter((other) => other.pool === spec.pool && other.unit === spec.unit);
  return peers[pick % peers.length]!.id;
}

function checkConservation(state: LedgerState): void {
  const sums = new Map<string, { posted: number; pending: number }>();
  for (const record of state.accounts.values()) {
    const key = `${record.account.poolId}/${record.account.unit}`;
    const sum = sums.get(key) ?? { posted: 0, pending: 0 };
    sum.posted += record.creditsPosted - record.debitsPosted;
    sum.pending += record.creditsPending - record.debitsPending;
    sums.set(key, sum);
  }
  for (const [key, sum] of sums) assert.deepEqual(sum, { posted: 0, pending: 0 }, key);
}

describe('ledger invariants (MODEL.md §6)', () => {
  test('1. every unit sums to zero, posted and pending, in every pool', () => {
    fc.assert(
      fc.property(ledgerArb, (ops) => {
        const { state } = build(ops);
        checkConservation(state);
        assert.ok(verifyLedger(state).ok);
      }),
      { numRuns: 150 },
    );
  });

  test('2. replaying every accepted request changes nothing', () => {
    fc.assert(
      fc.property(ledgerArb, (ops) => {
        const { state, requests } = build(ops);
        const before = structuredClone(state);
        for (const req of requests) {
          const replay = createTransfer(state, req);
          assert.ok(replay.ok);
          assert.deepEqual(replay.value.events, [
            { type: 'transfer.duplicate', transferId: req.id },
          ]);
        }
        assert.ok(createTransfers(state, requests.slice(0, 50)).ok);
        assert.deepEqual(state, before);
      }),
      { numRuns: 100 },
    );
  });

  test('3. no account passes its bound except by a recorded basic-needs transfer', () => {
    fc.assert(
      fc.property(ledgerArb, (ops) => {
        const { state } = build(ops);
        for (const record of state.accounts.values()) {
          const floor = boundFloor(record.account.bound);
          const worst = getBalance(state, record.account.id)!.worstCaseBalance;
          if (floor === undefined || worst >= floor) continue;
          assert.equal(record.account.bound.kind, 'debitAllowance', record.account.id);
          const excused = [...state.transfers.values()].some(
            (t) => t.transfer.debitAccountId === record.account.id && t.transfer.boundExceptionUsed,
          );
          assert.ok(excused, `${record.account.id} at ${worst} below ${floor} without exception`);
        }
      }),
      { numRuns: 150 },
    );
  });

  test('3. a basic-needs exception is marked used exactly when the bound was in the way', () => {
    fc.assert(
      fc.property(ledgerArb, (ops) => {
        const { state } = build(ops);
        for (const { transfer } of state.transfers.values()) {
          if (transfer.boundExceptionUsed) assert.equal(transfer.boundException, 'basicNeeds');
        }
      }),
      { numRuns: 50 },
    );
  });

  test('6. atomic batches: a batch with a failing item changes nothing at all', () => {
    fc.assert(
      fc.property(
        ledgerArb,
        fc.array(createOp, { minLength: 1, maxLength: 6 }),
        fc.nat(6),
        (ops, items, position) => {
          const { state } = build(ops);
          const before = structuredClone(state);
          const batch = items.map((item, index) =>
            request(`b${index}`, NAMES[item.debit]!, NAMES[item.credit]!, item.amount, {
              unit: ACCOUNTS[item.debit]!.unit ?? 'effort',
              code: CODES[item.code]!,
              pending: item.pending,
            }),
          );
          const at = position % (batch.length + 1);
          batch.splice(at, 0, request('bad', 'ana', 'nobody', 1));
          const result = createTransfers(state, batch);
          assert.equal(result.ok, false);
          if (!result.ok) assert.ok(result.error.index! <= at);
          assert.deepEqual(state, before);
        },
      ),
      { numRuns: 100 },
    );
  });

  test('6. balances do not depend on the order of transfers', () => {
    const unbounded = ACCOUNTS.map((spec) => ({ ...spec, bound: { kind: 'unbounded' as const } }));
    const effortNames = unbounded.filter(
      (spec) => spec.unit === undefined && spec.pool === undefined,
    );
    const transferArb = fc.array(
      fc.record({
        debit: fc.nat(effortNames.length - 1),
        credit: fc.nat(effortNames.length - 1),
        amount: fc.integer({ min: 1, max: 10_000 }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(transferArb, fc.infiniteStream(fc.nat()), (items, randomness) => {
        const requests = items
          .filter((item) => item.debit !== item.credit)
          .map((item, index) =>
            request(
              `t${index}`,
              effortNames[item.debit]!.id,
              effortNames[item.credit]!.id,
              item.amount,
              { code: 'work.service' },
            ),
          );
        const shuffled = [...requests];
        for (let index = shuffled.length - 1; index > 0; index -= 1) {
          const other = randomness.next().value % (index + 1);
          [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
        }
        const balances = (order: TransferRequest[]) => {
          const state = createLedger();
          openAccounts(state, unbounded);
          for (const req of order) assert.ok(createTransfer(state, req).ok);
          return effortNames.map((spec) => getBalance(state, accountId(spec.id))!.postedBalance);
        };
        assert.deepEqual(balances(shuffled), balances(requests));
      }),
      { numRuns: 100 },
    );
  });
});

type Path = readonly (string | number)[];

/** Every field of every journal entry, with its path from the journal's entry list. */
function fieldPaths(state: LedgerState): { pool: string; index: number; path: Path }[] {
  const paths: { pool: string; index: number; path: Path }[] = [];
  const transferFields = [
    'id',
    'poolId',
    'debitAccountId',
    'creditAccountId',
    'amount',
    'unit',
    'code',
    'pending',
    'boundException',
    'boundExceptionUsed',
    'reference',
    'period',
    'reversalOf',
  ];
  for (const [pool, journal] of state.journals) {
    for (const entry of journal.entries) {
      const index = entry.index;
      for (const key of ['index', 'poolId', 'kind', 'previousHash', 'hash']) {
        paths.push({ pool, index, path: [key] });
      }
      if (entry.kind === 'created') {
        for (const key of transferFields) paths.push({ pool, index, path: ['transfer', key] });
      } else {
        paths.push({ pool, index, path: ['transferId'] });
      }
    }
  }
  return paths;
}

/** A different value of the same type, or a plausible value for an absent optional field. */
function tamper(value: unknown, key: string): unknown {
  if (typeof value === 'string') return `${value}x`;
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  const absent: Record<string, unknown> = {
    boundException: 'basicNeeds',
    reference: 'forged',
    period: 7,
    reversalOf: 't0',
  };
  return absent[key];
}

describe('7. the journal hash chain', () => {
  test('changing any field of any stored entry or transfer breaks verify at exactly that entry', () => {
    fc.assert(
      fc.property(ledgerArb, fc.nat(), (ops, pick) => {
        const { state } = build(ops);
        const paths = fieldPaths(state);
        fc.pre(paths.length > 0);
        const { pool, index, path } = paths[pick % paths.length]!;
        // The transfer in the ledger's map is the entry's own object: tampering with either is
        // the same change, which is the point.
        let target = state.journals.get(pool as never)!.entries[index] as unknown as Record<
          string,
          unknown
        >;
        for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
        const key = path[path.length - 1] as string;
        target[key] = tamper(target[key], key);
        const verified = verifyLedger(state);
        assert.equal(verified.ok, false, `tampered ${path.join('.')} went unnoticed`);
        if (!verified.ok) {
          assert.equal(verified.error.poolId, pool);
          assert.equal(verified.error.index, index, `${path.join('.')}: ${verified.error.detail}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('changing any field of a stored transfer record is caught at its created entry', () => {
    const changes: ((record: TransferRecord) => void)[] = [
      (record) => {
        (record as { transfer: Transfer }).transfer = { ...record.transfer, amount: 999_999 };
      },
      (record) => {
        record.state = record.state === 'posted' ? 'voided' : 'posted';
      },
      (record) => {
        (record as { createdAt: number }).createdAt += 1;
      },
      (record) => {
        record.resolvedAt = record.resolvedAt === undefined ? 0 : record.resolvedAt + 1;
      },
      (record) => {
        if (record.reversedBy === undefined) record.reversedBy = transferId('x');
        else delete record.reversedBy;
      },
    ];
    fc.assert(
      fc.property(ledgerArb, fc.nat(), fc.nat(changes.length - 1), (ops, pick, change) => {
        const { state } = build(ops);
        const records = [...state.transfers.values()];
        const record = records[pick % records.length]!;
        const index = record.createdAt;
        changes[change]!(record);
        const verified = verifyLedger(state);
        assert.equal(verified.ok, false);
        if (!verified.ok) {
          assert.equal(verified.error.reason, 'record_mismatch');
          assert.equal(verified.error.index, index);
          assert.equal(verified.error.transferId, record.transfer.id);
        }
      }),
      { numRuns: 150 },
    );
  });
});
