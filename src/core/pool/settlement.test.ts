// Proves period settlement (reference §4.8–4.9): the Ana/Ben/Cem month and the e-bike premium
// to the mWH, the spoilage price factor, per-head mode, carry-over donations, arrears and
// basic needs, and by property that the pool identity holds, the batch posts to the ledger
// with the same balances, and the result does not depend on the order of events.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { AccountId, PersonId, PoolId, ProductId, ProjectId } from '../ids.ts';
import { asId } from '../ids.ts';
import { createLedger, createTransfers, getBalance } from '../ledger/index.ts';
import { openAccounts } from '../ledger/testing.ts';
import type { AccountBound, TransferRequest } from '../ledger/types.ts';
import { PPM_ONE, type Ppm, ppm } from '../units.ts';
import { accountKinds, conventionalChart, type PoolChart } from './chart.ts';
import {
  type MemberSettings,
  type PeriodEvent,
  type SettlementInput,
  settlePeriod,
} from './settlement.ts';

const person = (id: string) => asId<'Person'>(id) as PersonId;
const project = (id: string) => asId<'Project'>(id) as ProjectId;
const product = (id: string) => asId<'Product'>(id) as ProductId;
const POOL = asId<'Pool'>('vp') as PoolId;

const ana = person('ana');
const ben = person('ben');
const cem = person('cem');
const bakery = project('bakery');
const bikes = project('bikes');
const chart = conventionalChart(POOL, [ana, ben, cem], [bakery, bikes], [asId<'Pool'>('other')]);

const member = (id: PersonId, extra: Partial<MemberSettings> = {}): MemberSettings => ({
  personId: id,
  allowanceEffortMilli: 40_000,
  carryOverCapEffortMilli: 200_000,
  donateTo: 'pool',
  contributing: true,
  ...extra,
});

const work = (id: string, p: PersonId, pr: ProjectId, wh: number): PeriodEvent => ({
  kind: 'work',
  id,
  personId: p,
  projectId: pr,
  amountEffortMilli: wh * 1000,
});
const take = (
  id: string,
  p: PersonId,
  pr: ProjectId,
  what: string,
  units: number,
  unitPrice: number,
  extra: Partial<Extract<PeriodEvent, { kind: 'take' }>> = {},
): PeriodEvent => ({
  kind: 'take',
  id,
  personId: p,
  projectId: pr,
  productId: product(what),
  units,
  postedUnitPriceEffortMilli: unitPrice,
  ...extra,
});

/** Reference §4.9: one month, 3 persons, 2 projects, factor 1.0. */
const month: PeriodEvent[] = [
  work('w1', ana, bakery, 16),
  work('w2', ben, bikes, 12),
  work('w3', cem, bakery, 4),
  work('w4', cem, bikes, 26),
  take('t1', ana, bakery, 'bread', 12, 500),
  take('t2', ana, bikes, 'bicycle', 1, 19_000),
  take('t3', ben, bakery, 'bread', 10, 500),
  take('t4', cem, bakery, 'bread', 16, 500),
  take('t5', cem, bikes, 'bicycle', 1, 19_000),
];

function input(overrides: Partial<SettlementInput> = {}): SettlementInput {
  return {
    chart,
    period: 1,
    batchId: 'settle.vp.1',
    priceFactorPpm: PPM_ONE,
    mode: 'proportional',
    openingBalances: new Map(),
    events: month,
    members: [member(ana), member(ben), member(cem)],
    inventory: [
      { projectId: bakery, openingEffortMilli: 0, closingEffortMilli: 1_000 },
      { projectId: bikes, openingEffortMilli: 0, closingEffortMilli: 0 },
    ],
    ...overrides,
  };
}

function ledgerFor(c: PoolChart, allowance = 40_000) {
  const state = createLedger();
  const kinds = accountKinds(c);
  openAccounts(
    state,
    [...kinds].map(([id, kind]) => ({
      id,
      kind,
      pool: c.poolId,
      bound:
        kind === 'person'
          ? ({ kind: 'debitAllowance', allowance } as AccountBound)
          : ({ kind: 'unbounded' } as AccountBound),
    })),
  );
  return state;
}

describe('settlement (reference §4.9 worked example)', () => {
  test('Ana −9, Ben +7, Cem +3; pool net +1 WH equals the bread left in stock', () => {
    const result = settlePeriod(input());
    assert.ok(result.ok, !result.ok ? result.error.detail : '');
    const s = result.value;
    assert.deepEqual(
      s.members.map((m) => [m.personId, m.closingEffortMilli, m.status]),
      [
        ['ana', -9_000, 'ok'],
        ['ben', 7_000, 'ok'],
        ['cem', 3_000, 'ok'],
      ],
    );
    assert.equal(s.identity.personsNetEffortMilli, 1_000);
    assert.equal(s.identity.inventoryChangeEffortMilli, 1_000);
    assert.equal(s.baseEffortMilli, 57_000);
    assert.equal(s.nextPriceFactorPpm, 1_000_000);
    assert.equal(s.transfers.length, 9);
    // Credits first, in event order, then debits.
    assert.deepEqual(
      s.transfers.slice(0, 4).map((t) => t.code),
      ['work.credit', 'work.credit', 'work.credit', 'work.credit'],
    );
    assert.equal(s.transfers[0]!.id, 'settle.vp.1.000000');

    // The batch posts to the ledger as one linked batch and gives the same balances.
    const ledger = ledgerFor(chart);
    const posted = createTransfers(ledger, s.transfers);
    assert.ok(posted.ok);
    for (const [id, balance] of s.closingBalances) {
      assert.equal(getBalance(ledger, id)?.postedBalance ?? 0, balance, id);
    }
  });

  test('if the 2 kg spoil: Adj = 1 WH and the next factor is 1.017544 (reference: ≈ 1.0175)', () => {
    const result = settlePeriod(
      input({
        events: [
          ...month,
          { kind: 'writeOff', id: 'x1', projectId: bakery, amountEffortMilli: 1_000 },
        ],
        inventory: [{ projectId: bakery, openingEffortMilli: 0, closingEffortMilli: 0 }],
      }),
    );
    assert.ok(result.ok, !result.ok ? result.error.detail : '');
    assert.equal(result.value.identity.adjustmentEffortMilli, 1_000);
    // 1 + 1/57 = 1.017543859…, rounded half-even to ppm by ratioPpm.
    assert.equal(result.value.nextPriceFactorPpm, 1_017_544);
    assert.equal(result.value.netSurplusEffortMilli, -1_000);

    // Next month Ben takes 10 kg (5 WH posted): 5 000 × 1.017544 = 5 087.72 → 5 088 mWH.
    const next = settlePeriod(
      input({
        period: 2,
        batchId: 'settle.vp.2',
        priceFactorPpm: result.value.nextPriceFactorPpm,
        openingBalances: result.value.closingBalances,
        events: [take('t9', ben, bakery, 'bread', 10, 500)],
        inventory: [{ projectId: bakery, openingEffortMilli: 0, closingEffortMilli: -5_000 }],
      }),
    );
    assert.ok(next.ok, !next.ok ? next.error.detail : '');
    const benNow = next.value.members.find((m) => m.personId === 'ben')!;
    assert.equal(benNow.closingEffortMilli, 7_000 - 5_088);
    assert.deepEqual(
      next.value.transfers.map((t) => [t.code, t.amount]),
      [
        ['take.goods', 5_000],
        ['price.factor', 88],
      ],
    );
    // 88 of the 1 000 uncovered recovered; the rest carries into the next factor.
    assert.equal(next.value.netSurplusEffortMilli, -912);
  });

  test('a declared inventory that disagrees with the books is a typed failure naming it', () => {
    const result = settlePeriod(
      input({
        inventory: [{ projectId: bakery, openingEffortMilli: 0, closingEffortMilli: 999 }],
      }),
    );
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'pool.identity_violated');
    assert.match(result.error.detail, /bakery: books 1000, declared 999, difference 1/);
  });
});

describe('premiums and the price factor (reference §4.8)', () => {
  // 3 e-bikes won at 40 + 8 WH; other takings in the month at posted prices total 12,000 WH.
  const ebikeMonth: PeriodEvent[] = [
    ...['ana', 'ben', 'cem'].flatMap((p, i) => [
      take(`e${i}`, person(p), bikes, 'ebike', 1, 40_000, { pricing: { kind: 'auction' } }),
      {
        kind: 'premium',
        id: `e${i}p`,
        personId: person(p),
        productId: product('ebike'),
        amountEffortMilli: 8_000,
      } as PeriodEvent,
    ]),
    take('o1', ana, bakery, 'food', 1, 4_000_000),
    take('o2', ben, bakery, 'food', 1, 4_000_000),
    take('o3', cem, bakery, 'food', 1, 4_000_000),
    work('wa', ana, bakery, 4_048),
    work('wb', ben, bakery, 4_048),
    work('wc', cem, bakery, 4_048),
  ];
  const inventory = [
    { projectId: bakery, openingEffortMilli: 0, closingEffortMilli: 12_144_000 - 12_000_000 },
    { projectId: bikes, openingEffortMilli: 0, closingEffortMilli: -120_000 },
  ];

  test('Π = 24 WH over B = 12,000 WH gives 0.998; a 19 WH bicycle then costs 18.962 WH', () => {
    const result = settlePeriod(input({ events: ebikeMonth, inventory }));
    assert.ok(result.ok, !result.ok ? result.error.detail : '');
    assert.equal(result.value.identity.premiumEffortMilli, 24_000);
    assert.equal(result.value.baseEffortMilli, 12_000_000);
    assert.equal(result.value.nextPriceFactorPpm, 998_000);
    const next = settlePeriod(
      input({
        period: 2,
        batchId: 'settle.vp.2',
        priceFactorPpm: result.value.nextPriceFactorPpm,
        openingBalances: result.value.closingBalances,
        events: [take('b1', ben, bikes, 'bicycle', 1, 19_000)],
        inventory: [{ projectId: bikes, openingEffortMilli: 0, closingEffortMilli: -19_000 }],
      }),
    );
    assert.ok(next.ok, !next.ok ? next.error.detail : '');
    assert.deepEqual(
      next.value.transfers.map((t) => [t.code, t.debitAccountId, t.amount]),
      [
        ['take.goods', 'vp.person.ben', 18_962],
        ['price.factor', 'vp.premium', 38],
      ],
    );
  });

  test('per head: 24 WH over 100 contributors is 0.24 WH each, and the accounts are emptied', () => {
    const many = Array.from({ length: 100 }, (_, i) => person(`m${String(i).padStart(3, '0')}`));
    const big = conventionalChart(POOL, [...many], [bikes]);
    const events: PeriodEvent[] = [
      {
        kind: 'premium',
        id: 'p1',
        personId: many[0]!,
        productId: product('ebike'),
        amountEffortMilli: 24_000,
      },
      work('w1', many[0]!, bikes, 24),
    ];
    const result = settlePeriod(
      input({
        chart: big,
        mode: 'perHead',
        events,
        members: many.map((m) => member(m)),
        inventory: [{ projectId: bikes, openingEffortMilli: 0, closingEffortMilli: 24_000 }],
      }),
    );
    assert.ok(result.ok, !result.ok ? result.error.detail : '');
    assert.equal(result.value.perHead.length, 100);
    assert.ok(result.value.perHead.every((p) => p.amount === 240));
    assert.equal(result.value.nextPriceFactorPpm, PPM_ONE);
    assert.equal(result.value.closingBalances.get(big.premiumAccountId), 0);
    assert.equal(result.value.closingBalances.get(big.poolAccountId), 0);
    const ledger = ledgerFor(big);
    assert.ok(createTransfers(ledger, result.value.transfers).ok);
    assert.equal(getBalance(ledger, big.persons.get(many[1]!)!)?.postedBalance, 240);
  });

  test('per head with a deficit debits contributors; dependents are left out', () => {
    const result = settlePeriod(
      input({
        mode: 'perHead',
        events: [
          ...month,
          { kind: 'writeOff', id: 'x1', projectId: bakery, amountEffortMilli: 1_000 },
        ],
        members: [member(ana), member(ben), member(cem, { contributing: false })],
        inventory: [{ projectId: bakery, openingEffortMilli: 0, closingEffortMilli: 0 }],
      }),
    );
    assert.ok(result.ok, !result.ok ? result.error.detail : '');
    assert.deepEqual(
      result.value.perHead.map((p) => [p.id, p.amount]),
      [
        ['ana', -500],
        ['ben', -500],
      ],
    );
    assert.equal(result.value.closingBalances.get(chart.adjustmentAccountId), 0);
    assert.ok(createTransfers(ledgerFor(chart), result.value.transfers).ok);
  });
});

describe('premiums posted after the settlement batch (decision 0022)', () => {
  // The e-bike month again, with the 24 WH of premiums posted by a later batch of the period.
  const takings: PeriodEvent[] = [
    take('o1', ana, bakery, 'food', 1, 4_000_000),
    take('o2', ben, bakery, 'food', 1, 4_000_000),
    take('o3', cem, bakery, 'food', 1, 4_000_000),
    work('wa', ana, bakery, 4_000),
    work('wb', ben, bakery, 4_000),
    work('wc', cem, bakery, 4_000),
  ];
  const inventory = [{ projectId: bakery, openingEffortMilli: 0, closingEffortMilli: 0 }];

  test('proportional: the later 24 WH lower the next factor to 0.998 as if posted in the batch', () => {
    const result = settlePeriod(
      input({ events: takings, inventory, laterSurplusEffortMilli: 24_000 }),
    );
    assert.ok(result.ok, !result.ok ? result.error.detail : '');
    assert.equal(result.value.baseEffortMilli, 12_000_000);
    assert.equal(result.value.netSurplusEffortMilli, 24_000);
    assert.equal(result.value.laterSurplusEffortMilli, 24_000);
    assert.equal(result.value.nextPriceFactorPpm, 998_000);
    // The batch itself holds no premium: its balances and identity are the batch's own.
    assert.equal(result.value.closingBalances.get(chart.premiumAccountId), 0);
    assert.equal(result.value.identity.premiumEffortMilli, 0);
    assert.ok(result.value.transfers.every((t) => t.creditAccountId !== chart.premiumAccountId));
    // A later loss raises it: 12 WH uncovered after the batch → 1 + 12/12,000 = 1.001.
    const loss = settlePeriod(
      input({ events: takings, inventory, laterSurplusEffortMilli: -12_000 }),
    );
    assert.ok(loss.ok, !loss.ok ? loss.error.detail : '');
    assert.equal(loss.value.nextPriceFactorPpm, 1_001_000);
  });

  test('per head: the shares hand out only what the accounts hold; the later part waits', () => {
    const result = settlePeriod(
      input({
        mode: 'perHead',
        events: [
          ...takings,
          {
            kind: 'premium',
            id: 'p1',
            personId: ana,
            productId: product('ebike'),
            amountEffortMilli: 3_000,
          },
        ],
        inventory,
        laterSurplusEffortMilli: 24_000,
      }),
    );
    assert.ok(result.ok, !result.ok ? result.error.detail : '');
    // 3 WH in the batch over three contributors; the 24 WH of the later batch are not counted.
    assert.equal(result.value.netSurplusEffortMilli, 3_000);
    assert.deepEqual(
      result.value.perHead.map((p) => [p.id, p.amount]),
      [
        ['ana', 1_000],
        ['ben', 1_000],
        ['cem', 1_000],
      ],
    );
    assert.equal(result.value.nextPriceFactorPpm, PPM_ONE);
    assert.equal(result.value.closingBalances.get(chart.premiumAccountId), 0);
    assert.equal(result.value.closingBalances.get(chart.poolAccountId), 0);
  });

  test('a later surplus that is not an integer is refused', () => {
    const bad = settlePeriod(input({ laterSurplusEffortMilli: 0.5 }));
    assert.equal(!bad.ok && bad.error.code, 'pool.bad_amount');
  });
});

describe('balances, bounds and statuses', () => {
  test('above the carry-over cap the excess is donated as the member chose', () => {
    const result = settlePeriod(
      input({
        events: [work('w1', ana, bakery, 250), work('w2', ben, bakery, 230)],
        members: [member(ana, { donateTo: 'redistribution' }), member(ben), member(cem)],
        inventory: [{ projectId: bakery, openingEffortMilli: 0, closingEffortMilli: 480_000 }],
      }),
    );
    assert.ok(result.ok, !result.ok ? result.error.detail : '');
    const byId = new Map(result.value.members.map((m) => [m.personId, m]));
    assert.equal(byId.get(ana)?.donatedEffortMilli, 50_000);
    assert.equal(byId.get(ana)?.closingEffortMilli, 200_000);
    assert.equal(byId.get(ben)?.donatedEffortMilli, 30_000);
    assert.equal(result.value.closingBalances.get(chart.redistributionAccountId), 50_000);
    // Ben's donation to the pool is a surplus: it lowers the factor (no base: stays 1.0).
    assert.equal(result.value.netSurplusEffortMilli, 30_000);
    assert.equal(result.value.nextPriceFactorPpm, PPM_ONE);
  });

  test('basic needs may pass the allowance, flagged; optional takings may not', () => {
    const basic = settlePeriod(
      input({
        events: [take('t1', ana, bakery, 'bread', 100, 500, { basicNeeds: true })],
        inventory: [{ projectId: bakery, openingEffortMilli: 0, closingEffortMilli: -50_000 }],
      }),
    );
    assert.ok(basic.ok, !basic.ok ? basic.error.detail : '');
    const a = basic.value.members.find((m) => m.personId === 'ana')!;
    assert.equal(a.status, 'inArrears');
    assert.equal(a.basicNeedsException, true);
    assert.equal(basic.value.transfers[0]!.boundException, 'basicNeeds');
    const ledger = ledgerFor(chart);
    assert.ok(createTransfers(ledger, basic.value.transfers).ok);

    const optional = settlePeriod(
      input({
        events: [take('t1', ana, bakery, 'bread', 100, 500)],
        inventory: [{ projectId: bakery, openingEffortMilli: 0, closingEffortMilli: -50_000 }],
      }),
    );
    assert.ok(!optional.ok);
    assert.equal(optional.error.code, 'pool.bound_exceeded');
  });

  test('discounted surplus: the taker pays less, the shortfall is Adj', () => {
    const result = settlePeriod(
      input({
        events: [
          take('t1', ana, bakery, 'bread', 4, 500, {
            pricing: { kind: 'discount', discountPpm: ppm(250_000) },
          }),
        ],
        inventory: [{ projectId: bakery, openingEffortMilli: 0, closingEffortMilli: -2_000 }],
      }),
    );
    assert.ok(result.ok, !result.ok ? result.error.detail : '');
    assert.deepEqual(
      result.value.transfers.map((t) => [t.code, t.amount]),
      [
        ['take.discounted', 1_500],
        ['adjustment.discount', 500],
      ],
    );
    assert.equal(result.value.identity.adjustmentEffortMilli, 500);
    assert.equal(result.value.baseEffortMilli, 0);
  });

  test('already-posted work counts in balances but is not posted again', () => {
    const result = settlePeriod(
      input({
        events: [{ ...(work('w1', ana, bakery, 5) as object), alreadyPosted: true } as PeriodEvent],
        openingBalances: new Map<AccountId, number>(),
        inventory: [{ projectId: bakery, openingEffortMilli: 0, closingEffortMilli: 5_000 }],
      }),
    );
    assert.ok(result.ok, !result.ok ? result.error.detail : '');
    assert.equal(result.value.transfers.length, 0);
    assert.equal(result.value.alreadyPostedEffortMilli, 5_000);
    assert.equal(result.value.members.find((m) => m.personId === 'ana')?.closingEffortMilli, 5_000);
  });

  test('a departed member’s debt forgiven is borne by the pool through Adj', () => {
    const result = settlePeriod(
      input({
        events: [{ kind: 'forgiveness', id: 'f1', personId: cem, amountEffortMilli: 12_000 }],
        openingBalances: new Map([
          [chart.persons.get(cem)!, -12_000],
          [chart.projects.get(bakery)!, 12_000],
        ]),
        inventory: [],
      }),
    );
    assert.ok(result.ok, !result.ok ? result.error.detail : '');
    assert.equal(result.value.members.find((m) => m.personId === 'cem')?.closingEffortMilli, 0);
    assert.equal(result.value.identity.adjustmentEffortMilli, 12_000);
    assert.deepEqual(
      result.value.transfers.map((t) => [t.code, t.debitAccountId, t.amount]),
      [['adjustment.forgiven', 'vp.adjustment', 12_000]],
    );
  });

  test('a period larger than one ledger batch is refused', () => {
    const events = Array.from({ length: 10_001 }, (_, i) =>
      work(`w${String(i).padStart(5, '0')}`, ana, bakery, 1),
    );
    const result = settlePeriod(
      input({
        events,
        inventory: [{ projectId: bakery, openingEffortMilli: 0, closingEffortMilli: 10_001_000 }],
        batchTransfersMax: 10_000,
      }),
    );
    assert.equal(!result.ok && result.error.code, 'pool.batch_too_large');
    assert.equal(
      !result.ok && result.error.detail,
      '10002 transfers exceed the batch limit of 10000',
    );
    // Under the ledger's own limit the same period settles: 10 001 work credits and one
    // transfer of what exceeds Ana's carry-over cap.
    const whole = settlePeriod(
      input({
        events,
        inventory: [{ projectId: bakery, openingEffortMilli: 0, closingEffortMilli: 10_001_000 }],
      }),
    );
    assert.ok(whole.ok);
    assert.equal(whole.value.transfers.length, 10_002);
    assert.equal(whole.value.transfers.filter((t) => t.code === 'work.credit').length, 10_001);
  });

  test('bad input is refused with typed failures', () => {
    const dup = settlePeriod(input({ events: [month[0]!, month[0]!] }));
    assert.equal(!dup.ok && dup.error.code, 'pool.duplicate_event');
    const discount = settlePeriod(
      input({
        events: [
          take('t', ana, bakery, 'bread', 1, 500, {
            pricing: { kind: 'discount', discountPpm: ppm(1_000_001) },
          }),
        ],
      }),
    );
    assert.equal(!discount.ok && discount.error.code, 'pool.bad_amount');
    const neg = settlePeriod(input({ events: [work('w', ana, bakery, -1)] }));
    assert.equal(!neg.ok && neg.error.code, 'pool.bad_amount');
    const stranger = settlePeriod(input({ events: [work('w', person('zed'), bakery, 1)] }));
    assert.ok(!stranger.ok);
    assert.equal(stranger.error.code, 'pool.unknown_account');
    assert.match(stranger.error.detail, /person zed/);
  });
});

// ---------------------------------------------------------------------------------------
// Properties over random periods.

const eventArb = fc.oneof(
  fc.record({ kind: fc.constant('work' as const), p: fc.nat(2), pr: fc.nat(1), a: fc.nat(20_000) }),
  fc.record({
    kind: fc.constant('take' as const),
    p: fc.nat(2),
    pr: fc.nat(1),
    units: fc.integer({ min: 1, max: 5 }),
    price: fc.nat(8_000),
    pricing: fc.constantFrom('factor', 'auction', 'discount'),
    basicNeeds: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('premium' as const), p: fc.nat(2), a: fc.nat(5_000) }),
  fc.record({ kind: fc.constant('writeOff' as const), pr: fc.nat(1), a: fc.nat(3_000) }),
  fc.record({
    kind: fc.constant('estimate' as const),
    pr: fc.nat(1),
    a: fc.integer({ min: -2_000, max: 2_000 }),
  }),
  fc.record({ kind: fc.constant('input' as const), a: fc.nat(4_000) }),
  fc.record({ kind: fc.constant('fedTake' as const), p: fc.nat(2), a: fc.nat(4_000) }),
  fc.record({ kind: fc.constant('fedSupply' as const), pr: fc.nat(1), a: fc.nat(4_000) }),
);
type RawEvent = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

const persons = [ana, ben, cem];
const projects = [bakery, bikes];
const other = asId<'Pool'>('other') as PoolId;

/** Builds events and, independently of settlement, each project's inventory change. */
function build(raw: readonly RawEvent[]): {
  events: PeriodEvent[];
  change: Map<ProjectId, number>;
} {
  const change = new Map<ProjectId, number>(projects.map((p) => [p, 0]));
  const add = (p: ProjectId, a: number) => change.set(p, change.get(p)! + a);
  const events = raw.map((r, i): PeriodEvent => {
    const id = `e${String(i).padStart(3, '0')}`;
    switch (r.kind) {
      case 'work':
        add(projects[r.pr]!, r.a);
        return {
          kind: 'work',
          id,
          personId: persons[r.p]!,
          projectId: projects[r.pr]!,
          amountEffortMilli: r.a,
        };
      case 'take':
        // Whatever the pricing, the project is credited the posted price.
        add(projects[r.pr]!, -r.units * r.price);
        return take(id, persons[r.p]!, projects[r.pr]!, 'g', r.units, r.price, {
          basicNeeds: r.basicNeeds,
          pricing:
            r.pricing === 'discount'
              ? { kind: 'discount', discountPpm: ppm(300_000) }
              : { kind: r.pricing as 'factor' | 'auction' },
        });
      case 'premium':
        return {
          kind: 'premium',
          id,
          personId: persons[r.p]!,
          productId: product('g'),
          amountEffortMilli: r.a,
        };
      case 'writeOff':
        add(projects[r.pr]!, -r.a);
        return { kind: 'writeOff', id, projectId: projects[r.pr]!, amountEffortMilli: r.a };
      case 'estimate':
        add(projects[r.pr]!, -r.a);
        return {
          kind: 'estimateAdjustment',
          id,
          projectId: projects[r.pr]!,
          productId: product('g'),
          uncoveredEffortMilli: r.a,
        };
      case 'input':
        add(bikes, r.a);
        add(bakery, -r.a);
        return {
          kind: 'projectInput',
          id,
          consumerProjectId: bikes,
          producerProjectId: bakery,
          productId: product('flour'),
          amountEffortMilli: r.a,
        };
      case 'fedTake':
        return {
          kind: 'federationTake',
          id,
          personId: persons[r.p]!,
          otherPoolId: other,
          amountEffortMilli: r.a,
        };
      default:
        add(projects[r.pr]!, -r.a);
        return {
          kind: 'federationSupply',
          id,
          projectId: projects[r.pr]!,
          otherPoolId: other,
          amountEffortMilli: r.a,
        };
    }
  });
  return { events, change };
}

describe('settlement properties', () => {
  test('identity holds, the ledger agrees, nothing passes a bound unflagged, order is irrelevant', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 25 }),
        fc.integer({ min: 900_000, max: 1_100_000 }),
        fc.constantFrom('proportional' as const, 'perHead' as const),
        fc.array(fc.integer({ min: -30_000, max: 60_000 }), { minLength: 3, maxLength: 3 }),
        (raw, factor, mode, opening) => {
          const { events, change } = build(raw);
          // Opening balances: persons as drawn; a project holds the matching inventory.
          const openingBalances = new Map<AccountId, number>();
          persons.forEach((p, i) => {
            openingBalances.set(chart.persons.get(p)!, opening[i]!);
          });
          const total = opening.reduce((a, b) => a + b, 0);
          openingBalances.set(chart.projects.get(bakery)!, -total);
          const settlementInput = input({
            events,
            mode,
            priceFactorPpm: ppm(factor) as Ppm,
            openingBalances,
            inventory: projects.map((p) => ({
              projectId: p,
              openingEffortMilli: p === bakery ? total : 0,
              closingEffortMilli: (p === bakery ? total : 0) + change.get(p)!,
            })),
          });
          const result = settlePeriod(settlementInput);
          if (!result.ok) {
            // The only refusal allowed for consistent books is an optional taking past a bound.
            assert.equal(result.error.code, 'pool.bound_exceeded', result.error.detail);
            return;
          }
          const s = result.value;
          // Zero sum.
          let sum = 0;
          for (const balance of s.closingBalances.values()) sum += balance;
          assert.equal(sum, 0);
          // The ledger accepts the batch (bounds included) and ends with the same balances.
          const ledger = ledgerFor(chart);
          const seed = [...openingBalances].filter(([, b]) => b !== 0);
          const seeded = createTransfers(
            ledger,
            seed.map(([id, b], i) => ({
              id: asId<'Transfer'>(`open.${i}`),
              debitAccountId: b > 0 ? chart.poolAccountId : id,
              creditAccountId: b > 0 ? id : chart.poolAccountId,
              amount: Math.abs(b),
              unit: 'effort',
              code: 'opening',
              boundException: 'basicNeeds',
            })),
          );
          assert.ok(seeded.ok);
          const posted = createTransfers(ledger, s.transfers);
          assert.ok(posted.ok, !posted.ok ? posted.error.detail : '');
          for (const [id, balance] of s.closingBalances) {
            assert.equal(getBalance(ledger, id)?.postedBalance ?? 0, balance, id);
          }
          // No member passes −allowance except through flagged basic-needs takings.
          for (const m of s.members) {
            if (m.closingEffortMilli >= -40_000) continue;
            const account = chart.persons.get(m.personId)!;
            assert.ok(
              s.transfers.some(
                (t) => t.debitAccountId === account && t.boundException === 'basicNeeds',
              ),
              `${m.personId} below its bound without a basic-needs taking`,
            );
          }
          // Order independence: reversed events give the same settlement.
          const reversed = settlePeriod({ ...settlementInput, events: [...events].reverse() });
          assert.deepEqual(reversed, result);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('over periods the price factor recovers a surplus or deficit to within rounding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -500_000, max: 500_000 }),
        fc.array(fc.integer({ min: 100, max: 50_000 }), { minLength: 1, maxLength: 20 }),
        (surplus, prices) => {
          // Period 1: a premium (surplus > 0) or a write-off (surplus < 0) and the takings.
          const shock: PeriodEvent =
            surplus >= 0
              ? {
                  kind: 'premium',
                  id: 's',
                  personId: ana,
                  productId: product('x'),
                  amountEffortMilli: surplus,
                }
              : { kind: 'writeOff', id: 's', projectId: bikes, amountEffortMilli: -surplus };
          const takings = (period: number) =>
            prices.map((p, i) =>
              take(`p${period}.${String(i).padStart(2, '0')}`, cem, bakery, 'g', 1, p),
            );
          const total = prices.reduce((a, b) => a + b, 0);
          const first = settlePeriod(
            input({
              events: [shock, ...takings(1)],
              members: [],
              inventory: [
                { projectId: bakery, openingEffortMilli: 0, closingEffortMilli: -total },
                {
                  projectId: bikes,
                  openingEffortMilli: 0,
                  closingEffortMilli: Math.min(0, surplus),
                },
              ],
            }),
          );
          assert.ok(first.ok, !first.ok ? first.error.detail : '');
          assert.equal(first.value.netSurplusEffortMilli, surplus);
          // Period 2: the same takings at the new factor.
          const second = settlePeriod(
            input({
              period: 2,
              batchId: 'settle.vp.2',
              priceFactorPpm: first.value.nextPriceFactorPpm,
              openingBalances: first.value.closingBalances,
              events: takings(2),
              members: [],
              inventory: [{ projectId: bakery, openingEffortMilli: 0, closingEffortMilli: -total }],
            }),
          );
          assert.ok(second.ok, !second.ok ? second.error.detail : '');
          const left = second.value.netSurplusEffortMilli;
          if (first.value.nextPriceFactorPpm > 0) {
            // Per taking at most ½ mWH of rounding, plus the factor's own ½ ppm over B.
            assert.ok(Math.abs(left) <= prices.length / 2 + total / 2_000_000 + 1, `left ${left}`);
          } else {
            // The surplus exceeded the base: the takings were free and the rest carries.
            assert.equal(left, surplus - total);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('a premium moves the next factor the same whether posted in the batch or after it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 100, max: 50_000 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.record({ amount: fc.integer({ min: 0, max: 40_000 }), late: fc.boolean() }), {
          maxLength: 6,
        }),
        fc.integer({ min: -20_000, max: 20_000 }),
        (prices, premiums, openingSurplus) => {
          const total = prices.reduce((a, b) => a + b, 0);
          const premium = (i: number, amount: number): PeriodEvent => ({
            kind: 'premium',
            id: `q${i}`,
            personId: ana,
            productId: product('x'),
            amountEffortMilli: amount,
          });
          const settle = (events: PeriodEvent[], later: number) =>
            settlePeriod(
              input({
                priceFactorPpm: ppm(950_000),
                // What earlier periods left in the premium account, to be spent or carried.
                openingBalances: new Map([
                  [chart.premiumAccountId, openingSurplus],
                  [chart.persons.get(ana)!, -openingSurplus],
                ]),
                events: [
                  ...prices.map((p, i) =>
                    take(`t${String(i).padStart(2, '0')}`, cem, bakery, 'g', 1, p),
                  ),
                  ...events,
                ],
                members: [],
                inventory: [
                  { projectId: bakery, openingEffortMilli: 0, closingEffortMilli: -total },
                ],
                laterSurplusEffortMilli: later,
              }),
            );
          const all = settle(
            premiums.map((q, i) => premium(i, q.amount)),
            0,
          );
          const split = settle(
            premiums.flatMap((q, i) => (q.late ? [] : [premium(i, q.amount)])),
            premiums.reduce((t, q) => t + (q.late ? q.amount : 0), 0),
          );
          assert.ok(all.ok && split.ok);
          assert.equal(split.value.netSurplusEffortMilli, all.value.netSurplusEffortMilli);
          assert.equal(split.value.nextPriceFactorPpm, all.value.nextPriceFactorPpm);
          // S is the premium and adjustment accounts' balance once the later batch is posted.
          const lateSum = split.value.laterSurplusEffortMilli;
          assert.equal(
            split.value.closingBalances.get(chart.premiumAccountId)! +
              split.value.closingBalances.get(chart.adjustmentAccountId)! +
              lateSum,
            split.value.netSurplusEffortMilli,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  test('a premium Π over base B moves every next-period price exactly as the formula says', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 8 }),
        (baseAmount, premium, prices) => {
          const result = settlePeriod(
            input({
              events: [
                take('b', ana, bakery, 'food', 1, baseAmount),
                {
                  kind: 'premium',
                  id: 'p',
                  personId: ben,
                  productId: product('x'),
                  amountEffortMilli: premium,
                },
              ],
              members: [],
              inventory: [
                { projectId: bakery, openingEffortMilli: 0, closingEffortMilli: -baseAmount },
              ],
            }),
          );
          assert.ok(result.ok, !result.ok ? result.error.detail : '');
          const f = result.value.nextPriceFactorPpm;
          // priceFactor = 1 − Π / B, in ppm rounded half-even, never below 0.
          const expected = halfEven(BigInt(baseAmount - premium) * 1_000_000n, BigInt(baseAmount));
          assert.equal(f, Math.max(0, Number(expected)));

          // Next period every taking costs posted × f (half-even); the project receives the
          // posted price exactly and the premium account pays the difference, to the mWH.
          const next = settlePeriod(
            input({
              period: 2,
              batchId: 'settle.vp.2',
              priceFactorPpm: f,
              openingBalances: result.value.closingBalances,
              members: [],
              events: prices.map((p, i) => take(`n${i}`, cem, bikes, `g${i}`, 1, p)),
              inventory: [
                {
                  projectId: bikes,
                  openingEffortMilli: 0,
                  closingEffortMilli: -prices.reduce((a, b) => a + b, 0),
                },
              ],
            }),
          );
          assert.ok(next.ok, !next.ok ? next.error.detail : '');
          const cemAccount = chart.persons.get(cem)!;
          const nextTransfers: readonly TransferRequest[] = next.value.transfers;
          for (const [i, p] of prices.entries()) {
            const legs = nextTransfers.filter((t) => t.reference === `g${i}`);
            const paid = legs
              .filter((t) => t.debitAccountId === cemAccount)
              .reduce((sum, t) => sum + t.amount, 0);
            const toProject = legs
              .filter((t) => t.creditAccountId === chart.projects.get(bikes))
              .reduce((sum, t) => sum + t.amount, 0);
            assert.equal(paid, Number(halfEven(BigInt(p) * BigInt(f), 1_000_000n)));
            assert.equal(toProject, p);
          }
          const spent =
            result.value.closingBalances.get(chart.premiumAccountId)! -
            next.value.closingBalances.get(chart.premiumAccountId)!;
          const paidAll = prices.reduce(
            (sum, p) => sum + Number(halfEven(BigInt(p) * BigInt(f), 1_000_000n)),
            0,
          );
          const postedAll = prices.reduce((a, b) => a + b, 0);
          if (f <= 1_000_000) assert.equal(spent, postedAll - paidAll);
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** n / d rounded half-even, written out independently of units.ts. */
function halfEven(n: bigint, d: bigint): bigint {
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  let q = magnitude / d;
  const r = magnitude % d;
  if (r * 2n > d || (r * 2n === d && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}
