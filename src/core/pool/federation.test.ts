// Proves federation at pool level: a member of pool A takes a bicycle made in pool B, each pool
// settles through its own federation account, the two accounts reconcile (with weight-index
// conversion), a write-off moves each side into its own adjustment account, no person touched,
// and work done by A's member for B's project works the debt off instead.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { asId, type PersonId, type PoolId, type ProjectId } from '../ids.ts';
import { createLedger, createTransfers, getBalance } from '../ledger/index.ts';
import { openAccounts } from '../ledger/testing.ts';
import { PPM_ONE } from '../units.ts';
import { accountKinds, conventionalChart, type PoolChart } from './chart.ts';
import { federationWriteOffShare, reconcileFederation } from './federation.ts';
import { settlePeriod } from './settlement.ts';

const poolA = asId<'Pool'>('poolA') as PoolId;
const poolB = asId<'Pool'>('poolB') as PoolId;
const dora = asId<'Person'>('dora') as PersonId;
const bikes = asId<'Project'>('bikes') as ProjectId;
const chartA = conventionalChart(poolA, [dora], [], [poolB]);
const chartB = conventionalChart(poolB, [], [bikes], [poolA]);

function open(chart: PoolChart, state = createLedger()) {
  openAccounts(
    state,
    [...accountKinds(chart)].map(([id, kind]) => ({
      id,
      kind,
      pool: chart.poolId,
      bound:
        kind === 'person' ? { kind: 'debitAllowance', allowance: 40_000 } : { kind: 'unbounded' },
    })),
  );
  return state;
}

const base = {
  period: 1,
  priceFactorPpm: PPM_ONE,
  mode: 'proportional' as const,
  openingBalances: new Map(),
  members: [],
};

/** Period 1 in pool A: Dora takes a 19 WH bicycle made in pool B. */
const takenInA = () =>
  settlePeriod({
    ...base,
    chart: chartA,
    batchId: 'a1',
    inventory: [],
    events: [
      {
        kind: 'federationTake',
        id: 'f1',
        personId: dora,
        otherPoolId: poolB,
        amountEffortMilli: 19_000,
      },
    ],
  });

/** Period 1 in pool B: the bike project supplies that bicycle to a member of pool A. */
const suppliedByB = () =>
  settlePeriod({
    ...base,
    chart: chartB,
    batchId: 'b1',
    inventory: [{ projectId: bikes, openingEffortMilli: 19_000, closingEffortMilli: 0 }],
    events: [
      {
        kind: 'federationSupply',
        id: 'f1',
        projectId: bikes,
        otherPoolId: poolA,
        amountEffortMilli: 19_000,
      },
    ],
  });

describe('federation of pools', () => {
  test('a cross-pool taking settles at pool level and reconciles', () => {
    const a = takenInA();
    const b = suppliedByB();
    assert.ok(a.ok && b.ok);
    assert.equal(a.value.identity.federationChangeEffortMilli, 19_000);
    assert.equal(b.value.identity.federationChangeEffortMilli, -19_000);

    const ledger = createLedger();
    open(chartA, ledger);
    open(chartB, ledger);
    assert.ok(createTransfers(ledger, a.value.transfers).ok);
    assert.ok(createTransfers(ledger, b.value.transfers).ok);
    const fedA = chartA.federation.get(poolB)!;
    const fedB = chartB.federation.get(poolA)!;
    const sideA = {
      poolId: poolA,
      balanceEffortMilli: getBalance(ledger, fedA)!.postedBalance,
      weightIndexMilli: 1000,
    };
    const sideB = {
      poolId: poolB,
      balanceEffortMilli: getBalance(ledger, fedB)!.postedBalance,
      weightIndexMilli: 1000,
    };
    const position = reconcileFederation(sideA, sideB);
    assert.ok(position.ok);
    assert.equal(position.value.debtorPoolId, 'poolA');
    assert.equal(position.value.creditorPoolId, 'poolB');
    assert.equal(position.value.amountInA, 19_000);

    // Forgiven by agreement: each pool moves its whole side into its adjustment account.
    const writeOff = (chart: PoolChart, side: typeof sideA, batchId: string) =>
      settlePeriod({
        ...base,
        period: 2,
        chart,
        batchId,
        inventory: [],
        events: [
          {
            kind: 'federationWriteOff',
            id: 'w',
            otherPoolId: side.poolId === poolA ? poolB : poolA,
            writtenOffEffortMilli: federationWriteOffShare(side.balanceEffortMilli, PPM_ONE),
          },
        ],
      });
    const writtenOffA = writeOff(chartA, sideA, 'a2');
    const writtenOffB = writeOff(chartB, sideB, 'b2');
    assert.ok(writtenOffA.ok && writtenOffB.ok);
    assert.equal(writtenOffA.value.transfers.length, 1);
    assert.equal(writtenOffB.value.transfers.length, 1);
    assert.ok(createTransfers(ledger, writtenOffA.value.transfers).ok);
    assert.ok(createTransfers(ledger, writtenOffB.value.transfers).ok);
    assert.equal(getBalance(ledger, fedA)!.postedBalance, 0);
    assert.equal(getBalance(ledger, fedB)!.postedBalance, 0);
    // A's members paid for goods they now owe nobody: a surplus that lowers A's prices;
    // B's project was credited with nobody paying: uncovered effort that raises B's prices.
    assert.equal(getBalance(ledger, chartA.adjustmentAccountId)!.postedBalance, 19_000);
    assert.equal(getBalance(ledger, chartB.adjustmentAccountId)!.postedBalance, -19_000);
    // Nothing to write off: no transfer.
    const nothing = writeOff(chartA, { ...sideA, balanceEffortMilli: 0 }, 'a3');
    assert.ok(nothing.ok);
    assert.deepEqual(nothing.value.transfers, []);
  });

  test('a member of the debtor pool works the debt off in the creditor pool', () => {
    const workedInA = settlePeriod({
      ...base,
      period: 2,
      chart: chartA,
      batchId: 'a2',
      inventory: [],
      events: [
        {
          kind: 'federationWork',
          id: 'w1',
          personId: dora,
          otherPoolId: poolB,
          amountEffortMilli: 19_000,
        },
      ],
    });
    const hostedInB = settlePeriod({
      ...base,
      period: 2,
      chart: chartB,
      batchId: 'b2',
      inventory: [{ projectId: bikes, openingEffortMilli: 0, closingEffortMilli: 19_000 }],
      events: [
        {
          kind: 'federationWorkHosted',
          id: 'w1',
          projectId: bikes,
          otherPoolId: poolA,
          amountEffortMilli: 19_000,
        },
      ],
    });
    const a1 = takenInA();
    const b1 = suppliedByB();
    assert.ok(a1.ok && b1.ok && workedInA.ok && hostedInB.ok);
    assert.equal(workedInA.value.identity.federationChangeEffortMilli, -19_000);
    assert.equal(hostedInB.value.identity.federationChangeEffortMilli, 19_000);

    const ledger = createLedger();
    open(chartA, ledger);
    open(chartB, ledger);
    for (const batch of [a1, b1, workedInA, hostedInB]) {
      assert.ok(createTransfers(ledger, batch.value.transfers).ok);
    }
    const fedA = chartA.federation.get(poolB)!;
    const fedB = chartB.federation.get(poolA)!;
    assert.equal(getBalance(ledger, fedA)!.postedBalance, 0);
    assert.equal(getBalance(ledger, fedB)!.postedBalance, 0);
    assert.equal(getBalance(ledger, chartA.persons.get(dora)!)!.postedBalance, 0);
    assert.equal(getBalance(ledger, chartA.adjustmentAccountId)!.postedBalance, 0);
    assert.equal(getBalance(ledger, chartB.adjustmentAccountId)!.postedBalance, 0);
    assert.deepEqual(
      workedInA.value.transfers.map((t) => [t.code, t.amount]),
      [['federation.work', 19_000]],
    );
  });

  test('weight indices convert; a mismatch is a typed failure', () => {
    const side = (poolId: PoolId, balance: number, w: number) => ({
      poolId,
      balanceEffortMilli: balance,
      weightIndexMilli: w,
      federationAccountId: asId<'Account'>('f'),
      adjustmentAccountId: asId<'Account'>('j'),
    });
    // A counts 10 WH at W̄ 1.2; B's hours are at W̄ 0.9: 10 × 0.9 / 1.2 = 7.5 WH in B.
    const converted = reconcileFederation(side(poolA, 10_000, 1200), side(poolB, -7_500, 900));
    assert.ok(converted.ok);
    assert.equal(converted.value.amountInB, 7_500);
    const creditor = reconcileFederation(side(poolA, -5, 1000), side(poolB, 5, 1000));
    assert.ok(creditor.ok);
    assert.equal(creditor.value.debtorPoolId, 'poolB');
    const even = reconcileFederation(side(poolA, 0, 1000), side(poolB, 0, 1000));
    assert.ok(even.ok);
    assert.equal(even.value.debtorPoolId, undefined);
    const mismatch = reconcileFederation(side(poolA, 10_000, 1000), side(poolB, -9_999, 1000));
    assert.ok(!mismatch.ok);
    assert.equal(mismatch.error.code, 'pool.federation_mismatch');
    assert.match(mismatch.error.detail, /difference 1 mWH/);
    assert.ok(reconcileFederation(side(poolA, 10_000, 1000), side(poolB, -9_999, 1000), 1).ok);
    const bad = reconcileFederation(side(poolA, 1, 0), side(poolB, -1, 1000));
    assert.equal(!bad.ok && bad.error.code, 'pool.bad_weight_index');
  });

  test('a partial write-off takes the share of each own balance, half-even, keeping the sign', () => {
    assert.equal(federationWriteOffShare(10_000, 500_000), 5_000);
    assert.equal(federationWriteOffShare(-10_000, 500_000), -5_000);
    assert.equal(federationWriteOffShare(-5, 500_000), -2); // −2.5 → −2 (half-even)
    assert.equal(federationWriteOffShare(7, 500_000), 4); // 3.5 → 4
    assert.equal(federationWriteOffShare(-12_345, PPM_ONE), -12_345);
  });

  test('a write-off event settles federation ↔ adjustment only; the identity holds', () => {
    const opening = new Map([...accountKinds(chartA).keys()].map((id) => [id, 0]));
    const fed = chartA.federation.get(poolB)!;
    opening.set(fed, 10_000);
    opening.set(chartA.persons.get(dora)!, -10_000);
    for (const [amount, debit, credit] of [
      [4_000, fed, chartA.adjustmentAccountId],
      [-4_000, chartA.adjustmentAccountId, fed],
    ] as const) {
      const settled = settlePeriod({
        chart: chartA,
        period: 2,
        batchId: 'a2',
        priceFactorPpm: PPM_ONE,
        mode: 'proportional',
        openingBalances: opening,
        events: [
          {
            kind: 'federationWriteOff',
            id: 'w',
            otherPoolId: poolB,
            writtenOffEffortMilli: amount,
          },
        ],
        members: [
          {
            personId: dora,
            allowanceEffortMilli: 40_000,
            carryOverCapEffortMilli: 200_000,
            donateTo: 'pool',
            contributing: true,
          },
        ],
        inventory: [],
      });
      assert.ok(settled.ok, settled.ok ? '' : settled.error.detail);
      assert.deepEqual(
        settled.value.transfers.map((t) => [t.debitAccountId, t.creditAccountId, t.amount, t.code]),
        [[debit, credit, 4_000, 'federation.writeOff']],
      );
      assert.equal(settled.value.identity.personsNetEffortMilli, 0);
      assert.equal(settled.value.identity.federationChangeEffortMilli, -amount);
      assert.equal(settled.value.identity.adjustmentEffortMilli, -amount);
    }
  });
});
