// The ledger's self-check on a small built-in pool: one month of reference §4.9's worked
// example (three people, a bakery and a bike workshop) posted through the effort ledger as one
// linked batch, then every invariant the ledger promises is checked on the result. This is what
// `npm start` runs until the scenario simulator becomes the main job.
import { type AccountId, asId, type PoolId, type TransferId } from '../core/ids.ts';
import {
  type AccountKind,
  createLedger,
  createTransfers,
  getBalance,
  getTransfer,
  type LedgerState,
  openAccount,
  reverseTransfer,
  type TransferRequest,
  verifyLedger,
} from '../core/ledger/index.ts';
import { type EffortMilli, effortFromWholeHours, effortMilli } from '../core/units.ts';

export interface SelfCheckBalance {
  readonly accountId: AccountId;
  readonly kind: AccountKind;
  readonly balanceEffortMilli: EffortMilli;
}

export interface SelfCheckReport {
  readonly balances: readonly SelfCheckBalance[];
  readonly transfers: number;
  readonly journalEntries: number;
  /** Each check with whether it held; the self-check passes when all hold. */
  readonly checks: readonly {
    readonly name: string;
    readonly held: boolean;
    readonly detail: string;
  }[];
  readonly passed: boolean;
}

const POOL = asId<'Pool'>('neighbourhood') as PoolId;
const DEBIT_ALLOWANCE = effortFromWholeHours(40);

const ACCOUNTS: readonly { id: string; kind: AccountKind }[] = [
  { id: 'ana', kind: 'person' },
  { id: 'ben', kind: 'person' },
  { id: 'cem', kind: 'person' },
  { id: 'bakery', kind: 'project' },
  { id: 'bike-shop', kind: 'project' },
];

/** Reference §4.9: work credited at its weight, goods taken at their posted price. */
function monthOfTransfers(): TransferRequest[] {
  const transfer = (
    id: string,
    debit: string,
    credit: string,
    wholeHours: number,
    code: string,
  ) => ({
    id: asId<'Transfer'>(id) as TransferId,
    debitAccountId: asId<'Account'>(debit) as AccountId,
    creditAccountId: asId<'Account'>(credit) as AccountId,
    amount: effortFromWholeHours(wholeHours),
    unit: 'effort' as const,
    code,
    period: 1,
  });
  return [
    // Work: Ana 20 h bakery at 0.8; Ben 10 h bikes at 1.2; Cem 15 h garbage at 2.0, booked
    // 4 WH to the bakery and 26 WH to the bike shop.
    transfer('work-ana-bakery', 'bakery', 'ana', 16, 'work.credit'),
    transfer('work-ben-bikes', 'bike-shop', 'ben', 12, 'work.credit'),
    transfer('work-cem-bakery', 'bakery', 'cem', 4, 'work.credit'),
    transfer('work-cem-bikes', 'bike-shop', 'cem', 26, 'work.credit'),
    // Takings at posted prices: bread 0.5 WH/kg, a bike 19 WH.
    transfer('take-ana-bread', 'ana', 'bakery', 6, 'take.goods'),
    transfer('take-ana-bike', 'ana', 'bike-shop', 19, 'take.goods'),
    transfer('take-ben-bread', 'ben', 'bakery', 5, 'take.goods'),
    transfer('take-cem-bread', 'cem', 'bakery', 8, 'take.goods'),
    transfer('take-cem-bike', 'cem', 'bike-shop', 19, 'take.goods'),
  ];
}

function openAccounts(ledger: LedgerState): void {
  for (const { id, kind } of ACCOUNTS) {
    const opened = openAccount(ledger, {
      id: asId<'Account'>(id) as AccountId,
      poolId: POOL,
      unit: 'effort',
      kind,
      ownerId: id,
      bound:
        kind === 'person'
          ? { kind: 'debitAllowance', allowance: DEBIT_ALLOWANCE }
          : { kind: 'unbounded' },
    });
    if (!opened.ok) throw new Error(`self-check could not open ${id}: ${opened.error.detail}`);
  }
}

export function runLedgerSelfCheck(): SelfCheckReport {
  const ledger = createLedger();
  openAccounts(ledger);
  const month = monthOfTransfers();
  const checks: { name: string; held: boolean; detail: string }[] = [];

  const posted = createTransfers(ledger, month);
  checks.push({
    name: 'the month posts as one linked batch',
    held: posted.ok,
    detail: posted.ok ? `${month.length} transfers` : posted.error.detail,
  });

  const replay = createTransfers(ledger, month);
  checks.push({
    name: 'replaying the batch with the same ids changes nothing',
    held: replay.ok && replay.value.events.every((event) => event.type === 'transfer.duplicate'),
    detail: replay.ok ? `${replay.value.events.length} duplicates` : replay.error.detail,
  });

  // A correction is a reversal, never an edit: Ben's bread is reversed and taken again.
  const reversed = reverseTransfer(ledger, {
    id: asId<'Transfer'>('take-ben-bread-reversal') as TransferId,
    originalId: asId<'Transfer'>('take-ben-bread') as TransferId,
    period: 1,
  });
  const retaken = createTransfers(ledger, [
    { ...month[6]!, id: asId<'Transfer'>('take-ben-bread-again') as TransferId },
  ]);
  checks.push({
    name: 'a correction by reversal leaves the original in place',
    held: reversed.ok && retaken.ok && getTransfer(ledger, month[6]!.id) !== undefined,
    detail: reversed.ok ? 'reversed and taken again' : reversed.error.detail,
  });

  const balances = ACCOUNTS.map(({ id, kind }) => {
    const accountId = asId<'Account'>(id) as AccountId;
    const balance = getBalance(ledger, accountId);
    return { accountId, kind, balanceEffortMilli: effortMilli(balance?.postedBalance ?? 0) };
  });
  const expected: Record<string, number> = {
    ana: -9000,
    ben: 7000,
    cem: 3000,
    bakery: -1000,
    'bike-shop': 0,
  };
  const mismatched = balances.filter((b) => b.balanceEffortMilli !== expected[b.accountId]);
  checks.push({
    name: 'balances are those of reference §4.9 (Ana −9, Ben +7, Cem +3 WH)',
    held: mismatched.length === 0,
    detail:
      mismatched.length === 0
        ? 'all five as expected'
        : `off: ${mismatched.map((b) => b.accountId).join(', ')}`,
  });

  const sum = balances.reduce((total, b) => total + b.balanceEffortMilli, 0);
  checks.push({
    name: 'the balances of the unit sum to zero',
    held: sum === 0,
    detail: `sum ${sum} mWH`,
  });

  const verified = verifyLedger(ledger);
  const summary = verified.ok ? verified.value.journals.get(POOL) : undefined;
  checks.push({
    name: "the pool journal's hash chain verifies",
    held: verified.ok,
    detail: verified.ok
      ? `${summary?.entries ?? 0} entries, head ${summary?.headHash.slice(0, 16) ?? ''}…`
      : verified.error.detail,
  });

  return {
    balances,
    transfers: verified.ok ? verified.value.transfers : 0,
    journalEntries: summary?.entries ?? 0,
    checks,
    passed: checks.every((check) => check.held),
  };
}
