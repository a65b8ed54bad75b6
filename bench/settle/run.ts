// Settlement of a large pool (issue 7): settlePeriod (src/core/pool) on a seeded period with one
// work credit and one taking per member, then posting the result through the ledger service on
// SQLite (file, WAL, synchronous=FULL), and optionally PostgreSQL, with verify() afterwards.
// settlePeriod builds a period as ONE linked batch (all or nothing); the ledger takes up to
// 1,000,000 transfers in one batch, so both the small pool (A) and the large one (B) are settled,
// posted as their own single batch, verified, and compared balance by balance.
// Usage: npx tsx bench/settle/run.ts [--members=100000] [--small=4000] [--seed=42] [--postgres]
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { createLedgerService } from '../../src/app/ledger/ledger-service.ts';
import {
  type AccountId,
  asId,
  type PersonId,
  type PoolId,
  type ProductId,
  type ProjectId,
  type TransferId,
} from '../../src/core/ids.ts';
import {
  BATCH_TRANSFERS_MAX,
  type OpenAccountCommand,
  type TransferRequest,
} from '../../src/core/ledger/index.ts';
import {
  accountKinds,
  conventionalChart,
  type MemberSettings,
  type PeriodEvent,
  type PoolChart,
  type SettlementInput,
  settlePeriod,
} from '../../src/core/pool/index.ts';
import { drawBelow, mulberry32 } from '../../src/core/random.ts';
import { PPM_ONE } from '../../src/core/units.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { openPostgresStore } from '../../src/storage/postgres.ts';
import {
  createKyselyLedgerStore,
  type Dialect,
} from '../../src/storage/repositories/ledger-store.ts';
import type { Database } from '../../src/storage/schema.ts';
import { openSqliteStore } from '../../src/storage/sqlite.ts';
import { startPostgresCluster } from '../../test/support/postgres-cluster.ts';
import { hasSwitch, numberOption as option } from '../options.ts';

const MEMBERS = option('members', 100_000);
const SMALL = option('small', 4_000);
const SEED = option('seed', 42);
const PROJECTS = 200;
const ALLOWANCE = 1_000_000_000;
const POOL = asId<'Pool'>('pool-settle') as PoolId;

interface Period {
  readonly chart: PoolChart;
  readonly input: SettlementInput;
  /** The transfers the settlement consists of, built from the events as settlePeriod does
   *  (factor 1: a taking charges its posted price), credits first. */
  readonly transfers: TransferRequest[];
}

function period(members: number, seed: number): Period {
  const next = mulberry32(seed);
  const persons = Array.from({ length: members }, (_, i) => asId<'Person'>(`m${i}`) as PersonId);
  const projects = Array.from(
    { length: PROJECTS },
    (_, i) => asId<'Project'>(`p${i}`) as ProjectId,
  );
  const chart = conventionalChart(POOL, persons, projects);
  const events: PeriodEvent[] = [];
  const book = new Map<ProjectId, number>();
  const credits: TransferRequest[] = [];
  const debits: TransferRequest[] = [];
  const transfer = (
    id: string,
    debit: AccountId,
    credit: AccountId,
    amount: number,
    code: string,
  ) =>
    ({
      id: asId<'Transfer'>(id) as TransferId,
      debitAccountId: debit,
      creditAccountId: credit,
      amount,
      unit: 'effort',
      code,
      period: 1,
    }) as TransferRequest;
  for (let i = 0; i < members; i += 1) {
    const personId = persons[i]!;
    const worked = projects[drawBelow(next, PROJECTS)]!;
    const amount = 1 + drawBelow(next, 40_000);
    events.push({
      kind: 'work',
      id: `w${i}`,
      personId,
      projectId: worked,
      amountEffortMilli: amount,
    });
    book.set(worked, (book.get(worked) ?? 0) + amount);
    credits.push(
      transfer(
        `x-w${i}`,
        chart.projects.get(worked)!,
        chart.persons.get(personId)!,
        amount,
        'work.credit',
      ),
    );
    const took = projects[drawBelow(next, PROJECTS)]!;
    const units = 1 + drawBelow(next, 3);
    const price = 1 + drawBelow(next, 10_000);
    events.push({
      kind: 'take',
      id: `t${i}`,
      personId,
      projectId: took,
      productId: asId<'Product'>(`g${took}`) as ProductId,
      units,
      postedUnitPriceEffortMilli: price,
    });
    book.set(took, (book.get(took) ?? 0) - units * price);
    debits.push(
      transfer(
        `x-t${i}`,
        chart.persons.get(personId)!,
        chart.projects.get(took)!,
        units * price,
        'take.goods',
      ),
    );
  }
  const memberSettings: MemberSettings[] = persons.map((personId) => ({
    personId,
    allowanceEffortMilli: ALLOWANCE,
    carryOverCapEffortMilli: 1_000_000_000_000,
    donateTo: 'redistribution',
    contributing: true,
  }));
  const input: SettlementInput = {
    chart,
    period: 1,
    batchId: `s${seed}`,
    priceFactorPpm: PPM_ONE,
    mode: 'proportional',
    openingBalances: new Map(),
    events,
    members: memberSettings,
    // Each project declares exactly its book change, so the pool identity holds.
    inventory: projects.map((projectId) => ({
      projectId,
      openingEffortMilli: 0,
      closingEffortMilli: book.get(projectId) ?? 0,
    })),
  };
  return { chart, input, transfers: [...credits, ...debits] };
}

function openings(chart: PoolChart): OpenAccountCommand[] {
  return [...accountKinds(chart)].map(([id, kind]) => ({
    id,
    poolId: POOL,
    unit: 'effort',
    kind,
    ownerId: id,
    bound:
      kind === 'person' ? { kind: 'debitAllowance', allowance: ALLOWANCE } : { kind: 'unbounded' },
  }));
}

const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(2);

async function post(
  label: string,
  db: Kysely<Database>,
  dialect: Dialect,
  chart: PoolChart,
  batches: TransferRequest[][],
  expected?: ReadonlyMap<AccountId, number>,
) {
  await migrateToLatest(db as Kysely<unknown>);
  const ledger = createLedgerService(createKyselyLedgerStore(db, dialect));
  let t0 = performance.now();
  const accounts = openings(chart);
  for (let i = 0; i < accounts.length; i += BATCH_TRANSFERS_MAX) {
    const opened = await ledger.openAccounts(POOL, accounts.slice(i, i + BATCH_TRANSFERS_MAX));
    assert.ok(opened.ok, opened.ok ? '' : opened.error.detail);
  }
  const openSeconds = seconds(t0);
  t0 = performance.now();
  for (const batch of batches) {
    const result = await ledger.createTransfers(POOL, batch);
    assert.ok(result.ok, result.ok ? '' : `${result.error.code} ${result.error.detail}`);
  }
  const postSeconds = seconds(t0);
  const total = batches.reduce((n, b) => n + b.length, 0);
  t0 = performance.now();
  const [report] = await ledger.verify();
  assert.equal(report?.problem, undefined, JSON.stringify(report?.problem));
  if (expected) {
    // The stored balances are the settlement's closing balances, account by account.
    const rows = await db
      .selectFrom('ledger_accounts')
      .select(['id', 'debits_posted', 'credits_posted'])
      .where('pool_id', '=', POOL)
      .execute();
    for (const row of rows) {
      const balance = Number(row.credits_posted) - Number(row.debits_posted);
      assert.equal(balance, expected.get(row.id as AccountId) ?? 0, `balance of ${row.id}`);
    }
  }
  assert.equal(report?.transfers, total);
  assert.deepEqual(report?.balanceSumByUnit, { effort: 0 });
  console.log(
    `${label}: opened ${accounts.length} accounts in ${openSeconds} s; posted ${total} transfers in ${batches.length} linked batch(es) in ${postSeconds} s (${(total / Number(postSeconds)).toFixed(0)}/s); verify() clean in ${seconds(t0)} s`,
  );
  return ledger;
}

async function onBackends(
  label: string,
  chart: PoolChart,
  batches: TransferRequest[][],
  expected?: ReadonlyMap<AccountId, number>,
) {
  const dir = mkdtempSync(join(tmpdir(), 'peerconomy-settle-'));
  try {
    const store = openSqliteStore(dir);
    await post(`${label}, SQLite`, store.db, 'sqlite', chart, batches, expected);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!hasSwitch('postgres')) return;
  const cluster = await startPostgresCluster();
  try {
    const store = openPostgresStore(await cluster.createDatabase('settle'), 1);
    await post(`${label}, PostgreSQL`, store.db, 'postgres', chart, batches, expected);
    await store.close();
  } finally {
    cluster.stop();
  }
}

/** Settle a period of `members`, post its batch whole, verify, compare every balance. */
async function settleAndPost(label: string, members: number) {
  let t0 = performance.now();
  const generated = period(members, SEED);
  console.log(`${label} ${members} members: generated the period in ${seconds(t0)} s`);
  t0 = performance.now();
  const settled = settlePeriod(generated.input);
  const settleSeconds = seconds(t0);
  assert.ok(settled.ok, settled.ok ? '' : settled.error.detail);
  console.log(
    `${label} settlePeriod ${settleSeconds} s, ${settled.value.transfers.length} transfers`,
  );
  await onBackends(
    `${label} ${members} members, the settlement's one batch`,
    generated.chart,
    [[...settled.value.transfers]],
    settled.value.closingBalances,
  );
}

await settleAndPost('(A)', SMALL);
await settleAndPost('(B)', MEMBERS);
